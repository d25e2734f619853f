package dev.coroner.symbols;

import dev.coroner.coredump.ByteReader;
import dev.coroner.coredump.CoreDumpFormatException;

/**
 * A cursor over one DWARF section, in that section's own offsets (DWARF offsets are
 * section-relative), over the project's bounded {@link ByteReader}. Every failure is a {@link
 * DwarfException} naming the section and the byte.
 */
final class SectionInput {

  private final Section section;
  private final ByteReader r;

  private SectionInput(Section section, ByteReader r) {
    this.section = section;
    this.r = r;
  }

  /** A cursor over the whole of {@code section}, at its start. */
  static SectionInput of(byte[] module, Section section) {
    return new SectionInput(section, section.reader(module));
  }

  /**
   * A cursor over {@code length} bytes from section offset {@code from} (one unit, table or list),
   * which must lie within this cursor's bounds; {@code what} names it in errors.
   */
  SectionInput sub(long from, long length, String what) throws DwarfException {
    try {
      return new SectionInput(section, r.sliceAt(section.start() + from, length, what));
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(section, e);
    }
  }

  Section section() {
    return section;
  }

  /** The section offset of the next byte. */
  long offset() {
    return r.position() - section.start();
  }

  /** The section offset just past this cursor's last byte. */
  long end() {
    return r.limit() - section.start();
  }

  boolean atEnd() {
    return r.atEnd();
  }

  long remaining() {
    return r.remaining();
  }

  /** Moves to section offset {@code offset}, which must lie within this cursor's bounds. */
  void seek(long offset, String what) throws DwarfException {
    try {
      r.seek(section.start() + offset, what);
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(section, e);
    }
  }

  void skip(long length, String what) throws DwarfException {
    if (length < 0 || length > r.remaining()) {
      throw error("unexpected end of " + r.region() + " while skipping " + what + " ("
          + Long.toUnsignedString(length) + " bytes, " + r.remaining() + " left)");
    }
    try {
      r.skip((int) length, what);
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(section, e);
    }
  }

  int u8(String what) throws DwarfException {
    try {
      return r.readByte(what);
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(section, e);
    }
  }

  int u16(String what) throws DwarfException {
    return (int) fixed(2, what);
  }

  long u32(String what) throws DwarfException {
    return fixed(4, what);
  }

  long u64(String what) throws DwarfException {
    return fixed(8, what);
  }

  /** {@code width} (1..8) bytes, little-endian. */
  long fixed(int width, String what) throws DwarfException {
    try {
      return r.readFixed(width, what);
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(section, e);
    }
  }

  long uleb(String what) throws DwarfException {
    try {
      return r.readUleb128(what);
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(section, e);
    }
  }

  long sleb(String what) throws DwarfException {
    try {
      return r.readSleb128(what);
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(section, e);
    }
  }

  String cstring(String what) throws DwarfException {
    try {
      return r.readCString(what);
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(section, e);
    }
  }

  byte[] bytes(int length, String what) throws DwarfException {
    try {
      return r.readBytes(length, what);
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(section, e);
    }
  }

  /** A section offset: 4 bytes in 32-bit DWARF, 8 in 64-bit DWARF. */
  long sectionOffset(boolean dwarf64, String what) throws DwarfException {
    return fixed(dwarf64 ? 8 : 4, what);
  }

  /** A target address of {@code size} bytes (1, 2, 4 or 8). */
  long address(int size, String what) throws DwarfException {
    if (size != 1 && size != 2 && size != 4 && size != 8) {
      throw error("unsupported address size " + size + " for " + what);
    }
    return fixed(size, what);
  }

  /**
   * An initial length field (7.4): a u32, or {@code 0xffffffff} then a u64 for 64-bit DWARF.
   * Returns {@code {length, 1 if 64-bit else 0}}.
   */
  long[] initialLength(String what) throws DwarfException {
    int at = (int) offset();
    long length = u32(what);
    if (length == 0xffffffffL) {
      return new long[] {u64(what), 1};
    }
    if (length >= 0xfffffff0L) {
      throw error(at, "reserved initial length 0x" + Long.toHexString(length) + " for " + what);
    }
    return new long[] {length, 0};
  }

  /** A failure at the next byte. */
  DwarfException error(String reason) {
    return DwarfException.at(section, r.position(), reason);
  }

  /** A failure at section offset {@code offset}. */
  DwarfException error(long offset, String reason) {
    return DwarfException.at(section, section.start() + offset, reason);
  }
}
