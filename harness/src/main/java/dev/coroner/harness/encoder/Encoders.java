package dev.coroner.harness.encoder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Finds the encoders to test: the JVM encoders registered through {@link ServiceLoader} (with
 * AutoService), and an external command given by system properties.
 *
 * <ul>
 *   <li>{@value #COMMAND_PROPERTY}: the {@link ExternalEncoder} command template, e.g. {@code
 *       python3 examples/python-encoder/encode.py {state} {out}};
 *   <li>{@value #WORKDIR_PROPERTY}: the directory it runs in (default: the JVM's);
 *   <li>{@value #TIMEOUT_PROPERTY}: seconds one run may take (default 60).
 * </ul>
 */
public final class Encoders {

  /** System property naming an external encoder's command template. */
  public static final String COMMAND_PROPERTY = "coroner.encoder.command";

  /** System property naming the external encoder's working directory. */
  public static final String WORKDIR_PROPERTY = "coroner.encoder.workdir";

  /** System property giving the external encoder's timeout in seconds. */
  public static final String TIMEOUT_PROPERTY = "coroner.encoder.timeout";

  private Encoders() {}

  /**
   * Every encoder registered with {@link ServiceLoader} on the thread's context class loader,
   * sorted by name (the canonical encoder among them).
   *
   * @throws java.util.ServiceConfigurationError if a registered class cannot be instantiated
   */
  public static List<CoredumpEncoder> registered() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return registered(cl != null ? cl : Encoders.class.getClassLoader());
  }

  /** Every encoder registered with {@link ServiceLoader} on {@code loader}, sorted by name. */
  public static List<CoredumpEncoder> registered(ClassLoader loader) {
    List<CoredumpEncoder> out = new ArrayList<>();
    ServiceLoader.load(CoredumpEncoder.class, loader).forEach(out::add);
    out.sort(Comparator.comparing(CoredumpEncoder::name));
    return out;
  }

  /** The external encoder the system properties describe, if {@value #COMMAND_PROPERTY} is set. */
  public static Optional<CoredumpEncoder> fromSystemProperties() {
    return fromProperties(System.getProperties());
  }

  /**
   * The external encoder {@code props} describe, if {@value #COMMAND_PROPERTY} is set and not
   * blank.
   *
   * @throws IllegalArgumentException if the command or the timeout is invalid
   */
  public static Optional<CoredumpEncoder> fromProperties(Properties props) {
    String command = props.getProperty(COMMAND_PROPERTY, "").trim();
    if (command.isEmpty()) {
      return Optional.empty();
    }
    Path dir = Path.of(props.getProperty(WORKDIR_PROPERTY, "")).toAbsolutePath();
    Duration timeout = ExternalEncoder.DEFAULT_TIMEOUT;
    String t = props.getProperty(TIMEOUT_PROPERTY, "").trim();
    if (!t.isEmpty()) {
      try {
        timeout = Duration.ofSeconds(Long.parseLong(t));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            TIMEOUT_PROPERTY + " must be a number of seconds, found \"" + t + "\"", e);
      }
    }
    return Optional.of(new ExternalEncoder(command, dir, timeout));
  }

  /** The registered encoders followed by the external one from the system properties, if any. */
  public static List<CoredumpEncoder> configured() {
    List<CoredumpEncoder> out = new ArrayList<>(registered());
    fromSystemProperties().ifPresent(out::add);
    return out;
  }
}
