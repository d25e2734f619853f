package dev.coroner.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ModuleLayoutTest {

  private static final byte[] MODULE = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header (offsets 0..7)
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: one type, [] -> []
    0x03, 0x03, 0x02, 0x00, 0x00, // function section: two functions of type 0
    0x05, 0x04, 0x01, 0x01, 0x01, 0x03, // memory section: one memory, flags 1, min 1, max 3
    0x0a, 0x0b, 0x02, // code section (id at 25), 11 bytes, two bodies
    0x02, 0x00, 0x0b, // body 0: size 2 (at 28), starts at 29: no locals, end
    0x06, 0x01, 0x01, 0x7f, 0x01, 0x01, 0x0b // body 1: size 6 (at 31), starts at 32: 1 x i32, nop, nop, end
  };

  @Test
  void bodiesStartAfterTheirSizeAndMemoriesKeepTheirDeclaredMaximum() {
    ModuleLayout layout = ModuleLayout.read(MODULE, Parser.parse(MODULE));
    assertEquals(29, layout.bodyStart(0));
    assertEquals(32, layout.bodyStart(1));
    assertEquals(OptionalLong.of(3), layout.declaredMax(0));
  }

  @Test
  void aMemoryWithoutMaximumHasNone() {
    byte[] noMax = {
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
      0x05, 0x03, 0x01, 0x00, 0x02 // memory section: one memory, flags 0, min 2
    };
    assertEquals(OptionalLong.empty(), ModuleLayout.read(noMax, Parser.parse(noMax)).declaredMax(0));
  }

  @Test
  void aSectionRunningPastTheEndIsReportedWithItsOffset() {
    WasmModule module = Parser.parse(MODULE);
    byte[] cut = Arrays.copyOf(MODULE, 30);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModuleLayout.read(cut, module));
    assertEquals("[ModuleBytes] section 10 of 11 bytes runs past the end (at offset 0x1b)",
        e.getMessage());
  }

  @Test
  void bytesWithAnotherNumberOfBodiesAreNotTheParsedModule() {
    byte[] oneBody = {
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section
      0x03, 0x02, 0x01, 0x00, // function section: one function
      0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b // code section: one body
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModuleLayout.read(oneBody, Parser.parse(MODULE)));
    assertEquals("[ModuleBytes] the bytes hold 1 function bodies, the parsed module 2: they are "
        + "not the same module", e.getMessage());
  }
}
