package dev.coroner.coredump;

import static dev.coroner.coredump.Bytes.custom;
import static dev.coroner.coredump.Bytes.file;
import static dev.coroner.coredump.Bytes.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The name-section reader on hand-written modules. Offsets are absolute: header 0..7, the custom
 * section's id at 8, its size at 9, the name "name" at 10..14, so the payload starts at 15.
 */
class NameSectionTest {

  /** Module name "m"; functions 0 "f", 2 "g"; locals of function 0: 0 "x", 1 "y"; a types subsection. */
  static final String NAMES =
      "00 02 01 6d" // 15: subsection 0, size 2, name "m"
          + " 01 07 02 00 01 66 02 01 67" // 19: subsection 1, size 7, 2 names: 0 "f", 2 "g"
          + " 02 09 01 00 02 00 01 78 01 01 79" // 28: subsection 2: function 0: 0 "x", 1 "y"
          + " 04 01 00"; // 39: subsection 4 (type names), skipped

  private static void assertRejected(byte[] module, long offset, String messagePart) {
    CoreDumpFormatException e =
        assertThrows(CoreDumpFormatException.class, () -> NameSection.fromModule(module));
    assertTrue(
        e.getMessage().contains(messagePart),
        () -> "message \"" + e.getMessage() + "\" lacks \"" + messagePart + "\"");
    assertEquals(offset, e.offset(), () -> "offset of: " + e.getMessage());
  }

  @Test
  void readsModuleFunctionAndLocalNames() throws Exception {
    NameSection n = NameSection.fromModule(file(section(1, "00"), custom("name", NAMES)));
    assertEquals(Optional.of("m"), n.moduleName());
    assertEquals(Map.of(0, "f", 2, "g"), n.functionNames());
    assertEquals(Optional.of("g"), n.functionName(2));
    assertEquals(Optional.empty(), n.functionName(1));
    assertEquals(Optional.of("y"), n.localName(0, 1));
    assertEquals(Optional.empty(), n.localName(2, 0));
  }

  @Test
  void aModuleWithoutNameSectionHasNone() throws Exception {
    assertSame(NameSection.NONE, NameSection.fromModule(file(section(1, "00"), custom("x", ""))));
  }

  @Test
  void rejectsAFileThatIsNotAModule() {
    assertRejected(Bytes.hex("13 37 42 00 01 02 03 04"), 0, "not a Wasm binary: bad magic number");
  }

  @Test
  void rejectsSubsectionsOutOfOrderOrRepeated() {
    // 15: subsection 1 (empty map), 18: subsection 0
    assertRejected(
        file(custom("name", "01 01 00 00 02 01 6d")), 18, "name subsection 0 out of order (after subsection 1)");
    assertRejected(file(custom("name", "01 01 00 01 01 00")), 18, "duplicate name subsection 1");
  }

  @Test
  void rejectsSubsectionPastTheEndOfTheSection() {
    // 15: subsection 0, 16: size 9 with 2 bytes left
    assertRejected(
        file(custom("name", "00 09 01 6d")), 16,
        "name subsection 0 size 9 extends past the end of the name section (2 bytes left)");
  }

  @Test
  void rejectsBytesLeftOverInAKnownSubsection() {
    // 15: subsection 0, size 3: name "m" (17..18), then a stray byte at 19
    assertRejected(
        file(custom("name", "00 03 01 6d 00")), 19,
        "1 byte left over after the module name (subsection 0) of the name section");
  }

  @Test
  void rejectsNameMapIndicesThatDoNotIncrease() {
    // 15: subsection 1, size 7, 2 names: 2 "g" (18), then 0 "f" at 21
    assertRejected(
        file(custom("name", "01 07 02 02 01 67 00 01 66")), 21,
        "function name index 0 out of order (after index 2");
    assertRejected(
        file(custom("name", "01 07 02 02 01 67 02 01 66")), 21, "duplicate function name index 2");
    // local names: 17 count 2, 18 function 1 (no names), 20 function 1 again
    assertRejected(
        file(custom("name", "02 05 02 01 00 01 00")), 20, "duplicate local names function index 1");
  }

  @Test
  void rejectsInvalidUtf8InAName() {
    // 15: subsection 0, size 2, 17: length 1, 18: 0xff
    assertRejected(file(custom("name", "00 02 01 ff")), 18, "invalid UTF-8 in module name");
  }

  @Test
  void rejectsASecondNameSection() {
    byte[] names = custom("name", "00 02 01 6d"); // 11 bytes: the second starts at 8 + 11 = 19
    assertRejected(file(names, names), 19, "duplicate name section");
  }

  @Test
  void rejectsAModuleWhoseFramingIsBroken() {
    // a name section after a section whose size runs past the end of the file
    assertRejected(file(section(1, "00"), Bytes.hex("03 09 00")), 12, "section size 9 extends past the end");
  }

  @Test
  void copiesTheMapsItIsGiven() {
    java.util.HashMap<Integer, String> functions = new java.util.HashMap<>(Map.of(1, "a"));
    NameSection n = new NameSection(Optional.empty(), functions, Map.of(1, Map.of(0, "p")));
    functions.put(2, "b");
    assertEquals(Map.of(1, "a"), n.functionNames());
    assertEquals(Optional.of("p"), n.localName(1, 0));
  }
}
