package dev.coroner.coredump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Encoding a dump with a 1 GiB memory streams: a JVM with {@code -Xmx1400m} holds the memory
 * (1 GiB) and encodes it, which would not fit if the encoder buffered the data section.
 */
class LargeMemoryTest {

  /** Bytes of a minimal signed LEB128 of {@code v}, computed independently of {@link Leb128}. */
  private static int slebSize(long v) {
    int n = 1;
    while (v < -(1L << (7 * n - 1)) || v >= (1L << (7 * n - 1))) {
      n++;
    }
    return n;
  }

  private static int ulebSize(long v) {
    int n = 1;
    while (v >= (1L << (7 * n))) {
      n++;
    }
    return n;
  }

  static long expectedSize() {
    long header = 8;
    long core = 1 + 1 + (1 + 4) + (1 + 1 + 3); // id, size, "core", 00 "big"
    long memory = 1 + 1 + (1 + 1 + 3); // one memory: flags 0, min 16384 = 80 80 01
    long global = 1 + 1 + 1; // empty
    int segments = LargeMemoryMain.SIZE / LargeMemoryMain.STRIDE;
    long payload = ulebSize(segments);
    for (long base = 0; base < LargeMemoryMain.SIZE; base += LargeMemoryMain.STRIDE) {
      // 00, i32.const offset, end, length, bytes
      payload += 1 + 1 + slebSize((int) (base + LargeMemoryMain.AT)) + 1 + 1 + LargeMemoryMain.RUN;
    }
    long data = 1 + ulebSize(payload) + payload;
    long coremodules = 1 + 1 + (1 + 11) + 1;
    long coreinstances = 1 + 1 + (1 + 13) + 1;
    return header + core + memory + global + data + coremodules + coreinstances;
  }

  @Test
  void encodesOneGibMemoryWithoutBufferingIt() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java, "-Xmx1400m", "-cp", System.getProperty("java.class.path"),
                LargeMemoryMain.class.getName()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "forked encoder timed out");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    Matcher m = Pattern.compile("bytes=(\\d+) ms=(\\d+) sha256=(\\w+) planned=(\\d+)").matcher(text);
    assertTrue(m.find(), text);
    long bytes = Long.parseLong(m.group(1));
    System.out.println("[LargeMemoryTest] 1 GiB memory encoded to " + bytes + " bytes in "
        + m.group(2) + " ms (" + text.trim() + ")");
    assertEquals(expectedSize(), bytes);
    assertEquals(bytes, Long.parseLong(m.group(4)));
  }
}
