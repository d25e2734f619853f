package dev.coroner.coredump;

import java.nio.charset.StandardCharsets;

/**
 * The framing of a Wasm binary, shared by every reader of this library (the coredump decoder,
 * {@link ModuleSections}, {@link NameSection}, {@link Dialect} detection): the header, then
 * sections of {@code id size payload}, custom sections starting their payload with a name.
 *
 * <p>Strict: a bad header, an unknown section id, a size past the end, an invalid custom-section
 * name, or a standard section that is out of the Wasm order or repeated is an error with its
 * absolute offset. Section contents are the caller's business.
 */
final class SectionWalker {

  /**
   * One section.
   *
   * @param id the section id (0 for custom)
   * @param name the custom section's name, or the standard section's label ({@code memory})
   * @param start absolute offset of the id byte
   * @param size the declared size (after the size field; includes a custom section's name)
   * @param payload a reader over the payload: after the size field, or after a custom name
   */
  record Entry(int id, String name, int start, long size, ByteReader payload) {
    boolean isCustom() {
      return id == Sections.CUSTOM_ID;
    }
  }

  private final byte[] bytes;
  private final ByteReader input;
  private int sections;
  private int lastRank;
  private int lastId;

  private SectionWalker(byte[] bytes) {
    this.bytes = bytes;
    this.input = new ByteReader(bytes);
  }

  /** Checks the header of {@code bytes} and returns a walker over the sections that follow. */
  static SectionWalker open(byte[] bytes) throws CoreDumpFormatException {
    SectionWalker w = new SectionWalker(bytes);
    w.readHeader();
    return w;
  }

  /** The reader over the whole input (its position is after the last section returned). */
  ByteReader input() {
    return input;
  }

  boolean hasNext() {
    return !input.atEnd();
  }

  Entry next() throws CoreDumpFormatException {
    int start = input.position();
    if (sections >= Limits.MAX_SECTIONS) {
      throw CoreDumpFormatException.tooLarge(
          start, "section count", sections + 1L, "limit " + Limits.MAX_SECTIONS);
    }
    sections++;
    int id = input.readByte("section id");
    if (!Sections.isKnownId(id)) {
      throw CoreDumpFormatException.unknownByte(start, "section id", id);
    }
    int sizeAt = input.position();
    long size = Integer.toUnsignedLong(input.readU32("section size"));
    ByteReader section = input.slice(size, sizeAt, "section");
    if (id == Sections.CUSTOM_ID) {
      String name = section.readName("custom section name");
      return new Entry(id, name, start, size, section.slice(section.remaining(), start, name + " section"));
    }
    String label = Sections.label(id);
    int rank = Sections.order(id);
    if (rank == lastRank) {
      throw CoreDumpFormatException.duplicateSection(start, label);
    }
    if (rank < lastRank) {
      throw CoreDumpFormatException.malformed(
          start,
          label + " section out of order (after the " + Sections.label(lastId) + " section; the "
              + "Wasm order is " + Sections.WASM_ORDER + ")");
    }
    lastRank = rank;
    lastId = id;
    return new Entry(id, label, start, size, section);
  }

  /** Checks the 8-byte header: {@code \0asm}, version 1. */
  private void readHeader() throws CoreDumpFormatException {
    byte[] header = Sections.HEADER;
    for (int i = 0; i < header.length; i++) {
      int b = input.readByte(i < 4 ? "magic number" : "version");
      if (b != (header[i] & 0xFF)) {
        if (i < 4) {
          throw CoreDumpFormatException.malformed(
              0, "not a Wasm binary: bad magic number (expected 00 61 73 6d)" + bareSectionHint(bytes));
        }
        throw CoreDumpFormatException.malformed(
            4, "unsupported Wasm binary version (expected 01 00 00 00)");
      }
    }
  }

  /**
   * When the input is one known custom section without the header and id byte (a byte vector cut
   * from another tool's tests, say), a hint saying so; else the empty string.
   */
  private static String bareSectionHint(byte[] all) {
    long size = 0;
    int pos = 0;
    for (int shift = 0; pos < all.length && shift < 35; shift += 7) {
      int b = all[pos++] & 0xFF;
      size |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (size != all.length - pos || pos >= all.length) {
      return "";
    }
    int nameLength = all[pos++] & 0xFF;
    if (nameLength >= 0x80 || nameLength > all.length - pos) {
      return "";
    }
    String name = new String(all, pos, nameLength, StandardCharsets.UTF_8);
    return KnownCustomSection.of(name)
        .map(k -> "; the bytes look like a bare \"" + name + "\" custom section (size, name,"
            + " payload) without the module header and section id")
        .orElse("");
  }
}
