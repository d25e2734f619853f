package dev.coroner.coredump;

import static dev.coroner.coredump.Bytes.custom;
import static dev.coroner.coredump.Bytes.file;
import static dev.coroner.coredump.Bytes.section;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Section framing of any Wasm binary, and the registry of custom sections known by name. */
class ModuleSectionsTest {

  @Test
  void listsEverySectionWithItsOffsets() throws Exception {
    // 8: type section (01 01 00), 11: custom ".debug_info" (00 0e 0b ".debug_info" 01 02),
    // 27: code section (0a 01 00)
    byte[] module = file(section(1, "00"), custom(".debug_info", "01 02"), section(10, "00"));
    List<ModuleSections.Section> s = ModuleSections.read(module);
    assertEquals(
        List.of(
            new ModuleSections.Section(1, "type", 8, 10, 1),
            new ModuleSections.Section(0, ".debug_info", 11, 25, 2),
            new ModuleSections.Section(10, "code", 27, 29, 1)),
        s);
    assertEquals(Optional.of(KnownCustomSection.DWARF), s.get(1).known());
    assertEquals(Optional.empty(), s.get(0).known());
    assertArrayEquals(Bytes.hex("01 02"), s.get(1).payload(module));
    assertEquals(List.of(s.get(1)), ModuleSections.find(module, KnownCustomSection.DWARF));
  }

  @Test
  void rejectsBrokenFraming() {
    CoreDumpFormatException unknown =
        assertThrows(CoreDumpFormatException.class, () -> ModuleSections.read(file(section(14, ""))));
    assertEquals(8, unknown.offset());
    CoreDumpFormatException order =
        assertThrows(
            CoreDumpFormatException.class,
            () -> ModuleSections.read(file(section(10, ""), section(3, ""))));
    assertEquals(10, order.offset());
    assertTrue(order.reason().startsWith("function section out of order (after the code section"));
  }

  @Test
  void knowsCustomSectionsByNameAndFamily() {
    assertEquals(Optional.of(KnownCustomSection.NAME), KnownCustomSection.of("name"));
    assertEquals(Optional.of(KnownCustomSection.CORE_STACK), KnownCustomSection.of("corestack"));
    assertEquals(Optional.of(KnownCustomSection.DWARF), KnownCustomSection.of(".debug_line"));
    assertEquals(Optional.of(KnownCustomSection.RELOC), KnownCustomSection.of("reloc.CODE"));
    assertEquals(Optional.empty(), KnownCustomSection.of(".debug_"));
    assertEquals(Optional.empty(), KnownCustomSection.of("Name"));
    assertEquals(Optional.empty(), KnownCustomSection.of("corestacks"));
    assertTrue(KnownCustomSection.CORE_INSTANCES.isCoredump());
    assertFalse(KnownCustomSection.NAME.isCoredump());
  }

  @Test
  void valueTypesHaveOneVocabulary() {
    for (ValueType t : ValueType.values()) {
      assertEquals(t, ValueType.fromCode(t.code()));
      assertEquals(Optional.of(t), ValueType.fromTextName(t.textName()));
      Value.Kind k = Value.Kind.of(t);
      assertEquals(t.isNumber() ? Optional.of(t) : Optional.empty(), k.type());
      if (t.isNumber()) {
        assertEquals(t.code(), k.tag());
        assertEquals(t.textName(), k.textName());
      }
    }
    assertEquals(Value.Kind.MISSING, Value.Kind.fromTag(0x01));
    assertEquals(Optional.of(Value.Kind.MISSING), Value.Kind.fromTextName("missing"));
    assertEquals(Optional.empty(), ValueType.fromTextName("I32"));
  }
}
