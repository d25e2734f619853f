package dev.coroner.debugserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModuleImageTest {

  private static final Path FILE = Path.of("m.wasm");

  @Test
  void readsTheNameSectionModuleNameAndTheFunctionBodies() throws Exception {
    ModuleImage m = Targets.wat("m.wasm", """
        (module $calc
          (import "env" "log" (func $log (param i32)))
          (import "env" "mem" (memory 1))
          (import "env" "g" (global i32))
          (import "env" "t" (table 1 funcref))
          (func $a (result i32) (i32.const 1))
          (func $b (param i32) (local i64) (call $log (local.get 0))))
        """);
    assertEquals(Optional.of("calc"), m.name());
    assertEquals(1, m.importedFunctions());
    assertEquals(2, m.definedFunctions());
    assertNull(m.body(0), "function 0 is imported");
    assertNull(m.body(3));
    assertNull(m.body(-1));
    ModuleImage.Body a = m.body(1);
    ModuleImage.Body b = m.body(2);
    // $a: no locals (0x00), i32.const 1, end: 4 bytes; $b follows after its size byte.
    assertEquals(4, a.end() - a.start());
    assertEquals(0x00, m.byteAt(a.start()));
    assertEquals(0x41, m.byteAt(a.start() + 1));
    assertEquals(a.end() + 1, b.start());
  }

  @Test
  void aModuleWithoutNameSectionHasNoNameAndNoFunctions() throws Exception {
    ModuleImage m = ModuleImage.parse(FILE, minimal());
    assertEquals(Optional.empty(), m.name());
    assertEquals(0, m.definedFunctions());
    assertEquals(8, m.size());
  }

  @Test
  void theRealProgramHasItsDwarfAndBodies() throws Exception {
    Path wasm = Targets.inventoryWasm();
    ModuleImage m = ModuleImage.parse(wasm, Files.readAllBytes(wasm));
    WasmLayout independent = new WasmLayout(Files.readAllBytes(wasm));
    assertEquals(independent.bodyStarts.size(), m.definedFunctions());
    for (int i = 0; i < m.definedFunctions(); i++) {
      assertEquals(independent.bodyStarts.get(i), m.body(i).start());
    }
  }

  @Test
  void rejectsAFileWithoutTheMagic() {
    ModuleFormatException e = assertThrows(
        ModuleFormatException.class, () -> ModuleImage.parse(FILE, "hello, world".getBytes()));
    assertEquals("not a WebAssembly module (no \\0asm magic) (at offset 0x0)", e.getMessage());
    assertEquals(0, e.offset());
  }

  @Test
  void rejectsAComponentOrOtherVersion() {
    byte[] component = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
    ModuleFormatException e = assertThrows(
        ModuleFormatException.class, () -> ModuleImage.parse(FILE, component));
    assertEquals(4, e.offset());
  }

  @Test
  void rejectsASectionRunningPastTheEnd() {
    byte[] bytes = Arrays.copyOf(minimal(), 11);
    bytes[8] = 10; // code section
    bytes[9] = 0x7F; // of 127 bytes
    ModuleFormatException e = assertThrows(
        ModuleFormatException.class, () -> ModuleImage.parse(FILE, bytes));
    assertTrue(e.getMessage().startsWith("section of 127 bytes runs past its end"), e::getMessage);
    assertEquals(9, e.offset());
  }

  @Test
  void rejectsAnUnknownImportKind() {
    byte[] bytes = {0, 'a', 's', 'm', 1, 0, 0, 0,
        2, 6, // import section, 6 bytes
        1, 1, 'a', 1, 'b', 0x09}; // one import "a" "b" of kind 9
    ModuleFormatException e = assertThrows(
        ModuleFormatException.class, () -> ModuleImage.parse(FILE, bytes));
    assertEquals("unknown import kind 0x9 (at offset 0xf)", e.getMessage());
  }

  @Test
  void aMalformedNameSectionIsNotAnError() throws Exception {
    byte[] bytes = {0, 'a', 's', 'm', 1, 0, 0, 0,
        0, 8, 4, 'n', 'a', 'm', 'e', 0, 0x7F, 'x'}; // module name subsection of 127 bytes
    assertEquals(Optional.empty(), ModuleImage.parse(FILE, bytes).name());
  }

  private static byte[] minimal() {
    return new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0};
  }
}
