package dev.coroner.cli;

import com.dylibso.chicory.wasi.WasiOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The WASI options of {@code coroner run}: {@code --dir}, {@code --env} and {@code --timeout}. */
final class WasiArguments {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

  private WasiArguments() {}

  /**
   * Adds {@code --dir HOST[::GUEST]} preopens (GUEST defaults to HOST as written) and {@code --env
   * NAME=VALUE} variables to {@code options}.
   *
   * @throws CliException (exit 2) naming the first bad value or missing folder
   */
  static void apply(WasiOptions.Builder options, List<String> dirs, List<String> env) {
    for (String dir : dirs) {
      int split = dir.indexOf("::");
      String host = split < 0 ? dir : dir.substring(0, split);
      String guest = split < 0 ? dir : dir.substring(split + 2);
      if (host.isEmpty() || guest.isEmpty()) {
        throw CliException.usage("--dir " + dir + ": expected HOST or HOST::GUEST");
      }
      Path path = Path.of(host);
      if (!Files.isDirectory(path)) {
        throw CliException.usage("--dir " + dir + ": " + host
            + (Files.exists(path) ? ": not a folder" : ": no such folder"));
      }
      options.withDirectory(guest, path);
    }
    for (String e : env) {
      int eq = e.indexOf('=');
      if (eq <= 0) {
        throw CliException.usage("--env " + e + ": expected NAME=VALUE");
      }
      options.withEnvironment(e.substring(0, eq), e.substring(eq + 1));
    }
  }

  /**
   * Parses a {@code --timeout}: a number with an optional unit, {@code ms}, {@code s} (the
   * default), {@code m}/{@code min} or {@code h}; for example {@code 500ms}, {@code 10}, {@code
   * 1.5s}, {@code 2m}.
   *
   * @throws CliException (exit 2) if it does not parse or is zero
   */
  static Duration timeout(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw CliException.usage("--timeout " + text
          + ": expected a duration such as 500ms, 10s, 1.5s, 2m or 1h");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis = amount * switch (unit) {
      case "ms" -> 1;
      case "s" -> 1_000;
      case "m", "min" -> 60_000;
      default -> 3_600_000;
    };
    if (millis < 1 || millis > Long.MAX_VALUE / 1_000_000) {
      throw CliException.usage("--timeout " + text + ": must be at least 1 ms");
    }
    return Duration.ofMillis((long) millis);
  }
}
