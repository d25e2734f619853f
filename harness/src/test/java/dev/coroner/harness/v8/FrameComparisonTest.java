package dev.coroner.harness.v8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Instance;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Wast;
import dev.coroner.harness.golden.GoldenId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The comparison's rules on hand-made V8 results (no Node.js needed). The module, from wabt:
 * function 0 {@code $deep} is body {@code 00 | 10 00 | 0b}, function 1 {@code run} is {@code 00 |
 * 10 00 | 0b}; the code section starts after the type, function and export sections.
 */
class FrameComparisonTest {

  private static final GoldenId ID = GoldenId.of("t.wast", 9);
  private static List<byte[]> instances;
  private static int body0;
  private static int body1;

  @BeforeAll
  static void module() throws Exception {
    var script = Wast.convert("t.wast",
        "(module (func $deep (call $deep)) (func (export \"run\") (call $deep)))");
    byte[] bytes = ((Command.ModuleCommand) script.commands().get(0)).module().bytes();
    instances = List.of(bytes, bytes);
    var s = dev.coroner.symbols.Symbolizer.of(bytes);
    body0 = (int) s.bodyStart(0).getAsLong();
    body1 = (int) s.bodyStart(1).getAsLong();
  }

  private static CoreDump dump(Frame... frames) {
    Instance none = new Instance(0, List.of(), List.of());
    return new CoreDump(Optional.of("t.wast"), List.of("m"), List.of(none, none), List.of(),
        List.of(), List.of(new CoreStack("main", List.of(frames))));
  }

  private static Frame frame(int instance, int function, int offset) {
    return new Frame(instance, function, offset, List.of(), List.of());
  }

  private static V8Result.Trapped trap(boolean exhaustion, V8Frame... frames) {
    return new V8Result.Trapped("t.wast", "9", exhaustion, "E", "m", List.of(frames));
  }

  private static Verdict compare(CoreDump dump, V8Result result) {
    return new FrameComparison(new ModulePlaces()).compare(ID, "golden", dump, result, instances);
  }

  @Test
  void agreesWhenInstanceFunctionAndOffsetMatchFrameForFrame() {
    Verdict v = compare(dump(frame(1, 0, 1), frame(0, 1, 1)),
        trap(false, new V8Frame(1, 0, body0 + 1), new V8Frame(0, 1, body1 + 1)));
    assertEquals(new Verdict.Agreed(ID, 2), v);
  }

  @Test
  void anotherInstanceOfTheSameModuleIsADisagreement() {
    Verdict v = compare(dump(frame(1, 0, 1)), trap(false, new V8Frame(0, 0, body0 + 1)));
    Verdict.Disagreed d = assertInstanceOf(Verdict.Disagreed.class, v);
    assertEquals("[V8Disagrees] t.wast:9: V8 disagrees at golden frame #0, youngest first:\n"
        + "  Coroner: instance 1, func 0, code offset 0x1 (module offset 0x" + hex(body0 + 1)
        + ")\n  V8:      instance 0, wasm-function[0]:0x" + hex(body0 + 1)
        + " (code offset 0x1)\n  (golden: 1 frames; V8: 1 frames, E \"m\"; documented"
        + " exceptions: docs/coredump-format.md, section 7)", d.message());
  }

  @Test
  void anExtraV8FrameOutsideExhaustionIsADisagreement() {
    Verdict v = compare(dump(frame(0, 0, 1)),
        trap(false, new V8Frame(0, 0, body0 + 1), new V8Frame(0, 1, body1 + 1)));
    Verdict.Disagreed d = assertInstanceOf(Verdict.Disagreed.class, v);
    assertTrue(d.message().contains("V8 disagrees on the number of frames: V8's frame #1"
        + " (instance 0, wasm-function[1]:0x" + hex(body1 + 1) + " (code offset 0x1)) has no"
        + " counterpart in the golden"), d.message());
  }

