package dev.coroner.harness.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Value;
import dev.coroner.harness.Difference;
import dev.coroner.harness.HarnessMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderSuiteTest {

  private static final String RICH = "spec/rich.wast/42.core";

  @TempDir static Path temp;
  private static Path root;

  @BeforeAll
  static void goldens() {
    root = SyntheticGoldens.writeTree(temp.resolve("golden"));
  }

  /** An encoder that edits the state, then encodes it canonically. */
  private static CoredumpEncoder editing(String name, UnaryOperator<CoreDump> edit) {
    return encoder(name, dump -> CoreDumpEncoder.encode(edit.apply(dump)));
  }

  /** An encoder that encodes the state canonically, then edits the bytes. */
  private static CoredumpEncoder bytes(String name, UnaryOperator<byte[]> edit) {
    return encoder(name, dump -> edit.apply(CoreDumpEncoder.encode(dump)));
  }

  private static CoredumpEncoder encoder(String name, Function<CoreDump, byte[]> encode) {
    return new CoredumpEncoder() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public byte[] encode(CoreDump dump) {
        return encode.apply(dump);
      }
    };
  }

  /** {@code dump} with the first frame of the first thread replaced. */
  private static CoreDump withFirstFrame(CoreDump dump, UnaryOperator<Frame> edit) {
    if (dump.threads().isEmpty() || dump.threads().get(0).frames().isEmpty()) {
      return dump;
    }
    List<CoreStack> threads = new ArrayList<>(dump.threads());
    CoreStack t = threads.get(0);
    List<Frame> frames = new ArrayList<>(t.frames());
    frames.set(0, edit.apply(frames.get(0)));
    threads.set(0, new CoreStack(t.threadName(), frames));
    return new CoreDump(
        dump.processName(), dump.modules(), dump.instances(), dump.memories(), dump.globals(),
        threads);
  }

  private static GoldenResult result(EncoderReport report, String golden) {
    return report.results().stream().filter(r -> r.golden().equals(golden)).findFirst()
        .orElseThrow();
  }

  @Test
  void canonicalEncoderIsRegistered() {
    assertTrue(
        Encoders.registered().stream().anyMatch(e -> e instanceof CanonicalEncoder),
        "registered: " + Encoders.registered());
  }

  @Test
  void canonicalEncoderPassesEveryGoldenInBothModes() throws IOException {
    Path tree = SyntheticGoldens.rootOr(temp.resolve("either"));
    for (Mode mode : Mode.values()) {
      EncoderReport report = EncoderSuite.run(tree, new CanonicalEncoder(), mode);
      assertFalse(report.results().isEmpty());
      assertTrue(report.allPass(), report.render());
    }
  }

  @Test
  void goldensAreListedInPathOrder() throws IOException {
    EncoderReport report = EncoderSuite.run(root, new CanonicalEncoder(), Mode.EXACT);
    List<String> names = report.results().stream().map(GoldenResult::golden).toList();
    assertEquals(
        List.of("empty.wast/3.core", "multi/threads.wast/7.core", RICH, "wasi/app.wasm/1.core"),
        names);
    assertTrue(report.render().startsWith("coroner-canonical (exact, "), report.render());
    assertTrue(report.render().contains("  pass      " + RICH + "\n"), report.render());
  }

  @Test
  void changedValueFailsWithDiffNamingTheField() throws IOException {
    CoredumpEncoder enc =
        editing(
            "off-by-one local",
            d -> withFirstFrame(d, f -> {
              List<Value> locals = new ArrayList<>(f.locals());
              if (!locals.isEmpty() && !locals.get(0).isMissing()) {
                locals.set(0, Value.i32(locals.get(0).asI32() + 1));
              }
              return new Frame(f.instanceIndex(), f.functionIndex(), f.codeOffset(), locals,
                  f.stack());
            }));
    EncoderReport report = EncoderSuite.run(root, enc, Mode.SEMANTIC);
    GoldenResult rich = result(report, RICH);
    assertEquals(Outcome.FAIL, rich.outcome(), report.render());
    assertEquals(
        List.of(new Difference("corestack", "thread 0 \"main\" / frame #0 local 0", "i32:-1",
            "i32:0")),
        rich.differences());
    assertTrue(rich.excerpt().startsWith("first differing byte at offset 0x"), rich.excerpt());
    String text = report.render();
    assertTrue(text.contains("fail      " + RICH), text);
    assertTrue(text.contains("corestack: thread 0 \"main\" / frame #0 local 0: expected i32:-1"),
        text);
    assertEquals(Outcome.PASS, result(report, "empty.wast/3.core").outcome());
  }

  @Test
  void partlyMissingValuesAreAFailureNotAnOmission() throws IOException {
    CoredumpEncoder enc =
        editing("one local missing", d -> withFirstFrame(d, f -> {
          List<Value> locals = new ArrayList<>(f.locals());
          if (locals.size() > 1) {
            locals.set(0, Value.MISSING);
          }
          return new Frame(f.instanceIndex(), f.functionIndex(), f.codeOffset(), locals,
              f.stack());
        }));
    GoldenResult rich = result(EncoderSuite.run(root, enc, Mode.SEMANTIC), RICH);
    assertEquals(Outcome.FAIL, rich.outcome());
    assertEquals("thread 0 \"main\" / frame #0 local 0", rich.differences().get(0).location());
  }

  @Test
  void allMissingLocalsAreAnOmission() throws IOException {
    CoredumpEncoder enc =
        editing("locals all missing", d -> withFirstFrame(d, f -> new Frame(
            f.instanceIndex(), f.functionIndex(), f.codeOffset(),
            f.locals().stream().map(v -> Value.MISSING).toList(), f.stack())));
    GoldenResult rich = result(EncoderSuite.run(root, enc, Mode.SEMANTIC), RICH);
    assertEquals(Outcome.DIVERGENT, rich.outcome());
    assertEquals(Set.of(Divergence.LOCALS_OMITTED), rich.divergences());
  }

  @Test
  void valuesWhereTheGoldenHasNoneAreAFailure() {
    assertFalse(Comparison.omits(List.of(), List.of(Value.MISSING)));
    assertFalse(Comparison.omits(List.of(Value.i32(1)), List.of(Value.i32(2))));
    assertTrue(Comparison.omits(List.of(Value.i32(1)), List.of()));
    assertTrue(Comparison.omits(List.of(Value.i32(1), Value.MISSING), List.of(Value.MISSING,
        Value.MISSING)));
  }

  @Test
  void exactModeFailsADivergenceButNamesIt() throws IOException {
    CoredumpEncoder enc =
        editing("mutable", d -> new CoreDump(d.processName(), d.modules(), d.instances(),
            d.memories(), d.globals().stream().map(g -> g.withMutable(true)).toList(),
            d.threads()));
    GoldenResult rich = result(EncoderSuite.run(root, enc, Mode.EXACT), RICH);
    assertEquals(Outcome.FAIL, rich.outcome());
    assertEquals(Set.of(Divergence.GLOBAL_MUTABILITY), rich.divergences());
    assertEquals(List.of(), rich.differences());
    assertTrue(rich.problems().get(0).contains("semantically only divergent"), rich.problems()
        .toString());
  }

  @Test
  void outputThatDoesNotDecodeFailsWithTheOffset() throws IOException {
    EncoderReport report =
        EncoderSuite.run(root, bytes("truncated", b -> Arrays.copyOf(b, b.length - 1)),
            Mode.SEMANTIC);
    for (GoldenResult r : report.results()) {
      assertEquals(Outcome.FAIL, r.outcome());
      assertTrue(r.problems().get(0).startsWith("output does not decode: section size "),
          r.problems().toString());
      assertTrue(r.problems().get(0).contains("(at offset 0x"), r.problems().toString());
      assertTrue(r.excerpt().contains("[end]"), r.excerpt());
    }
  }

  @Test
  void foreignCustomSectionIsNotAnAllowedDivergence() throws IOException {
    byte[] extra = {0x00, 0x05, 0x04, 'n', 'a', 'm', 'e'}; // custom "name", empty payload
    CoredumpEncoder enc =
        bytes("extra section", b -> {
          byte[] out = Arrays.copyOf(b, b.length + extra.length);
          System.arraycopy(extra, 0, out, b.length, extra.length);
          return out;
        });
    GoldenResult rich = result(EncoderSuite.run(root, enc, Mode.SEMANTIC), RICH);
    assertEquals(Outcome.FAIL, rich.outcome());
    assertTrue(rich.problems().get(0).startsWith("not an allowed divergence: FOREIGN_SECTION"),
        rich.problems().toString());
  }

  @Test
  void encoderErrorFailsThatGoldenOnly() throws IOException {
    CoredumpEncoder enc =
        new CoredumpEncoder() {
          @Override
          public String name() {
            return "picky";
          }

          @Override
          public byte[] encode(CoreDump dump) throws EncoderException {
            if (dump.globals().size() > 3) {
              throw new EncoderException("too many globals for me");
            }
            return CoreDumpEncoder.encode(dump);
          }
        };
    EncoderReport report = EncoderSuite.run(root, enc, Mode.EXACT);
    assertEquals(1, report.count(Outcome.FAIL), report.render());
    assertEquals(List.of("encoder error: too many globals for me"),
        result(report, RICH).problems());
  }

  @Test
  void brokenGoldensAreSkippedWithTheirReasonNotFailed(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.wast/1.core");
    Files.createDirectories(bad.getParent());
    Files.write(bad, "not a coredump".getBytes(StandardCharsets.US_ASCII));
    byte[] good = CoreDumpEncoder.encode(SyntheticGoldens.dumps().get("empty.wast/3.core"));
    Path truncated = dir.resolve("cut.wast/2.core");
    Files.createDirectories(truncated.getParent());
    Files.write(truncated, Arrays.copyOf(good, good.length - 3));
    Path ok = dir.resolve("ok.wast/3.core");
    Files.createDirectories(ok.getParent());
    Files.write(ok, good);
    EncoderReport report = EncoderSuite.run(dir, new CanonicalEncoder(), Mode.EXACT);
    assertTrue(report.ok(), report.render());
    assertTrue(report.allPass(), report.render());
    assertEquals(2, report.count(Outcome.SKIPPED));
    assertEquals(1, report.judged());
    assertTrue(report.render().contains(
        "  skipped   bad.wast/1.core: the golden does not decode: not a Wasm binary"),
        report.render());
    assertTrue(report.render().contains("  skipped   cut.wast/2.core: the golden does not decode: "),
        report.render());
    assertTrue(report.summary().endsWith("1 pass, 0 divergent, 0 fail, 2 skipped (broken golden)"),
        report.summary());
  }

  @Test
  void nonCanonicalGoldenIsSkipped(@TempDir Path dir) throws IOException {
    byte[] good = CoreDumpEncoder.encode(SyntheticGoldens.dumps().get("empty.wast/3.core"));
    // Pad the first section size (after the 8-byte header and the id) to a 2-byte LEB128.
    byte[] padded = new byte[good.length + 1];
    System.arraycopy(good, 0, padded, 0, 9);
    padded[9] = (byte) (good[9] | 0x80);
    padded[10] = 0x00;
    System.arraycopy(good, 10, padded, 11, good.length - 10);
    Path core = dir.resolve("pad.wast/1.core");
    Files.createDirectories(core.getParent());
    Files.write(core, padded);
    EncoderReport report = EncoderSuite.run(dir, new CanonicalEncoder(), Mode.EXACT);
    assertEquals(Outcome.SKIPPED, report.results().get(0).outcome(), report.render());
    assertTrue(report.results().get(0).problems().get(0).startsWith(
        "the golden is not canonical: "), report.render());
  }

  /** An encoder that fails every call with {@code kind}, counting the calls. */
  private static final class Failing implements CoredumpEncoder {
    final EncoderException.Kind kind;
    final int passFirst;
    int calls;

    Failing(EncoderException.Kind kind, int passFirst) {
      this.kind = kind;
      this.passFirst = passFirst;
    }

    @Override
    public String name() {
      return "failing-" + kind;
    }

    @Override
    public byte[] encode(CoreDump dump) throws EncoderException {
      if (calls++ < passFirst) {
        return CoreDumpEncoder.encode(dump);
      }
      throw new EncoderException(kind, "no luck (" + kind + ")", null);
    }
  }

  @Test
  void anEncoderThatCannotStartStopsTheRunWithOneMessage() throws IOException {
    Failing enc = new Failing(EncoderException.Kind.CANNOT_START, 0);
    EncoderReport report = EncoderSuite.run(root, enc, Mode.EXACT);
    assertEquals(1, enc.calls);
    assertFalse(report.ok());
    assertEquals(Optional.of("the encoder cannot run: no luck (CANNOT_START)"), report.stopped());
    String text = report.render();
    assertEquals(1, text.split("no luck", -1).length - 1, text);
    assertTrue(text.contains(HarnessMessages.ENCODER_STOPPED), text);
  }

  @Test
  void timeoutsOnTheFirstTwoGoldensStopTheRun() throws IOException {
    Failing enc = new Failing(EncoderException.Kind.TIMED_OUT, 0);
    EncoderReport report = EncoderSuite.run(root, enc, Mode.EXACT);
    assertEquals(EncoderSuite.TIMEOUTS_BEFORE_STOP, enc.calls);
    assertTrue(report.stopped().orElseThrow().startsWith(
        "the encoder timed out on each of the first 2 goldens, so the other 2 were not tried;"),
        report.render());
    assertEquals(List.of(), report.results());
  }

  @Test
  void timeoutsAfterAGoodStartDoNotStopTheRun() throws IOException {
    Failing enc = new Failing(EncoderException.Kind.TIMED_OUT, 1);
    EncoderReport report = EncoderSuite.run(root, enc, Mode.EXACT);
    assertEquals(4, enc.calls);
    assertEquals(Optional.empty(), report.stopped());
    assertEquals(3, report.count(Outcome.FAIL), report.render());
  }

  @Test
  void aSemanticPassListsTheDivergencesItAcceptedByKindAndCount() throws IOException {
    CoredumpEncoder enc =
        editing("mutable", d -> new CoreDump(d.processName(), d.modules(), d.instances(),
            d.memories(), d.globals().stream().map(g -> g.withMutable(true)).toList(),
            d.threads()));
    EncoderReport report = EncoderSuite.run(root, enc, Mode.SEMANTIC);
    assertTrue(report.ok(), report.render());
    long divergent = report.count(Outcome.DIVERGENT);
    assertTrue(divergent >= 2, report.render());
    assertEquals(Map.of(Divergence.GLOBAL_MUTABILITY, (int) divergent),
        report.acceptedDivergences());
    assertTrue(report.summary().contains("\n  divergences accepted:\n    GLOBAL_MUTABILITY in "
        + divergent + " goldens: global mutability flag differs"), report.summary());
  }

  @Test
  void missingRootIsAnError() {
    IOException e =
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> EncoderSuite.run(temp.resolve("nope"), new CanonicalEncoder(), Mode.EXACT));
    assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
  }

  @Test
  void globalsSurviveUnchangedThroughTheSuite() {
    // Guards the synthetic tree: the rich dump really has globals of every type.
    CoreDump rich = SyntheticGoldens.dumps().get(RICH);
    assertEquals(7, rich.globals().stream().map(Global::type).distinct().count());
  }
}
