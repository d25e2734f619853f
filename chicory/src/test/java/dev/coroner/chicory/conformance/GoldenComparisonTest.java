package dev.coroner.chicory.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Value;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The classifier on real goldens and on dumps changed in one known way. */
class GoldenComparisonTest {

  private static byte[] golden(String relative) throws Exception {
    return Files.readAllBytes(
        Path.of(System.getProperty("coroner.goldenRoot")).resolve(relative));
  }

  private static final String OLDER_FRAMES = "values/operand-stack-older-frames.wast/15.core";
  private static final String EXHAUSTED = "traps/call-stack-exhausted.wast/7.core";

  private static CoreDump withFrames(CoreDump d, UnaryOperator<List<Frame>> change) {
    List<Frame> frames = change.apply(new ArrayList<>(d.threads().get(0).frames()));
    return new CoreDump(d.processName(), d.modules(), d.instances(), d.memories(), d.globals(),
        List.of(new CoreStack("main", frames)));
  }

  private static Frame withStack(Frame f, List<Value> stack) {
    return new Frame(f.instanceIndex(), f.functionIndex(), f.codeOffset(), f.locals(), stack);
  }

  @Test
  void theGoldensOwnStateIsExact() throws Exception {
    byte[] g = golden(OLDER_FRAMES);
    CaseResult r = GoldenComparison.classify("c", CoreDumpDecoder.decode(g), g);
    assertEquals(Verdict.EXACT, r.verdict());
    assertEquals("", r.why());
  }

  @Test
  void aChangedLocalIsWrongAndNamesTheField() throws Exception {
    byte[] g = golden(OLDER_FRAMES);
    CoreDump changed = withFrames(CoreDumpDecoder.decode(g), fs -> {
      Frame f = fs.get(0);
      fs.set(0, new Frame(f.instanceIndex(), f.functionIndex(), f.codeOffset(),
          List.of(Value.i32(31), Value.i32(40)), f.stack()));
      return fs;
    });
    CaseResult r = GoldenComparison.classify("c", changed, g);
    assertEquals(Verdict.WRONG, r.verdict());
    assertEquals("corestack: thread 0 \"main\" / frame #0 local 0: expected i32:30, actual i32:31",
        r.why());
  }

  @Test
  void anOmittedStackIsAKnownDivergence() throws Exception {
    byte[] g = golden(OLDER_FRAMES);
    CoreDump omitted = withFrames(CoreDumpDecoder.decode(g), fs -> {
      fs.set(1, withStack(fs.get(1), List.of()));
      return fs;
    });
    CaseResult r = GoldenComparison.classify("c", omitted, g);
    assertEquals(Verdict.DIVERGENT, r.verdict());
    assertEquals(List.of(new Divergence(KnownDivergence.STACK_OMITTED, "stack of frame #1")),
        r.divergences());
  }

  @Test
  void missingOperandsOfTheYoungestFrameAreAKnownDivergenceButNotOfOlderOnes() throws Exception {
    byte[] g = golden(OLDER_FRAMES);
    CoreDump young = withFrames(CoreDumpDecoder.decode(g), fs -> {
      fs.set(0, withStack(fs.get(0), List.of(Value.MISSING)));
      return fs;
    });
    assertEquals(List.of(KnownDivergence.OPERANDS_MISSING), kinds(GoldenComparison.classify("c", young, g)));
    CoreDump old = withFrames(CoreDumpDecoder.decode(g), fs -> {
      fs.set(1, withStack(fs.get(1), List.of(Value.i32(10), Value.MISSING)));
      return fs;
    });
    assertEquals(Verdict.WRONG, GoldenComparison.classify("c", old, g).verdict());
  }

  private static List<KnownDivergence> kinds(CaseResult r) {
    assertEquals(Verdict.DIVERGENT, r.verdict(), r.why());
    return r.divergences().stream().map(Divergence::kind).toList();
  }

  /** A Chicory-like dump of the exhaustion fixture: 150 frames deep instead of 100. */
  private static CoreDump deeper(CoreDump golden, int changedLocalAt) {
    return withFrames(golden, fs -> {
      Frame bottom = fs.get(fs.size() - 1);
      List<Frame> out = new ArrayList<>();
      for (int depth = 149; depth >= 0; depth--) {
        int local = depth == changedLocalAt ? -1 : depth;
        out.add(new Frame(bottom.instanceIndex(), bottom.functionIndex(), bottom.codeOffset(),
            List.of(Value.i32(local)), depth == 149 ? List.of() : List.of(Value.i32(1))));
      }
      return out;
    });
  }

  @Test
  void aDeeperExhaustionWhoseOlderFramesAgreeIsTheCallDepthDivergence() throws Exception {
    byte[] g = golden(EXHAUSTED);
    CaseResult r = GoldenComparison.classify("c", deeper(CoreDumpDecoder.decode(g), -1), g);
    assertEquals(List.of(new Divergence(KnownDivergence.CALL_DEPTH, "frames: golden 100, Chicory 150")),
        r.divergences());
    assertEquals(Verdict.DIVERGENT, r.verdict());
    CaseResult wrong = GoldenComparison.classify("c", deeper(CoreDumpDecoder.decode(g), 7), g);
    assertEquals(Verdict.WRONG, wrong.verdict());
    assertTrue(wrong.why().startsWith("corestack: thread 0 \"main\" frame count"), wrong.why());
  }

  @Test
  void otherBytesForTheSameStateAreSameState() throws Exception {
    byte[] g = golden(OLDER_FRAMES);
    // Move the first section (the custom section "core") to the end: valid, not canonical.
    int size = g[9];
    ByteArrayOutputStream moved = new ByteArrayOutputStream();
    moved.write(g, 0, 8);
    moved.write(g, 10 + size, g.length - 10 - size);
    moved.write(g, 8, 2 + size);
    CaseResult r = GoldenComparison.classify("c", moved.toByteArray(), g);
    assertEquals(Verdict.SAME_STATE, r.verdict());
  }

  @Test
  void bytesThatDoNotDecodeAreWrongWithTheDecodersMessage() throws Exception {
    byte[] g = golden(OLDER_FRAMES);
    CaseResult r = GoldenComparison.classify("c", new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}, g);
    assertEquals(Verdict.WRONG, r.verdict());
    assertTrue(r.why().startsWith("(file): decoding: expected a valid coredump, actual "), r.why());
  }

  @Test
  void theScorecardCountsEveryVerdict() {
    Scorecard card = new Scorecard(List.of(
        new CaseResult("a.wast:1", Verdict.EXACT, List.of(), List.of(), ""),
        CaseResult.notRunnable("b.wast:2", "needs SIMD")));
    assertEquals("1 exact, 0 same state, 0 divergent, 0 wrong, 1 not runnable (2 cases)",
        card.totalsLine());
    assertEquals("a.wast:1  exact\nb.wast:2  not runnable  needs SIMD\n" + card.totalsLine() + "\n",
        card.render().replace(System.lineSeparator(), "\n"));
  }
}
