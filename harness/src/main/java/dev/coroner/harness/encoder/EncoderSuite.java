package dev.coroner.harness.encoder;

import dev.coroner.coredump.CanonicalCheck;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.DecodedCoreDump;
import dev.coroner.harness.golden.GoldenLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Regression-tests a coredump encoder against a tree of golden files, without an interpreter:
 * each golden's captured state is its decoding ({@code decode(encode(s)) == s}), so the encoder is
 * given that state and its output is compared with the golden, in {@link Mode#EXACT} or {@link
 * Mode#SEMANTIC} mode.
 *
 * <p>It stops early, with one message instead of one failure per golden, when the encoder cannot
 * start at all ({@link EncoderException.Kind#CANNOT_START}), or when it times out on each of the
 * first {@value #TIMEOUTS_BEFORE_STOP} goldens.
 */
public final class EncoderSuite {

  /** Timeouts on the first goldens, in a row, after which the suite stops. */
  public static final int TIMEOUTS_BEFORE_STOP = 2;

  private EncoderSuite() {}

  /**
   * Runs {@code encoder} on the state of every golden under {@code goldenRoot} ({@link
   * GoldenLayout#coreFiles}).
   *
   * <p>Each golden gets a verdict; an encoder that throws fails that golden only (unless the suite
   * stops, see above). A golden that does not decode or is not canonical is {@link
   * Outcome#SKIPPED} with the reason: the encoder cannot be judged against it.
   *
   * @throws IOException if the tree cannot be listed or a golden cannot be read
   */
  public static EncoderReport run(Path goldenRoot, CoredumpEncoder encoder, Mode mode)
      throws IOException {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(mode, "mode");
    GoldenLayout layout = GoldenLayout.at(goldenRoot);
    List<Path> cores = layout.coreFiles();
    List<GoldenResult> results = new ArrayList<>();
    int attempted = 0;
    int timeoutsFromStart = 0;
    for (Path core : cores) {
      String name = layout.relative(core);
      byte[] golden = Files.readAllBytes(core);
      DecodedCoreDump reference;
      try {
        reference = CoreDumpDecoder.decodeWithFacts(golden);
      } catch (CoreDumpFormatException e) {
        results.add(GoldenResult.skipped(name, "the golden does not decode: " + e.getMessage()));
        continue;
      }
      CanonicalCheck.Result canonical = CanonicalCheck.check(reference, golden);
      if (!canonical.isCanonical()) {
        results.add(
            GoldenResult.skipped(name, "the golden is not canonical: " + canonical.reasons()));
        continue;
      }
      CoreDump state = reference.dump();
      attempted++;
      byte[] actual;
      try {
        actual = encoder.encode(state);
      } catch (EncoderException e) {
        if (e.kind() == EncoderException.Kind.CANNOT_START) {
          return stopped(encoder, mode, goldenRoot, results,
              "the encoder cannot run: " + e.getMessage());
        }
        if (e.kind() == EncoderException.Kind.TIMED_OUT && timeoutsFromStart == attempted - 1
            && ++timeoutsFromStart == TIMEOUTS_BEFORE_STOP) {
          List<GoldenResult> skippedOnly =
              results.stream().filter(r -> r.outcome() == Outcome.SKIPPED).toList();
          return stopped(encoder, mode, goldenRoot, skippedOnly,
              "the encoder timed out on each of the first " + TIMEOUTS_BEFORE_STOP
                  + " goldens, so the other " + (cores.size() - results.size() - 1)
                  + " were not tried; last: " + e.getMessage());
        }
        results.add(Comparison.encoderError(name, e));
        continue;
      } catch (RuntimeException e) {
        results.add(Comparison.encoderError(name, e));
        continue;
      }
      if (actual == null) {
        results.add(
            Comparison.encoderError(name, new EncoderException("encoder returned null")));
        continue;
      }
      results.add(Comparison.compare(name, golden, state, actual, mode));
    }
    return new EncoderReport(encoder.name(), mode, goldenRoot, results, Optional.empty());
  }

  private static EncoderReport stopped(
      CoredumpEncoder encoder, Mode mode, Path root, List<GoldenResult> results, String why) {
    return new EncoderReport(encoder.name(), mode, root, results, Optional.of(why));
  }
}
