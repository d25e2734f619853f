package dev.coroner.coredump;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Where the encoder writes bytes: a growable array ({@link #growable}) for the small sections whose
 * size must be known before they are written, or a buffered view of an {@link OutputStream} ({@link
 * #buffered}) for the whole file. I/O failures surface as {@link UncheckedIOException}; {@link
 * CoreDumpEncoder} unwraps them.
 */
abstract class ByteSink {

  abstract void writeByte(int b);

  abstract void writeBytes(byte[] bytes, int offset, int length);

  final void writeBytes(byte[] bytes) {
    writeBytes(bytes, 0, bytes.length);
  }

  /** Bytes written so far. */
  abstract long count();

  static Growable growable() {
    return new Growable();
  }

  static Buffered buffered(OutputStream out) {
    return new Buffered(out);
  }

  /** An in-memory sink whose bytes can be copied out or written to another sink. */
  static final class Growable extends ByteSink {
    private byte[] buf = new byte[64];
    private int size;

    @Override
    void writeByte(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    @Override
    void writeBytes(byte[] bytes, int offset, int length) {
      ensure(length);
      System.arraycopy(bytes, offset, buf, size, length);
      size += length;
    }

    @Override
    long count() {
      return size;
    }

    int size() {
      return size;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }

    void writeTo(ByteSink other) {
      other.writeBytes(buf, 0, size);
    }

    private void ensure(int more) {
      if (more > buf.length - size) {
        long wanted = Math.max((long) size + more, 2L * buf.length);
        if (wanted > Limits.MAX_INPUT_BYTES) {
          if ((long) size + more > Limits.MAX_INPUT_BYTES) {
            throw new OutOfMemoryError("section larger than " + Limits.MAX_INPUT_BYTES + " bytes");
          }
          wanted = Limits.MAX_INPUT_BYTES;
        }
        buf = Arrays.copyOf(buf, (int) wanted);
      }
    }
  }

  /** A sink over an {@link OutputStream}, with its own 8 KiB buffer. */
  static final class Buffered extends ByteSink {
    private final OutputStream out;
    private final byte[] buf = new byte[8192];
    private int used;
    private long flushed;

    Buffered(OutputStream out) {
      this.out = out;
    }

    @Override
    void writeByte(int b) {
      if (used == buf.length) {
        drain();
      }
      buf[used++] = (byte) b;
    }

    @Override
    void writeBytes(byte[] bytes, int offset, int length) {
      if (length > buf.length - used) {
        drain();
        if (length >= buf.length) {
          try {
            out.write(bytes, offset, length);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          flushed += length;
          return;
        }
      }
      System.arraycopy(bytes, offset, buf, used, length);
      used += length;
    }

    @Override
    long count() {
      return flushed + used;
    }

    /** Writes out the buffer and flushes the stream (which stays open). */
    void flush() {
      drain();
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void drain() {
      if (used > 0) {
        try {
          out.write(buf, 0, used);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        flushed += used;
        used = 0;
      }
    }
  }
}
