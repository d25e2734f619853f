package dev.coroner.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * One malformation at a time in the hand-made DWARF 5 module: each error names the section, the
 * exact byte (in the section and in the module) and what is wrong.
 */
class DwarfErrorsTest {

  private static byte[] patched(String section, int offset, int... bytes) {
    byte[] module = SyntheticModules.dwarf5Indexed();
    int start = TestModules.customSections(module).get(section)[0];
    for (int i = 0; i < bytes.length; i++) {
      module[start + offset + i] = (byte) bytes[i];
    }
    return module;
  }

  private static DwarfException error(byte[] module) {
    return assertThrows(DwarfException.class, () -> Symbolizer.of(module).locate(1, 0));
  }

  private static void assertError(byte[] module, String section, long offset, String reason) {
    DwarfException e = error(module);
    assertEquals(section, e.section());
    assertEquals(reason, e.reason());
    assertEquals(offset, e.sectionOffset());
    assertEquals(TestModules.customSections(module).get(section)[0] + offset, e.moduleOffset());
    assertEquals(section + ": " + reason + " (at offset 0x" + Long.toHexString(offset) + " in "
        + section + ", 0x" + Long.toHexString(e.moduleOffset()) + " in the module)",
        e.getMessage());
  }

  @Test
  void unsupportedUnitVersion() {
    assertError(patched(".debug_info", 4, 6, 0), ".debug_info", 4,
        "unsupported DWARF version 6 (this reader knows 2 to 5)");
  }

  @Test
  void undeclaredAbbreviationCode() {
    assertError(patched(".debug_info", 12, 9), ".debug_info", 12,
        "DIE uses abbreviation code 9, which the unit's abbreviation table (at 0x0 in"
            + " .debug_abbrev) does not declare");
  }

  @Test
  void unknownAttributeForm() {
    // Abbreviation 1: code, tag, children, then DW_AT_name's form at offset 4.
    assertError(patched(".debug_abbrev", 4, 0x7f), ".debug_info", 13,
        "unknown attribute form 0x7f for attribute 0x3");
  }

  @Test
  void unitLengthPastTheSection() {
    assertError(patched(".debug_info", 0, 0xff, 0xff, 0, 0), ".debug_info", 0,
        "unit length 0xffff runs past the end of .debug_info (0x39 bytes left)");
  }

  @Test
  void unsupportedLineTableVersion() {
    assertError(patched(".debug_line", 4, 1, 0), ".debug_line", 4,
        "unsupported line table version 1 (this reader knows 2 to 5)");
  }

  @Test
  void stringIndexPastTheOffsetsTable() {
    // The unit DIE's DW_AT_comp_dir (read for file names) is strx1 1 at offset 14 of
    // .debug_info: make it index 200.
    assertError(patched(".debug_info", 14, 200), ".debug_str_offsets", 8,
        "string index 200 is past the end of the .debug_str_offsets section (base 0x8)");
  }

  @Test
  void notAModuleAtAll() {
    DwarfException e = assertThrows(DwarfException.class,
        () -> Symbolizer.of(new byte[] {1, 2, 3}).locate(0, 0));
    assertEquals("module: not a WebAssembly module (no \\0asm magic) (at offset 0x0 in module,"
        + " 0x0 in the module)", e.getMessage());
  }
}
