package dev.coroner.harness.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Dialect;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.ModuleSections;
import dev.coroner.coredump.Value;
import dev.coroner.harness.golden.GoldenId;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The five verdicts and every built-in allowance, on a hand-made golden: one module instantiated
 * twice (instances 0 and 1, each with its own memory and global) and a second module (instance 2)
 * calling into the first instance, so that "the last instance of the module" is the wrong one.
 */
class CaseScorerTest {

  private static final GoldenId ID = GoldenId.of("state/twice.wast", 30);

  static CoreDump golden() {
    byte[] m0 = new byte[Memory.PAGE_SIZE];
    m0[16] = 42;
    byte[] m1 = new byte[Memory.PAGE_SIZE];
    m1[0] = 7;
    CoreDump.Builder b = CoreDump.builder("state/twice.wast");
    b.addModule("<anonymous-module-0>");
    b.addModule("caller");
    b.addMemory(Memory.of(MemoryContents.of(m0), OptionalLong.empty()));
    b.addMemory(Memory.of(MemoryContents.of(m1), OptionalLong.of(2)));
    b.addGlobal(Global.i32(0));
    b.addGlobal(Global.i32(7));
    b.addInstance(new Instance(0, List.of(0), List.of(0)));
    b.addInstance(new Instance(0, List.of(1), List.of(1)));
    b.addInstance(new Instance(1, List.of(), List.of()));
    b.addThread(new CoreStack("main", List.of(
        new Frame(0, 1, 5, List.of(Value.i32(1)), List.of(Value.i32(1), Value.i32(0))),
        new Frame(2, 2, 8, List.of(), List.of(Value.i32(10))))));
    return b.build();
  }

  private static CaseVerdict score(CoreDump actual, Profile profile) {
    return score(CoreDumpEncoder.encode(actual), profile);
  }

  private static CaseVerdict score(byte[] actual, Profile profile) {
    CoreDump g = golden();
    return CaseScorer.score(ID, CoreDumpEncoder.encode(g), g, actual, profile,
        List.of(Profile.STRICT, Profile.WASMTIME));
  }

  private static CoreDump frames(CoreDump d, UnaryOperator<Frame> f) {
    List<Frame> frames = new ArrayList<>();
    for (Frame x : d.threads().get(0).frames()) {
      frames.add(f.apply(x));
    }
    return new CoreDump(d.processName(), d.modules(), d.instances(), d.memories(), d.globals(),
        List.of(new CoreStack("main", frames)));
  }

  @Test
  void identicalBytesAreExact() {
    CaseVerdict v = score(golden(), Profile.STRICT);
    assertEquals(CaseVerdict.Kind.EXACT, v.kind());
    assertEquals("", v.detail());
  }

  @Test
  void noDumpIsMissing() {
    assertEquals(CaseVerdict.Kind.MISSING, score((byte[]) null, Profile.WASMTIME).kind());
  }

  @Test
  void sameStateInAnotherSectionOrderIsSameStateAndNamesHow() throws Exception {
    byte[] canonical = CoreDumpEncoder.encode(golden());
    // Move the core section (the first) behind all the others.
    List<ModuleSections.Section> sections = ModuleSections.read(canonical);
    ModuleSections.Section core = sections.get(0);
    int coreEnd = sections.get(1).offset();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(canonical, 0, 8);
    out.write(canonical, coreEnd, canonical.length - coreEnd);
    out.write(canonical, core.offset(), coreEnd - core.offset());
    CaseVerdict v = score(out.toByteArray(), Profile.STRICT);
    assertEquals(CaseVerdict.Kind.SAME_STATE, v.kind(), v.toString());
    assertEquals(List.of("SECTION_ORDER"), v.encoding());
  }

  @Test
  void aDifferentLocalIsWrongAndNamesTheField() {
    CoreDump d = frames(golden(), f -> f.functionIndex() == 1
        ? new Frame(f.instanceIndex(), 1, 5, List.of(Value.i32(2)), f.stack()) : f);
    CaseVerdict v = score(d, Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.WRONG, v.kind());
    assertEquals(
        "corestack: thread 0 \"main\" / frame #0 local 0: expected i32:1, actual i32:2",
        v.detail());
  }

