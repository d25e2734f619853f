package dev.coroner.harness.encoder;

import dev.coroner.coredump.CoreDump;

/**
 * Something that turns a captured state into coredump bytes: Coroner's own {@link
 * CanonicalEncoder}, another JVM producer, or an {@link ExternalEncoder} running a program in any
 * language. {@link EncoderSuite} runs one against every golden file and compares its output with
 * the golden.
 *
 * <p>JVM implementations register with {@code @AutoService(CoredumpEncoder.class)} (or a {@code
 * META-INF/services/dev.coroner.harness.encoder.CoredumpEncoder} entry) and need a public no-arg
 * constructor; {@link Encoders#registered()} finds them.
 */
public interface CoredumpEncoder {

  /** A short, stable name for reports, e.g. {@code coroner-canonical}. */
  String name();

  /**
   * Encodes {@code dump}, the state captured for one golden.
   *
   * @throws EncoderException if the encoder cannot produce output (a tool that is missing or
   *     crashes); the suite reports it as a failure of that golden and goes on with the next
   */
  byte[] encode(CoreDump dump) throws EncoderException;
}
