package dev.coroner.coredump;

import java.util.List;

/**
 * A decoded coredump together with the facts about its bytes that the model does not keep: which
 * sections were found and in what order, how the data section laid out the memories, and where
 * LEB128 integers were longer than needed. {@link CanonicalCheck} uses them to explain why a file
 * is not in canonical form.
 */
public final class DecodedCoreDump {

  /**
   * One section as found in the file.
   *
   * @param kind what the section is
   * @param name the custom section's name, or the standard section's label ({@code memory},
   *     {@code type}, ...)
   * @param offset absolute offset of the section's id byte
   * @param size the section's declared payload size (after the size field)
   */
  public record Section(SectionKind kind, String name, long offset, long size) {}

  /**
   * One data segment as found in the file.
   *
   * @param fileOffset absolute offset of the segment's flags
   * @param memoryIndex the memory it initializes
   * @param memoryOffset where in that memory it starts (unsigned)
   * @param length its byte count
   * @param explicitMemoryIndex whether it used the {@code 0x02 memidx} header (canonical dumps use
   *     it only for memories other than 0)
   */
  public record DataSegment(
      long fileOffset, int memoryIndex, long memoryOffset, long length,
      boolean explicitMemoryIndex) {}

  private final CoreDump dump;
  private final List<Section> sections;
  private final List<DataSegment> dataSegments;
  private final long[] nonMinimalLebOffsets;
  private final int inputLength;
  private final Dialect dialect;

  DecodedCoreDump(
      CoreDump dump,
      List<Section> sections,
      List<DataSegment> dataSegments,
      long[] nonMinimalLebOffsets,
      int inputLength,
      Dialect dialect) {
    this.dump = dump;
    this.sections = List.copyOf(sections);
    this.dataSegments = List.copyOf(dataSegments);
    this.nonMinimalLebOffsets = nonMinimalLebOffsets.clone();
    this.inputLength = inputLength;
    this.dialect = dialect;
  }

  /** The layout the {@code corestack} sections were read in ({@link Dialect#SPEC} normally). */
  public Dialect dialect() {
    return dialect;
  }

  /** The decoded model. */
  public CoreDump dump() {
    return dump;
  }

  /** Every section, in file order. */
  public List<Section> sections() {
    return sections;
  }

  /** Whether at least one section of {@code kind} was found. */
  public boolean has(SectionKind kind) {
    for (Section s : sections) {
      if (s.kind() == kind) {
        return true;
      }
    }
    return false;
  }

  /** Every data segment, in file order. */
  public List<DataSegment> dataSegments() {
    return dataSegments;
  }

  /** Absolute offsets of the LEB128 integers that used more bytes than their minimal form. */
  public long[] nonMinimalLebOffsets() {
    return nonMinimalLebOffsets.clone();
  }

  /** Length of the decoded input in bytes. */
  public int inputLength() {
    return inputLength;
  }
}
