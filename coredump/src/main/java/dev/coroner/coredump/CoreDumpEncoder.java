package dev.coroner.coredump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Canonical encoder: writes a {@link CoreDump} exactly as section B of the format doc says.
 *
 * <p>Section order: {@code core}, memory (5), global (6), data (11), {@code coremodules}, {@code
 * coreinstances}, then one {@code corestack} per thread. Memory, global and data sections, {@code
 * coremodules} and {@code coreinstances} are always written, empty if need be. {@code core} is
 * written whenever the dump has a process name (decoded dumps without one re-encode without it).
 * All LEB128 integers are minimal. Globals are written with the mutability flag they carry (the
 * capturing interpreter passes immutable ones; the canonical check flags mutable ones). Instance
 * placeholders ({@link Instance#ABSENT}) are written as {@code u32::MAX}.
 *
 * <p>The data section is streamed: the encoder scans each memory once to find its non-zero chunks
 * (keeping only their bounds), writes the size, then reads the chunks again while writing them, so
 * encoding a 1 GiB memory needs no buffer of that size. Do not let the memories change between the
 * two passes.
 *
 * <p>The encoder writes what the model says; it does not check cross references (an instance
 * index in a frame, say), so a dump with dangling indices encodes to bytes that {@link
 * CoreDumpDecoder} rejects.
 */
public final class CoreDumpEncoder {

  private CoreDumpEncoder() {}

  /** The encoded bytes. */
  public static byte[] encode(CoreDump dump) {
    return encode(dump, Dialect.SPEC);
  }

  /**
   * The encoded bytes with every {@code corestack} section in {@code dialect}'s layout (see {@link
   * Dialect}); every other section as the canonical encoding writes it. Only {@link Dialect#SPEC}
   * gives a specification coredump: the others exist to write test files and to convert for tools
   * that read nothing else. What a layout has no place for (instance indices, operand stacks) is
   * left out.
   */
  public static byte[] encode(CoreDump dump, Dialect dialect) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(dump, dialect, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with a ByteArrayOutputStream
    }
    return out.toByteArray();
  }

  /**
   * Writes the encoding to {@code out} and flushes it (it is not closed).
   *
   * @return the number of bytes written
   * @throws IllegalArgumentException if a part cannot be encoded (a name that is not valid
   *     Unicode, a section larger than a u32 size can describe)
   */
  public static long encode(CoreDump dump, OutputStream out) throws IOException {
    return write(dump, Dialect.SPEC, out);
  }

  private static long write(CoreDump dump, Dialect dialect, OutputStream out) throws IOException {
    Parts parts = new Parts(dump, dialect);
    ByteSink.Buffered sink = ByteSink.buffered(out);
    try {
      parts.writeTo(sink);
      sink.flush();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return sink.count();
  }

  /** The number of bytes {@link #encode} writes, computed without writing the data. */
  public static long encodedSize(CoreDump dump) {
    return new Parts(dump, Dialect.SPEC).size();
  }

  /** Every section but the data section, pre-encoded; the data section planned. */
  private static final class Parts {
    private final ByteSink.Growable before = ByteSink.growable(); // core, memory, global
    private final ByteSink.Growable after = ByteSink.growable(); // coremodules ... corestack
    private final DataSection.Plan data;

    Parts(CoreDump dump, Dialect dialect) {
      dump.processName().ifPresent(name -> CoreSection.encodeTo(before, name));
      MemorySection.encodeTo(before, dump.memories());
      GlobalSection.encodeTo(before, dump.globals());
      this.data = DataSection.plan(dump.memories());
      CoreModulesSection.encodeTo(after, dump.modules());
      CoreInstancesSection.encodeTo(after, dump.instances());
      for (CoreStack thread : dump.threads()) {
        CoreStackSection.encodeTo(after, thread, dialect);
      }
    }

    long size() {
      return Sections.HEADER.length + before.size() + data.sectionSize() + after.size();
    }

    void writeTo(ByteSink out) {
      out.writeBytes(Sections.HEADER);
      before.writeTo(out);
      DataSection.writeTo(out, data);
      after.writeTo(out);
    }
  }
}
