package dev.coroner.wasi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Collects a program's output in memory up to a limit. A write past the limit fails with an
 * {@link IOException}, which WASI returns to the program as {@code EIO}: a program that writes
 * without end cannot exhaust the JVM's heap.
 */
final class BoundedOutput extends OutputStream {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final long limit;
  private boolean overflowed;

  BoundedOutput(long limit) {
    this.limit = limit;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (bytes.size() + (long) len > limit) {
      overflowed = true;
      throw new IOException("output limit of " + limit + " bytes reached");
    }
    bytes.write(b, off, len);
  }

  /** Whether a write was refused because of the limit. */
  boolean overflowed() {
    return overflowed;
  }

  byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
