package dev.coroner.interpreter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of translated functions and of those left to the interpreter, by reason; printed at exit
 * when the system property {@value #PROPERTY} is {@code true}, or written at exit to the file it
 * names otherwise (the project's test runs set it, so that a run on the compiled engine shows how
 * much of it ran compiled).
 */
final class TierStats {
  static final String PROPERTY = "coroner.compiler.stats";
  private static final Map<String, Integer> INTERPRETED = new TreeMap<>();
  private static long compiled;

  static {
    String target = System.getProperty(PROPERTY, "false");
    if (target.equals("true")) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(summary())));
    } else if (!target.equals("false") && !target.isEmpty()) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          Files.writeString(Path.of(target), summary() + System.lineSeparator());
        } catch (IOException e) {
          System.err.println("[compiler] cannot write " + target + ": " + e.getMessage());
        }
      }));
    }
  }

  private TierStats() {}

  static synchronized void compiled(int n) {
    compiled += n;
  }

  static synchronized void interpreted(String reason) {
    INTERPRETED.merge(reason, 1, Integer::sum);
  }

  static synchronized String summary() {
    int left = INTERPRETED.values().stream().mapToInt(Integer::intValue).sum();
    return "[compiler] " + compiled + " functions compiled, " + left + " left to the interpreter"
        + (left == 0 ? "" : ": " + INTERPRETED);
  }
}
