package dev.coroner.coredump;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Run in a forked JVM by {@link LargeMemoryTest}: builds a dump with a 1 GiB memory holding 16
 * non-zero bytes at every MiB boundary + 100, encodes it streaming into a counting, hashing
 * stream (never a byte array), and prints {@code bytes=N ms=T sha256=H planned=P}.
 */
final class LargeMemoryMain {

  static final int SIZE = 1 << 30;
  static final int STRIDE = 1 << 20;
  static final int AT = 100;
  static final int RUN = 16;

  private LargeMemoryMain() {}

  public static void main(String[] args) throws Exception {
    byte[] memory = new byte[SIZE];
    for (int base = 0; base < SIZE; base += STRIDE) {
      for (int i = 0; i < RUN; i++) {
        memory[base + AT + i] = (byte) (i + 1);
      }
    }
    CoreDump.Builder b = CoreDump.builder("big");
    b.addMemory(Memory.of(MemoryContents.of(memory), OptionalLong.empty()));
    CoreDump dump = b.build();

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long[] count = {0};
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int x) {
            sha.update((byte) x);
            count[0]++;
          }

          @Override
          public void write(byte[] buf, int off, int len) {
            sha.update(buf, off, len);
            count[0] += len;
          }
        };
    long start = System.nanoTime();
    long written = CoreDumpEncoder.encode(dump, out);
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (written != count[0]) {
      throw new AssertionError("encode returned " + written + " but wrote " + count[0]);
    }
    long planned = CoreDumpEncoder.encodedSize(dump);
    System.out.println(
        "bytes=" + count[0] + " ms=" + ms + " sha256=" + HexFormat.of().formatHex(sha.digest())
            + " planned=" + planned + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1 << 20));
  }
}
