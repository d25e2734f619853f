package dev.coroner.symbols;

import dev.coroner.coredump.CoreDumpFormatException;

/**
 * A module's debugging information (its DWARF sections, its {@code name} section, or the parts of
 * the module needed to place a frame: section headers, imports, the code section) cannot be read.
 * Checked, because it is always about untrusted bytes and a caller decides what it means: a
 * backtrace prints the frame without source information and one warning.
 *
 * <p>Every instance names the {@link #section()} and the byte where reading failed, both as an
 * offset within that section's contents ({@link #sectionOffset()}) and in the module file ({@link
 * #moduleOffset()}). {@link #getMessage()} is {@code "SECTION: REASON (at offset 0x34 in SECTION,
 * 0x1ac90 in the module)"}.
 */
public final class DwarfException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String section;
  private final long sectionOffset;
  private final long moduleOffset;
  private final String reason;

  private DwarfException(String section, long sectionOffset, long moduleOffset, String reason) {
    super(section + ": " + reason + " (at offset 0x" + Long.toHexString(sectionOffset) + " in "
        + section + ", 0x" + Long.toHexString(moduleOffset) + " in the module)");
    this.section = section;
    this.sectionOffset = sectionOffset;
    this.moduleOffset = moduleOffset;
    this.reason = reason;
  }

  /** The section being read: {@code .debug_line}, {@code name}, {@code code}, {@code module}... */
  public String section() {
    return section;
  }

  /** Offset of the offending byte from the start of the section's contents. */
  public long sectionOffset() {
    return sectionOffset;
  }

  /** Offset of the offending byte in the module file. */
  public long moduleOffset() {
    return moduleOffset;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }

  /** A problem at absolute module offset {@code moduleOffset} inside {@code section}. */
  static DwarfException at(Section section, long moduleOffset, String reason) {
    return new DwarfException(
        section.name(), moduleOffset - section.start(), moduleOffset, reason);
  }

  /** A problem found by the byte reader while reading {@code section}. */
  static DwarfException wrap(Section section, CoreDumpFormatException e) {
    return at(section, e.offset(), e.reason());
  }
}
