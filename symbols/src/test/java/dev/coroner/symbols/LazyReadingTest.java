package dev.coroner.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Nothing is read before a frame needs it, and a broken unit spoils only its own frames. */
class LazyReadingTest {

  /** wasi-libc's qsort.c unit in modules-o1.wasm (llvm-dwarfdump-22 --debug-info). */
  private static final int QSORT_UNIT = 0x90c9;

  @Test
  void ofReadsNothing() {
    Symbolizer.of(new byte[] {0, 'a', 's', 'm', 9, 9, 9, 9, (byte) 0xff});
    Symbolizer.of(new byte[0]);
  }

  @Test
  void aBrokenLibcUnitLeavesTheProgramsOwnUnitReadable() throws Exception {
    byte[] module = TestModules.program("modules-o1");
    // Zero the DIEs of wasi-libc's qsort unit, keeping its 11-byte header: its first DIE then
    // has abbreviation code 0, where the unit DIE must be.
    byte[] info = TestModules.custom(module, ".debug_info");
    Symbolizer good = Symbolizer.of(module);
    long address = good.dwarfAddress(61, 0x13d).orElseThrow();
    assertFalse(good.locateAddress(address).isEmpty());
    int unit = QSORT_UNIT;
    byte[] broken = info.clone();
    Arrays.fill(broken, unit + 11, unitEnd(info, unit), (byte) 0);
    Symbolizer s = Symbolizer.of(TestModules.withCustom(module, ".debug_info", broken));
    assertEquals("compare_keys at sort.c:13:5",
        SourceBacktrace.source(s.locate(12, 0x1e)));
    DwarfException e = assertThrows(DwarfException.class, () -> s.locate(61, 0x13d));
    assertEquals(".debug_info", e.section());
    assertEquals(unit + 11, e.sectionOffset());
  }

  private static int unitEnd(byte[] info, int unit) {
    int length = (info[unit] & 0xff) | (info[unit + 1] & 0xff) << 8
        | (info[unit + 2] & 0xff) << 16 | (info[unit + 3] & 0xff) << 24;
    return unit + 4 + length;
  }
}
