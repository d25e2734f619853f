package dev.coroner.chicory.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Value;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.kit.CaseScorer;
import dev.coroner.harness.kit.CaseVerdict;
import dev.coroner.harness.kit.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The {@code chicory} profile, found through the kit's {@code ServiceLoader} as {@code coroner kit
 * score --profile chicory} finds it, on real goldens changed in one known way each: what it
 * allows, and that whatever else differs is still wrong, with the field named.
 */
class ChicoryProfileTest {

  private static final String OLDER_FRAMES = "values/operand-stack-older-frames.wast/15.core";
  private static final String EXHAUSTED = "traps/call-stack-exhausted.wast/7.core";

  private static final Profile CHICORY = Profile.named("chicory").orElseThrow(
      () -> new AssertionError("no chicory profile on the class path: " + Profile.names()));

  private static byte[] golden(String relative) throws Exception {
    return Files.readAllBytes(
        Path.of(System.getProperty("coroner.goldenRoot")).resolve(relative));
  }

  private static CaseVerdict score(String golden, CoreDump actual, Profile profile)
      throws Exception {
    return score(decoded(golden), actual, profile);
  }

  private static CaseVerdict score(CoreDump golden, CoreDump actual, Profile profile) {
    return CaseScorer.score(GoldenId.parse("x.wast:1"), CoreDumpEncoder.encode(golden), golden,
        CoreDumpEncoder.encode(actual), profile, Profile.all().values());
  }

  private static CoreDump decoded(String golden) throws Exception {
    return CoreDumpDecoder.decode(golden(golden));
  }

  private static CoreDump withFrames(CoreDump d, UnaryOperator<List<Frame>> change) {
    List<Frame> frames = change.apply(new ArrayList<>(d.threads().get(0).frames()));
    return new CoreDump(d.processName(), d.modules(), d.instances(), d.memories(), d.globals(),
        List.of(new CoreStack("main", frames)));
  }

  private static Frame withStack(Frame f, List<Value> stack) {
    return new Frame(f.instanceIndex(), f.functionIndex(), f.codeOffset(), f.locals(), stack);
  }

  @Test
  void theServiceLoaderFindsTheChicoryProfileBesideTheBuiltInOnes() {
    assertSame(ChicoryProfile.PROFILE, CHICORY);
    assertEquals(List.of("strict", "wasmtime", "chicory"), Profile.names());
    assertEquals(List.of("CALL_DEPTH", "STACK_OMITTED", "OPERANDS_MISSING"),
        CHICORY.allowances().stream().map(a -> a.name()).toList());
  }

  @Test
  void aChangedLocalIsWrongAndNamesTheField() throws Exception {
    CoreDump changed = withFrames(decoded(OLDER_FRAMES), fs -> {
      Frame f = fs.get(0);
      fs.set(0, new Frame(f.instanceIndex(), f.functionIndex(), f.codeOffset(),
          List.of(Value.i32(31), Value.i32(40)), f.stack()));
      return fs;
    });
    CaseVerdict v = score(OLDER_FRAMES, changed, CHICORY);
    assertEquals(CaseVerdict.Kind.WRONG, v.kind());
    assertEquals("corestack: thread 0 \"main\" / frame #0 local 0: expected i32:30, actual i32:31",
        v.detail());
  }

  @Test
  void anOmittedStackIsAllowedUnderChicoryButNotUnderStrict() throws Exception {
    CoreDump omitted = withFrames(decoded(OLDER_FRAMES), fs -> {
      fs.set(1, withStack(fs.get(1), List.of()));
      return fs;
    });
    CaseVerdict v = score(OLDER_FRAMES, omitted, CHICORY);
    assertEquals(CaseVerdict.Kind.ALLOWED, v.kind(), v.detail());
    assertEquals(List.of("STACK_OMITTED"), v.allowances());
    CaseVerdict strict = score(OLDER_FRAMES, omitted, Profile.STRICT);
    assertEquals(CaseVerdict.Kind.WRONG, strict.kind());
    assertTrue(strict.allowedBy().contains("chicory"), strict.detail());
  }

  @Test
  void missingOperandsOfTheYoungestFrameAreAllowedButNotOfOlderOnes() throws Exception {
    // The golden's youngest frame with a second operand, so that one of two can be missing.
    CoreDump golden = withFrames(decoded(OLDER_FRAMES), fs -> {
      fs.set(0, withStack(fs.get(0), List.of(Value.i32(77), Value.i32(88))));
      return fs;
    });
    CoreDump young = withFrames(golden, fs -> {
      fs.set(0, withStack(fs.get(0), List.of(Value.MISSING, Value.i32(88))));
      return fs;
    });
    CaseVerdict v = score(golden, young, CHICORY);
    assertEquals(CaseVerdict.Kind.ALLOWED, v.kind(), v.detail());
    assertEquals(List.of("OPERANDS_MISSING"), v.allowances());
    CoreDump old = withFrames(decoded(OLDER_FRAMES), fs -> {
      fs.set(1, withStack(fs.get(1), List.of(Value.i32(10), Value.MISSING)));
      return fs;
    });
    assertEquals(CaseVerdict.Kind.WRONG, score(OLDER_FRAMES, old, CHICORY).kind());
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
    CaseVerdict v = score(EXHAUSTED, deeper(decoded(EXHAUSTED), -1), CHICORY);
    assertEquals(CaseVerdict.Kind.ALLOWED, v.kind(), v.detail());
    assertEquals(List.of("CALL_DEPTH"), v.allowances());
    assertEquals(CaseVerdict.Kind.WRONG,
        score(EXHAUSTED, deeper(decoded(EXHAUSTED), -1), Profile.STRICT).kind());
    CaseVerdict wrong = score(EXHAUSTED, deeper(decoded(EXHAUSTED), 7), CHICORY);
    assertEquals(CaseVerdict.Kind.WRONG, wrong.kind());
    assertTrue(wrong.detail().startsWith("corestack: thread 0 \"main\" frame count"),
        wrong.detail());
  }

  @Test
  void aShallowerExhaustionIsWrong() throws Exception {
    CoreDump shallower = withFrames(decoded(EXHAUSTED), fs -> new ArrayList<>(fs.subList(1,
        fs.size())));
    assertEquals(CaseVerdict.Kind.WRONG, score(EXHAUSTED, shallower, CHICORY).kind());
  }
}
