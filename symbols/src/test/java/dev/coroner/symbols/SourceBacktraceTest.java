package dev.coroner.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Instance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Source-level backtraces of real crashes. The frames are the ones Node (V8) reports for the
 * test programs' traps ({@code wasm-function[F]:0xOFFSET}, module offsets, the trapping
 * instruction and then each call instruction); the expected positions are llvm-symbolizer's for
 * those addresses.
 */
class SourceBacktraceTest {

  /** A dump of one thread of one instance of {@code module}; frames as {func, module offset}. */
  private static CoreDump dump(String program, int[]... frames) {
    LlvmExpectations bodies = TestModules.expectations(program);
    CoreDump.Builder b = CoreDump.builder(program + ".wasm");
    int module = b.addModule(program + ".wasm");
    int instance = b.addInstance(new Instance(module, List.of(), List.of()));
    List<Frame> stack = new ArrayList<>();
    for (int[] f : frames) {
      long start = bodies.bodies.stream().filter(x -> x.funcIndex() == f[0]).findFirst()
          .orElseThrow().bodyStart();
      stack.add(new Frame(instance, f[0], (int) (f[1] - start), List.of(), List.of()));
    }
    b.addThread(new CoreStack("main", stack));
    return b.build();
  }

  private static String render(CoreDump dump, byte[] module) {
    return SourceBacktrace.render(dump, List.of(Symbolizer.of(module)));
  }

  @Test
  void qsortCallbackCrashShowsSourceForUserAndLibcFrames() {
    CoreDump d = dump("modules-o1",
        new int[] {12, 0x3ef}, new int[] {62, 0x64f6}, new int[] {61, 0x626a},
        new int[] {11, 0x3c9}, new int[] {8, 0x2b5}, new int[] {29, 0x2855},
        new int[] {20, 0x274f}, new int[] {7, 0x1f2});
    assertEquals("""
        backtrace of thread 0 "main" (8 frames, youngest first):
          #0 compare_keys at sort.c:13:5
          #1 sift at libc-top-half/musl/src/stdlib/qsort.c:102:6
          #2 qsort at libc-top-half/musl/src/stdlib/qsort.c:183:5
          #3 sort_keys at sort.c:18:40
          #4 main at main.c:17:3
          #5 modules-o1.wasm.__main_void (func 29) offset 0x73
          #6 __original_main at libc-bottom-half/sources/__original_main.c:9:12
          #7 _start at build/libc-bottom-half/crt/crt1-command.c:12:13
        """, render(d, TestModules.program("modules-o1")));
  }

  @Test
  void failedAssertShowsTheInlinedFunctionAndItsCallSite() {
    CoreDump d = dump("inline-o2", new int[] {10, 0x3e1}, new int[] {30, 0x290d},
        new int[] {9, 0x39d});
    assertEquals("""
        backtrace of thread 0 "main" (3 frames, youngest first):
          #0 abort at libc-bottom-half/sources/abort.c:5:5
          #1 __assert_fail at libc-top-half/musl/src/exit/assert.c:7:2
          #2 sum_first at inline.c:11:5 (inlined into main at inline.c:43:15)
        """, render(d, TestModules.program("inline-o2")));
  }

  @Test
  void threeLevelsOfInliningReadInnermostFirst() {
    CoreDump d = dump("lines-only-o2", new int[] {8, 0x317});
    assertEquals("""
        backtrace of thread 0 "main" (1 frame, youngest first):
          #0 ratio at lines.c:6:50 (inlined into average at lines.c:13:10, inlined into main \
        at lines.c:22:18)
        """, render(d, TestModules.program("lines-only-o2")));
  }

  @Test
  void cppFramesShowNamespacesClassesAndTemplateArguments() {
    CoreDump d = dump("inventory-cpp-o1", new int[] {8, 0x423});
    assertEquals("""
        backtrace of thread 0 "main" (1 frame, youngest first):
          #0 store::detail::Slots<store::Item, 8>::at at inventory.cpp:31:5 (inlined into \
        store::Inventory::find at inventory.cpp:80:50, inlined into main at inventory.cpp:90:7)
        """, render(d, TestModules.program("inventory-cpp-o1")));
    CoreDump shapes = dump("shapes-cpp-o2", new int[] {9, 0x4a7});
    assertEquals("""
        backtrace of thread 0 "main" (1 frame, youngest first):
          #0 geo::clamp_sum<double> at shapes.cpp:32:20 (inlined into main at shapes.cpp:46:23)
        """, render(shapes, TestModules.program("shapes-cpp-o2")));
  }

  @Test
  void framesWithoutDwarfKeepTheNameSectionForm() {
    byte[] module = TestModules.program("inline-o2");
    byte[] withoutDwarf = module;
    for (String s : TestModules.customSections(module).keySet()) {
      if (s.startsWith(".debug_")) {
        withoutDwarf = TestModules.withCustom(withoutDwarf, s, new byte[0]);
      }
    }
    // Empty sections are not DWARF: .debug_info has no unit, so no frame has a location.
    CoreDump d = dump("inline-o2", new int[] {9, 0x39d});
    assertEquals("""
        backtrace of thread 0 "main" (1 frame, youngest first):
          #0 inline-o2.wasm.main (func 9) offset 0x6b
        """, render(d, withoutDwarf));
    SourceBacktrace b = new SourceBacktrace();
    assertEquals("A func 0 offset 0x8", b.frame("A", null, 0, 8));
    assertEquals(List.of(), b.warnings());
  }

  @Test
  void truncatedLineTableKeepsEveryFrameAndWarnsOnceWithSectionAndOffset() {
    byte[] module = TestModules.program("modules-o1");
    byte[] line = TestModules.custom(module, ".debug_line");
    // Cut after the first line table (wasi-libc's crt1, 0x66 bytes) into the second (main.c's).
    byte[] broken = TestModules.withCustom(module, ".debug_line", Arrays.copyOf(line, 0x100));
    CoreDump d = dump("modules-o1",
        new int[] {12, 0x3ef}, new int[] {11, 0x3c9}, new int[] {8, 0x2b5},
        new int[] {7, 0x1f2});
    String text = render(d, broken);
    List<String> lines = text.lines().toList();
    assertEquals(List.of(
        "backtrace of thread 0 \"main\" (4 frames, youngest first):",
        "  #0 modules-o1.wasm.compare_keys (func 12) offset 0x1e",
        "  #1 modules-o1.wasm.sort_keys (func 11) offset 0xd",
        "  #2 modules-o1.wasm.main (func 8) offset 0xab",
        // crt1's line table is whole: its frame keeps its source location. sort.c's unit is at
        // 0x328 in .debug_info; the truncated .debug_line starts at 0x1c4dc in the new module.
        "  #3 _start at build/libc-bottom-half/crt/crt1-command.c:12:13",
        "warning: module modules-o1.wasm: cannot read its debugging information, frames show"
            + " function index and offset: .debug_line: line table offset 0x309 (DW_AT_stmt_list"
            + " of unit at 0x328) is outside .debug_line (at offset 0x100 in .debug_line, 0x1c5dc"
            + " in the module)"), lines, text);
  }
}