  @Test
  void emptyLocalsAndStacksAreAllowedUnderWasmtimeAndWrongUnderStrict() {
    CoreDump d = frames(golden(), f -> new Frame(f.instanceIndex(), f.functionIndex(),
        f.codeOffset(), List.of(), List.of()));
    CaseVerdict wasmtime = score(d, Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.ALLOWED, wasmtime.kind(), wasmtime.toString());
    assertEquals(List.of("LOCALS_OMITTED", "STACK_OMITTED"), wasmtime.allowances());
    CaseVerdict strict = score(d, Profile.STRICT);
    assertEquals(CaseVerdict.Kind.WRONG, strict.kind());
    assertTrue(strict.detail().startsWith("corestack: thread 0 \"main\" / frame #0 local count"),
        strict.detail());
    assertEquals(List.of("wasmtime"), strict.allowedBy());
    assertTrue(strict.detail().endsWith("[allowed by profile wasmtime]"), strict.detail());
  }

  @Test
  void someButNotAllValuesMissingIsWrongEvenUnderWasmtime() {
    CoreDump d = frames(golden(), f -> f.functionIndex() == 1
        ? new Frame(0, 1, 5, f.locals(), List.of(Value.MISSING, Value.i32(0))) : f);
    CaseVerdict v = score(d, Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.WRONG, v.kind());
    assertEquals(
        "corestack: thread 0 \"main\" / frame #0 stack 0: expected i32:1, actual missing",
        v.detail());
  }

  @Test
  void mutableGlobalsAreAllowedUnderWasmtime() {
    CoreDump g = golden();
    List<Global> globals = new ArrayList<>();
    for (Global x : g.globals()) {
      globals.add(x.withMutable(true));
    }
    CoreDump d = new CoreDump(g.processName(), g.modules(), g.instances(), g.memories(), globals,
        g.threads());
    CaseVerdict v = score(d, Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.ALLOWED, v.kind(), v.toString());
    assertEquals(List.of("GLOBAL_MUTABILITY"), v.allowances());
    assertFalse(v.encoding().contains("MUTABLE_GLOBAL"), "a state divergence, named as one");
    CaseVerdict strict = score(d, Profile.STRICT);
    assertEquals("global: global 0 mutability: expected const, actual mut (+1 more)"
        + " [allowed by profile wasmtime]", strict.detail());
  }

  @Test
  void aFrameInTheLastInstanceOfItsModuleIsAllowedUnderWasmtime() {
    CoreDump d = frames(golden(), f -> f.instanceIndex() == 0
        ? new Frame(1, f.functionIndex(), f.codeOffset(), f.locals(), f.stack()) : f);
    CaseVerdict v = score(d, Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.ALLOWED, v.kind(), v.toString());
    assertEquals(List.of("LAST_INSTANCE_FRAME"), v.allowances());
    assertEquals(
        "corestack: thread 0 \"main\" / frame #0 instance index: expected 0, actual 1"
            + " [allowed by profile wasmtime]",
        score(d, Profile.STRICT).detail());
  }

  @Test
  void aFrameInAnotherModulesInstanceIsWrongEvenUnderWasmtime() {
    CoreDump d = frames(golden(), f -> f.instanceIndex() == 0
        ? new Frame(2, f.functionIndex(), f.codeOffset(), f.locals(), f.stack()) : f);
    CaseVerdict v = score(d, Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.WRONG, v.kind());
    assertEquals("corestack: thread 0 \"main\" / frame #0 instance index: expected 0, actual 2",
        v.detail());
  }

