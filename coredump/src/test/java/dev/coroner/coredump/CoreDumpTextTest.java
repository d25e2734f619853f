package dev.coroner.coredump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoreDumpTextTest {

  @Test
  void rendersSmallDumpWithEveryValueKind() {
    String expected =
        String.join(
            "\n",
            "coredump",
            "  process \"fixtures/small.wast\"",
            "  modules: 1",
            "    module 0 \"A\"",
            "  instances: 1",
            "    instance 0: module 0 \"A\"",
            "      memories: 0",
            "      globals: 0, 1, 2, 3, 4, 5, 6",
            "  memories: 1",
            "    memory 0: 1 page (65536 bytes), min 1, max 2, memory32, unshared",
            "      *  16 zero bytes [0x0, 0x10)",
            "      00000010  68 65 6c 6c 6f 2c 20 63  6f 72 65 00 00 00 00 00  |hello, core.....|",
            "      *  4064 zero bytes [0x20, 0x1000)",
            "      00001000  7f 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|",
            "      *  61408 zero bytes [0x1010, 0xfff0)",
            "      0000fff0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 ff  |................|",
            "  globals: 7",
            "    global 0: i32 immutable 42",
            "    global 1: i64 immutable -7",
            "    global 2: f32 immutable 1.5 (0x3fc00000)",
            "    global 3: f64 immutable 0.1 (0x3fb999999999999a)",
            "    global 4: v128 immutable i32x4 0x00000001 0x00000002 0x00000003 0x00000004",
            "    global 5: funcref immutable ref.null func",
            "    global 6: externref immutable ref.null extern",
            "  threads: 1",
            "    thread 0 \"main\": 2 frames",
            "      #0 instance 0 (module 0 \"A\") func 3 offset 0x1a",
            "        locals:",
            "          l0 i32 42",
            "          l1 i64 -1",
            "          l2 f32 1.5 (0x3fc00000)",
            "          l3 f64 -2.25 (0xc002000000000000)",
            "          l4 missing",
            "        stack (bottom to top):",
            "          s0 f32 nan:0x400001 (0x7fc00001)",
            "          s1 i32 -2147483648",
            "      #1 instance 0 (module 0 \"A\") func 1 offset 0x7",
            "        locals: none",
            "        stack (bottom to top): none",
            "");
    assertEquals(expected, CoreDumpText.render(Dumps.small()));
  }

  @Test
  void rendersAbsentIndicesUnsignedIndicesAndMissingCore() {
    CoreDump d =
        new CoreDump(
            Optional.empty(), List.of("q\"x"),
            List.of(new Instance(0, List.of(Instance.ABSENT), List.of(-2))),
            List.of(), List.of(),
            List.of(new CoreStack("t", List.of(new Frame(5, -1, -1, List.of(), List.of())))));
    String text = CoreDumpText.render(d);
    assertEquals(
        String.join(
            "\n",
            "coredump",
            "  process (none: no core section)",
            "  modules: 1",
            "    module 0 \"q\\\"x\"",
            "  instances: 1",
            "    instance 0: module 0 \"q\\\"x\"",
            "      memories: absent (u32::MAX)",
            "      globals: 4294967294",
            "  memories: 0",
            "  globals: 0",
            "  threads: 1",
            "    thread 0 \"t\": 1 frame",
            "      #0 instance 5 func 4294967295 offset 0xffffffff",
            "        locals: none",
            "        stack (bottom to top): none",
            ""),
        text);
  }

  @Test
  void rendersFloatsShortestAndSpecialValues() {
    assertEquals("0.1 (0x3dcccccd)", CoreDumpText.f32(Float.floatToRawIntBits(0.1f)));
    assertEquals("-0.0 (0x80000000)", CoreDumpText.f32(0x80000000));
    assertEquals("-inf (0xff800000)", CoreDumpText.f32(0xff800000));
    assertEquals("-nan:0x1 (0xff800001)", CoreDumpText.f32(0xff800001));
    assertEquals("1.0e20 (0x4415af1d78b58c40)", CoreDumpText.f64(Double.doubleToRawLongBits(1e20)));
    assertEquals("5.0e-324 (0x0000000000000001)", CoreDumpText.f64(1));
    assertEquals("100.0 (0x4059000000000000)", CoreDumpText.f64(Double.doubleToRawLongBits(100)));
    assertEquals(
        "nan:0x8000000000000 (0x7ff8000000000000)", CoreDumpText.f64(0x7ff8000000000000L));
  }
}
