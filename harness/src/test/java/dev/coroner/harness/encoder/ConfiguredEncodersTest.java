package dev.coroner.harness.encoder;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every configured encoder (the registered ones, plus {@code -Dcoroner.encoder.command}) over
 * the goldens (the conformance goldens named by {@code -Dcoroner.goldenRoot}, plus the synthetic
 * ones), in the mode {@code -Dcoroner.encoder.mode} names ({@code exact} by default), and requires
 * no failure.
 *
 * <p>Each report is printed once, in full when the encoder fails (and with the divergences a
 * semantic pass accepted); the failure message itself is one line per failing encoder, so the
 * build log does not repeat the report.
 */
class ConfiguredEncodersTest {

  @TempDir Path temp;

  @Test
  void everyConfiguredEncoderConforms() throws IOException {
    Mode mode =
        Mode.valueOf(System.getProperty("coroner.encoder.mode", "exact").toUpperCase(Locale.ROOT));
    Path root = SyntheticGoldens.rootOr(temp);
    List<String> failed = new ArrayList<>();
    for (CoredumpEncoder encoder : Encoders.configured()) {
      EncoderReport report = EncoderSuite.run(root, encoder, mode);
      System.out.print(report.ok() ? report.brief() : report.render());
      assertTrue(report.judged() > 0 || report.stopped().isPresent(),
          "no usable goldens under " + root);
      if (!report.ok()) {
        failed.add(report.encoder() + ": " + (report.stopped().isPresent()
            ? "stopped early"
            : report.count(Outcome.FAIL) + " of " + report.judged() + " goldens fail"));
      }
    }
    if (!failed.isEmpty()) {
      fail(String.join("; ", failed) + " (" + mode.name().toLowerCase(Locale.ROOT)
          + " mode; the report is printed above)");
    }
  }
}