  @Test
  void exhaustionDropsTheCalleeAtCodeOffsetZeroAndAlignsAtTheOldestFrame() {
    List<V8Frame> v8 = new ArrayList<>();
    v8.add(new V8Frame(0, 0, body0)); // the callee whose prologue overflowed
    for (int i = 0; i < 10; i++) {
      v8.add(new V8Frame(0, 0, body0 + 1));
    }
    v8.add(new V8Frame(0, 1, body1 + 1));
    Verdict v = compare(dump(frame(0, 0, 1), frame(0, 0, 1), frame(0, 1, 1)),
        trap(true, v8.toArray(V8Frame[]::new)));
    Verdict.Excepted e = assertInstanceOf(Verdict.Excepted.class, v);
    assertEquals(V8Deviation.STACK_EXHAUSTION, e.kind());
    assertEquals(3, e.framesCompared());
    assertEquals("V8's frame #0 (instance 0, wasm-function[0]:0x" + hex(body0) + ", code offset"
        + " 0, not an instruction) dropped; V8's 12 frames aligned with the golden's 3 at the"
        + " oldest frame", e.detail());
  }

  @Test
  void exhaustionStillComparesEveryFrameItKeeps() {
    Verdict v = compare(dump(frame(0, 0, 1), frame(0, 1, 1)),
        trap(true, new V8Frame(0, 0, body0), new V8Frame(0, 0, body0 + 1),
            new V8Frame(0, 0, body1 + 1)));
    Verdict.Disagreed d = assertInstanceOf(Verdict.Disagreed.class, v);
    assertTrue(d.message().contains("at golden frame #1 (V8's frame #2)"), d.message());
    assertTrue(d.message().contains("(not inside a body of a function of its module)"),
        d.message());
  }

  @Test
  void onlyTheCoronerHostModuleIsADocumentedGap() {
    Verdict v = compare(dump(frame(0, 0, 1)),
        new V8Result.Unavailable("t.wast", "9", "coroner", Optional.of(3)));
    assertEquals(new Verdict.Excepted(ID, V8Deviation.HOST_MODULE,
        "imports host module \"coroner\" (line 3), which V8 does not have; not compared", 0), v);
    v = compare(dump(frame(0, 0, 1)),
        new V8Result.Unavailable("t.wast", "9", "env", Optional.empty()));
    Verdict.Disagreed d = assertInstanceOf(Verdict.Disagreed.class, v);
    assertEquals(V8Messages.FAILED, d.tag());
  }

  @Test
  void onlyV8sCompileErrorsForMissingWasm3FeaturesAreDocumentedGaps() {
    String multiMemory = "line 4: CompileError: WebAssembly.Module(): memory count of 2 exceeds"
        + " internal limit of 1 @+22";
    Verdict v = compare(dump(frame(0, 0, 1)),
        new V8Result.Failed("t.wast", Optional.empty(), multiMemory));
    Verdict.Excepted e = assertInstanceOf(Verdict.Excepted.class, v);
    assertEquals(V8Deviation.WASM_FEATURE, e.kind());
    assertTrue(e.detail().startsWith("uses multiple memories, which V8 cannot compile"),
        e.detail());
    v = compare(dump(frame(0, 0, 1)), new V8Result.Failed("t.wast", Optional.empty(),
        "line 4: CompileError: WebAssembly.Module(): invalid local type @+30"));
    Verdict.Disagreed d = assertInstanceOf(Verdict.Disagreed.class, v);
    assertEquals(V8Messages.FAILED, d.tag());
  }

  @Test
  void theInstanceCountMustBeTheNumberOfInstantiations() {
    Instance none = new Instance(0, List.of(), List.of());
    CoreDump one = new CoreDump(Optional.of("t.wast"), List.of("m"), List.of(none), List.of(),
        List.of(), List.of(new CoreStack("main", List.of(frame(0, 0, 1)))));
    Verdict.Disagreed d = assertInstanceOf(Verdict.Disagreed.class,
        compare(one, trap(false, new V8Frame(0, 0, body0 + 1))));
    assertEquals("[V8Disagrees] t.wast:9: the golden lists 1 instances, but the fixture had"
        + " instantiated 2 modules by then (instance i of a dump is the i-th instantiation)",
        d.message());
  }

  private static String hex(int n) {
    return Integer.toHexString(n);
  }
}