  @Test
  void aPlaceholderForACapturedMemoryIsAllowedUnderWasmtime() {
    CoreDump g = golden();
    List<Instance> instances = new ArrayList<>(g.instances());
    instances.set(1, new Instance(0, List.of(Instance.ABSENT), List.of(1)));
    CoreDump d = new CoreDump(g.processName(), g.modules(), instances, g.memories(), g.globals(),
        g.threads());
    CaseVerdict v = score(d, Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.ALLOWED, v.kind(), v.toString());
    assertEquals(List.of("ABSENT_INDEX"), v.allowances());
    assertEquals(
        "coreinstances: instance 1 memory indices: expected [1], actual [absent]"
            + " [allowed by profile wasmtime]",
        score(d, Profile.STRICT).detail());
  }

  @Test
  void aPlaceholderForAMemoryLeftOutIsAllowedWhenEverythingElseLinesUp() {
    CoreDump g = golden();
    List<Instance> instances = new ArrayList<>(g.instances());
    instances.set(0, new Instance(0, List.of(Instance.ABSENT), List.of(0)));
    instances.set(1, new Instance(0, List.of(0), List.of(1))); // memory 1 is now memory 0
    CoreDump d = new CoreDump(g.processName(), g.modules(), instances,
        List.of(g.memories().get(1)), g.globals(), g.threads());
    CaseVerdict v = score(d, Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.ALLOWED, v.kind(), v.toString());
    assertEquals(List.of("ABSENT_INDEX"), v.allowances());

    // The same, but the remaining memory's bytes differ: still found.
    byte[] changed = new byte[Memory.PAGE_SIZE];
    changed[0] = 8;
    CoreDump e = new CoreDump(g.processName(), g.modules(), instances,
        List.of(Memory.of(MemoryContents.of(changed), OptionalLong.of(2))), g.globals(),
        g.threads());
    CaseVerdict w = score(e, Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.WRONG, w.kind());
    assertEquals("data: memory 1 bytes [0x0, 0x1): expected 07, actual 08", w.detail());
  }

  @Test
  void aPlaceholderWhoseNeighboursDoNotLineUpIsWrong() {
    CoreDump g = golden();
    List<Instance> instances = new ArrayList<>(g.instances());
    instances.set(0, new Instance(0, List.of(Instance.ABSENT), List.of(0)));
    // Memory 1 is left out of the section but instance 1 still says 1.
    CoreDump d = new CoreDump(g.processName(), g.modules(), instances,
        List.of(g.memories().get(1)), g.globals(), g.threads());
    assertEquals(CaseVerdict.Kind.WRONG, score(d, Profile.WASMTIME).kind());
  }

  @Test
  void aTruncatedDumpIsWrongWithTheDecodersOffset() {
    byte[] bytes = CoreDumpEncoder.encode(golden());
    CaseVerdict v = score(Arrays.copyOf(bytes, bytes.length - 3), Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.WRONG, v.kind());
    assertTrue(v.detail().startsWith("file: not a valid coredump: "), v.detail());
    assertTrue(v.detail().contains("(at offset 0x"), v.detail());
  }

  @Test
  void anotherProducersLayoutIsWrongAndNamed() {
    byte[] bytes = CoreDumpEncoder.encode(golden(), Dialect.WASMGDB);
    CaseVerdict v = score(bytes, Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.WRONG, v.kind());
    assertEquals(
        "corestack: uses " + Dialect.WASMGDB.description()
            + "; not a specification coredump ('coroner convert' rewrites it)",
        v.detail());
  }

  @Test
  void everyAllowanceLeavesAnUnrelatedDifferenceVisible() {
    // Wasmtime-shaped and a wrong process name: the allowances must not hide the name.
    CoreDump g = golden();
    CoreDump shaped = frames(g, f -> new Frame(f.instanceIndex(), f.functionIndex(),
        f.codeOffset(), List.of(), List.of()));
    CoreDump renamed = new CoreDump(java.util.Optional.of("other"), shaped.modules(),
        shaped.instances(), shaped.memories(), shaped.globals(), shaped.threads());
    CaseVerdict v = score(renamed, Profile.WASMTIME);
    assertEquals(CaseVerdict.Kind.WRONG, v.kind());
    assertEquals("core: process name: expected \"state/twice.wast\", actual \"other\"",
        v.detail());
  }
}
