package dev.coroner.harness.encoder;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Regression-tests a coredump encoder against a tree of golden files, without an interpreter:
 * each golden's captured state is its decoding ({@code decode(encode(s)) == s}), so the encoder is
 * given that state and its output is compared with the golden, in {@link Mode#EXACT} or {@link
 * Mode#SEMANTIC} mode.
 */
public final class EncoderSuite {

  private EncoderSuite() {}

  /**
   * Runs {@code encoder} on the state of every golden under {@code goldenRoot} ({@link
   * GoldenTree#coreFiles}).
   *
   * <p>Each golden gets a verdict; an encoder that throws fails that golden only. A golden that
   * does not decode is reported as a failure naming the golden and the byte offset.
   *
   * @throws IOException if the tree cannot be listed or a golden cannot be read
   */
  public static EncoderReport run(Path goldenRoot, CoredumpEncoder encoder, Mode mode)
      throws IOException {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(mode, "mode");
    List<GoldenResult> results = new ArrayList<>();
    for (Path core : GoldenTree.coreFiles(goldenRoot)) {
      String name = GoldenTree.relative(goldenRoot, core);
      byte[] golden = Files.readAllBytes(core);
      CoreDump state;
      try {
        state = CoreDumpDecoder.decode(golden);
      } catch (CoreDumpFormatException e) {
        results.add(
            new GoldenResult(
                name, Outcome.FAIL, Set.of(), List.of(),
                List.of("the golden itself does not decode: " + e.getMessage()), ""));
        continue;
      }
      byte[] actual;
      try {
        actual = encoder.encode(state);
      } catch (EncoderException | RuntimeException e) {
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
    return new EncoderReport(encoder.name(), mode, goldenRoot, results);
  }
}
