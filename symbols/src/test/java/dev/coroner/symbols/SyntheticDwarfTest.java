package dev.coroner.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Forms and encodings clang does not write, on hand-made modules ({@link SyntheticModules}).
 * The expected chains were worked out from the DWARF standard and are what llvm-symbolizer-22
 * prints for the same modules (set {@code -Dsymbols.synthetic.dir=DIR} to write them out, then
 * run {@code llvm-symbolizer-22 --obj=DIR/NAME.wasm --inlines --output-style=JSON ADDRESS}).
 */
class SyntheticDwarfTest {

  private static List<String> chain(byte[] module, int codeOffset) throws DwarfException {
    return Symbolizer.of(module).locate(1, codeOffset).stream()
        .map(SymbolizerAgreementTest::describe).toList();
  }

  static void writeOut(String name, byte[] module) throws IOException {
    String dir = System.getProperty("symbols.synthetic.dir");
    if (dir != null) {
      Files.write(Path.of(dir, name + ".wasm"), module);
    }
  }

  /** outer_fn's DW_AT_decl_line is sdata, which LLVM does not take as a line: 0. */
  @Test
  void dwarf4In64BitFormatWithDwarf3LineTable() throws Exception {
    byte[] m = SyntheticModules.dwarf4Format64();
    writeOut("dwarf4-format64", m);
    assertEquals(List.of("outer_fn|_Z8outer_fnv|/src/a.c:10:3|d0|decl /src/a.c:0|low 0x2"),
        chain(m, 0));
    assertEquals(List.of("outer_fn|_Z8outer_fnv|/src/a.c:11:3|d0|decl /src/a.c:0|low 0x2"),
        chain(m, 8));
    // Two rows at address 12: the last one counts. Opcode 10 is special with opcode base 10.
    assertEquals(List.of(
        "helper|helper|/src/inc/h.h:10:5|d0|decl /src/a.c:7|low 0xc",
        "outer_fn|_Z8outer_fnv|/src/inc/h.h:30:9|d0|decl /src/a.c:0|low 0x2"),
        chain(m, 10));
    assertEquals(List.of(
        "outer_fn|_Z8outer_fnv|/src/inc/h.h:15:5|d7|decl /src/a.c:0|low 0x2"), chain(m, 14));
    // File 3 comes from DW_LNE_define_file.
    assertEquals(List.of("outer_fn|_Z8outer_fnv|/src/d.c:25:5|d0|decl /src/a.c:0|low 0x2"),
        chain(m, 18));
    assertEquals(List.of(), chain(m, 31), "past the unit's high_pc");
    Symbolizer s = Symbolizer.of(m);
    assertEquals("ns::helper", s.locate(1, 10).get(0).qualifiedName());
    assertEquals(List.of(), s.locate(0, 0), "an imported function has no body");
    assertEquals(
        "ns::helper at /src/inc/h.h:10:5 (inlined into outer_fn at /src/inc/h.h:30:9)",
        new SourceBacktrace().frame("m", s, 1, 10));
  }

  /**
   * Each DIE keeps every attribute as read, for consumers beyond backtraces: here a variable's
   * {@code DW_AT_location}, an expression {@code DW_OP_WASM_location 0x0 0x1, DW_OP_stack_value}
   * (local 1).
   */
  @Test
  void diesKeepVariableLocations() throws Exception {
    byte[] m = SyntheticModules.dwarf4Format64();
    ModuleLayout layout = ModuleLayout.read(m);
    Dwarf dwarf = Dwarf.of(m, layout.customSections());
    Unit unit = dwarf.unitFor(12);
    Die variable = unit.dies().stream().filter(d -> d.tag() == Dw.TAG_VARIABLE).findFirst()
        .orElseThrow();
    assertEquals("x", unit.string(variable.find(Dw.AT_NAME)));
    Attribute location = variable.find(Dw.AT_LOCATION);
    assertEquals(Dw.FORM_EXPRLOC, location.form());
    byte[] expression = java.util.Arrays.copyOfRange(m,
        layout.custom(".debug_info").orElseThrow().start() + (int) location.value(),
        layout.custom(".debug_info").orElseThrow().start() + (int) location.value()
            + (int) location.length());
    assertEquals(List.of(0xed, 0x00, 0x01, 0x9f),
        java.util.stream.IntStream.range(0, expression.length).map(i -> expression[i] & 0xff)
            .boxed().toList());
    assertEquals(List.of("ns::helper", "outer_fn"), unit.dies().stream()
        .filter(Die::isSubprogram).map(d -> d.parent().tag() == Dw.TAG_NAMESPACE
            ? "ns::" + rawName(d) : rawName(d)).toList());
  }

  private static String rawName(Die d) {
    try {
      return d.unit().string(d.find(Dw.AT_NAME));
    } catch (DwarfException e) {
      throw new AssertionError(e);
    }
  }

  /** A row naming a file the table does not have: no file and no line, as LLVM gives it. */
  @Test
  void rowWithAnUnknownFileHasNeitherFileNorLine() throws Exception {
    byte[] m = SyntheticModules.dwarf4Format64(7);
    writeOut("dwarf4-unknown-file", m);
    assertEquals(List.of(
        "helper|helper|:0:0|d0|decl /src/a.c:7|low 0xc",
        "outer_fn|_Z8outer_fnv|/src/inc/h.h:30:9|d0|decl /src/a.c:0|low 0x2"),
        chain(m, 10));
    assertEquals(List.of("outer_fn|_Z8outer_fnv|:0:0|d0|decl /src/a.c:0|low 0x2"),
        chain(m, 14));
    assertEquals("outer_fn at ??", new SourceBacktrace().frame("m", Symbolizer.of(m), 1, 14));
  }

  @Test
  void dwarf5ThroughStringAddressAndRangeIndices() throws Exception {
    byte[] m = SyntheticModules.dwarf5Indexed();
    writeOut("dwarf5-indexed", m);
    // DWARF 5 file 0 in directory 0: the directory entry is the whole path, no comp_dir.
    assertEquals(List.of("main5|main5|/proj/b.c:5:0|d0|decl /proj/b.c:3|low 0x2"),
        chain(m, 0));
    assertEquals(List.of(
        "inl|inl|/proj/inc/x.h:16:11|d0|decl /proj/inc/x.h:4|low -",
        "main5|main5|/proj/inc/x.h:9:2|d0|decl /proj/b.c:3|low 0x2"), chain(m, 6));
    // Between the inlined ranges [8,10) and [12,14): main5, still at the row of address 8.
    assertEquals(List.of("main5|main5|/proj/inc/x.h:16:11|d0|decl /proj/b.c:3|low 0x2"),
        chain(m, 8));
    assertEquals(List.of(
        "inl|inl|/proj/inc/x.h:16:11|d0|decl /proj/inc/x.h:4|low -",
        "main5|main5|/proj/inc/x.h:9:2|d0|decl /proj/b.c:3|low 0x2"), chain(m, 10));
    assertEquals(List.of("main5|main5|/proj/b.c:6:11|d0|decl /proj/b.c:3|low 0x2"),
        chain(m, 12));
  }
}
