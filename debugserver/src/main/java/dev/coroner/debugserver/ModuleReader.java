package dev.coroner.debugserver;

import dev.coroner.coredump.BinaryReader;

/**
 * A bounded reader over a module's bytes that knows its absolute offset: the project's {@link
 * BinaryReader} (one reader for every binary format) with this server's error type, so that every
 * malformation becomes a {@link ModuleFormatException} naming that offset.
 */
final class ModuleReader {

  /** The server's error texts for the shared reader's failures. */
  private static final BinaryReader.Errors<ModuleFormatException> ERRORS =
      new BinaryReader.Errors<>() {
        @Override
        public ModuleFormatException unexpectedEnd(
            String region, long limit, long at, String what) {
          return new ModuleFormatException("unexpected end of data", at);
        }

        @Override
        public ModuleFormatException lebTooLong(
            long start, long at, int bits, boolean signed, String what) {
          return new ModuleFormatException(
              "integer representation too long for " + type(bits, signed), start);
        }

        @Override
        public ModuleFormatException lebTooLarge(
            long start, long at, int bits, boolean signed, String what) {
          return new ModuleFormatException("integer too large for " + type(bits, signed), start);
        }

        @Override
        public ModuleFormatException tooLarge(
            String region, long at, String what, long value, String bound) {
          return new ModuleFormatException(
              what + " of " + value + " is too large (" + bound + ")", at);
        }

        @Override
        public ModuleFormatException invalidUtf8(long start, long at, String what) {
          return new ModuleFormatException(what + " is not valid UTF-8", start);
        }

        @Override
        public ModuleFormatException badByte(long at, int found, int expected, String what) {
          return new ModuleFormatException(
              what + " is 0x" + Integer.toHexString(found) + ", expected 0x"
                  + Integer.toHexString(expected), at);
        }

        @Override
        public ModuleFormatException trailingBytes(long at, String region, long count) {
          return new ModuleFormatException(count + " bytes left over after the " + region, at);
        }

        @Override
        public ModuleFormatException malformed(long at, String reason) {
          return new ModuleFormatException(reason, at);
        }
      };

  private final BinaryReader<ModuleFormatException> r;

  private ModuleReader(BinaryReader<ModuleFormatException> r) {
    this.r = r;
  }

  /** A reader over {@code [pos, end)} of {@code bytes}, both inside the array. */
  ModuleReader(byte[] bytes, int pos, int end) {
    this(slice(new BinaryReader<>(bytes, "module", ERRORS), pos, end));
  }

  private static BinaryReader<ModuleFormatException> slice(
      BinaryReader<ModuleFormatException> whole, int pos, int end) {
    try {
      return whole.sliceAt(pos, end - pos, "module");
    } catch (ModuleFormatException e) {
      throw new IllegalArgumentException("reader [" + pos + ", " + end + ") outside the module", e);
    }
  }

  private static String type(int bits, boolean signed) {
    return (signed ? "s" : "u") + bits;
  }

  int pos() {
    return r.position();
  }

  int end() {
    return r.limit();
  }

  boolean atEnd() {
    return r.atEnd();
  }

  void seek(int to) throws ModuleFormatException {
    r.seek(to, "position");
  }

  /** A reader over the next {@code size} bytes (inside this reader's bounds); skips them here. */
  ModuleReader sub(int size) throws ModuleFormatException {
    ModuleReader sub = new ModuleReader(r.sliceAt(r.position(), size, "module"));
    r.skip(size, "subsection");
    return sub;
  }

  int u8() throws ModuleFormatException {
    return r.readByte("byte");
  }

  /** An unsigned LEB128 of at most 32 bits (5 bytes). */
  long u32() throws ModuleFormatException {
    return Integer.toUnsignedLong(r.readU32("u32"));
  }

  /** A u32 used as a count or size inside this reader's bounds. */
  int length(String what) throws ModuleFormatException {
    int start = r.position();
    long n = u32();
    if (n > r.remaining()) {
      throw new ModuleFormatException(what + " of " + n + " bytes runs past its end", start);
    }
    return (int) n;
  }

  /** An unsigned LEB128 of at most 64 bits (10 bytes), for memory64 limits. */
  void skipU64() throws ModuleFormatException {
    r.readU64("u64");
  }

  /** A signed LEB128 of at most 33 bits (a heap type index). */
  void skipS33() throws ModuleFormatException {
    r.readS33("s33");
  }

  String name() throws ModuleFormatException {
    int start = r.position();
    int length = length("name");
    try {
      return r.readUtf8(length, "name");
    } catch (ModuleFormatException e) {
      throw new ModuleFormatException("name is not valid UTF-8", start);
    }
  }
}
