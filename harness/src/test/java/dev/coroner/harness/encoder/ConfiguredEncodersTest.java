package dev.coroner.harness.encoder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every configured encoder (the registered ones, plus {@code -Dcoroner.encoder.command}) over
 * the goldens (the conformance goldens named by {@code -Dcoroner.goldenRoot}, plus the synthetic
 * ones), in the mode {@code
 * -Dcoroner.encoder.mode} names ({@code exact} by default), and requires no failure.
 */
class ConfiguredEncodersTest {

  @TempDir Path temp;

  @Test
  void everyConfiguredEncoderConforms() throws IOException {
    Mode mode =
        Mode.valueOf(System.getProperty("coroner.encoder.mode", "exact").toUpperCase(Locale.ROOT));
    Path root = SyntheticGoldens.rootOr(temp);
    StringBuilder failures = new StringBuilder();
    for (CoredumpEncoder encoder : Encoders.configured()) {
      EncoderReport report = EncoderSuite.run(root, encoder, mode);
      System.out.println(report.summary());
      assertFalse(report.results().isEmpty(), "no goldens under " + root);
      if (!report.ok()) {
        failures.append(report.render());
      }
    }
    assertTrue(failures.length() == 0, failures.toString());
  }
}
