package dev.coroner.coredump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strict decoder: coredump bytes to a {@link CoreDump}.
 *
 * <p><b>Rejected</b>, with a {@link CoreDumpFormatException} naming the problem and its absolute
 * offset: a wrong header; a section (or any length inside one) past its end; a fixed {@code 0x00}
 * lead byte that is not zero; an unknown value tag, type, flag or opcode; a LEB128 that is too
 * long or has unused high bits set; invalid UTF-8 in a name; bytes left over after a section's
 * payload; {@code core}, {@code coremodules} or {@code coreinstances} appearing twice; a known
 * section other than memory (5), global (6) and data (11), or those out of order or twice; an
 * index past its index space; a passive data segment or one outside its memory's current size; a
 * count above a {@link Limits} cap or larger than the remaining bytes could hold (checked before
 * anything is allocated).
 *
 * <p><b>Accepted</b>, because valid producers write them:
 *
 * <ul>
 *   <li>Mutable globals, and {@code u32::MAX} placeholders ({@link Instance#ABSENT}) in an
 *       instance's memory or global list (Wasmtime). Placeholders are kept as they are and exempt
 *       from range checks.
 *   <li>No {@code coremodules} or no {@code coreinstances} section (older producers). Without
 *       {@code coreinstances}, frames' instance indices are not checked; without {@code
 *       coremodules}, instances' module indices are not checked (there is nothing to check them
 *       against). Without {@code core}, {@link CoreDump#processName()} is empty. The model does
 *       not remember which of these sections were absent, so re-encoding such a dump writes them
 *       empty and its frames' instance indices then dangle: use {@link #decodeWithFacts} to know.
 *   <li>Empty locals and stacks; non-minimal LEB128 within the type's byte limit (u32: 5 bytes).
 *   <li>Data segments in any layout, including one big segment; where segments overlap, the later
 *       one wins, as at instantiation. Decoded memories are sparse ({@link
 *       SegmentedMemoryContents}): a memory's declared size is never allocated.
 *   <li>Custom sections with other names, anywhere: bounds-checked (their name must be valid UTF-8)
 *       and skipped.
 * </ul>
 *
 * <p>The pre-May-2023 frame grammar without an instance index (the wasmi draft) and the
 * fixed-width dialect of xtuc's parser are not supported; they decode as errors.
 */
public final class CoreDumpDecoder {

  private final ByteReader input;
  private final IndexRefs refs = new IndexRefs();
  private final List<DecodedCoreDump.Section> sections = new ArrayList<>();
  private final List<DecodedCoreDump.DataSegment> layout = new ArrayList<>();
  private Optional<String> processName = Optional.empty();
  private List<String> modules = List.of();
  private List<Instance> instances = List.of();
  private List<MemorySection.MemoryType> memoryTypes = List.of();
  private SegmentedMemoryContents.Builder[] contents = new SegmentedMemoryContents.Builder[0];
  private List<Global> globals = List.of();
  private final List<CoreStack> threads = new ArrayList<>();
  private boolean seenModules;
  private boolean seenInstances;
  private int lastKnownId;

  private CoreDumpDecoder(byte[] bytes) {
    this.input = new ByteReader(bytes);
  }

  /** Decodes {@code bytes}, a whole coredump file. */
  public static CoreDump decode(byte[] bytes) throws CoreDumpFormatException {
    return decodeWithFacts(bytes).dump();
  }

  /**
   * Reads {@code in} to its end (at most {@link Limits#MAX_INPUT_BYTES}) and decodes it. The stream
   * is not closed.
   *
   * @throws IOException if reading fails or the input is larger than the cap
   */
  public static CoreDump decode(InputStream in) throws IOException, CoreDumpFormatException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(chunk)) != -1; ) {
      total += n;
      if (total > Limits.MAX_INPUT_BYTES) {
        throw new IOException("coredump larger than " + Limits.MAX_INPUT_BYTES + " bytes");
      }
      buf.write(chunk, 0, n);
    }
    return decode(buf.toByteArray());
  }

  /** Decodes {@code bytes} and also returns the facts about their layout. */
  public static DecodedCoreDump decodeWithFacts(byte[] bytes) throws CoreDumpFormatException {
    return new CoreDumpDecoder(bytes).run();
  }

  private DecodedCoreDump run() throws CoreDumpFormatException {
    readHeader();
    while (!input.atEnd()) {
      if (sections.size() >= Limits.MAX_SECTIONS) {
        throw CoreDumpFormatException.tooLarge(
            input.position(), "section count", sections.size() + 1L,
            "limit " + Limits.MAX_SECTIONS);
      }
      readSection();
    }
    // Cross-section index checks, in file order.
    int[] counts = new int[IndexRefs.Space.values().length];
    counts[IndexRefs.Space.MODULE.ordinal()] = seenModules ? modules.size() : -1;
    counts[IndexRefs.Space.INSTANCE.ordinal()] = seenInstances ? instances.size() : -1;
    counts[IndexRefs.Space.MEMORY.ordinal()] = memoryTypes.size();
    counts[IndexRefs.Space.GLOBAL.ordinal()] = globals.size();
    refs.check(counts);

    List<Memory> memories = new ArrayList<>(memoryTypes.size());
    for (int i = 0; i < memoryTypes.size(); i++) {
      MemorySection.MemoryType t = memoryTypes.get(i);
      memories.add(
          new Memory(t.minPages(), t.maxPages(), t.memory64(), t.shared(), contents[i].build()));
    }
    CoreDump dump = new CoreDump(processName, modules, instances, memories, globals, threads);
    return new DecodedCoreDump(
        dump, sections, layout, input.lebLog().toArray(), input.limit());
  }

  private void readHeader() throws CoreDumpFormatException {
    byte[] header = Sections.HEADER;
    for (int i = 0; i < header.length; i++) {
      int at = input.position();
      int b = input.readByte(i < 4 ? "magic number" : "version");
      if (b != (header[i] & 0xFF)) {
        throw CoreDumpFormatException.malformed(
            i < 4 ? 0 : 4,
            i < 4
                ? "not a Wasm binary: bad magic number (expected 00 61 73 6d)"
                : "unsupported Wasm binary version (expected 01 00 00 00)");
      }
      assert at == i;
    }
  }

  private void readSection() throws CoreDumpFormatException {
    int start = input.position();
    int id = input.readByte("section id");
    int sizeAt = input.position();
    long size = Integer.toUnsignedLong(input.readU32("section size"));
    ByteReader section = input.slice(size, sizeAt, "section");
    switch (id) {
      case Sections.CUSTOM_ID:
        readCustom(section, start, size);
        break;
      case Sections.MEMORY_ID:
        checkOrder(id, start, "memory");
        record(SectionKind.MEMORY, "memory", start, size);
        memoryTypes = MemorySection.decode(section);
        contents = new SegmentedMemoryContents.Builder[memoryTypes.size()];
        for (int i = 0; i < contents.length; i++) {
          contents[i] = new SegmentedMemoryContents.Builder(memoryTypes.get(i).byteSize());
        }
        break;
      case Sections.GLOBAL_ID:
        checkOrder(id, start, "global");
        record(SectionKind.GLOBAL, "global", start, size);
        globals = GlobalSection.decode(section);
        break;
      case Sections.DATA_ID:
        checkOrder(id, start, "data");
        record(SectionKind.DATA, "data", start, size);
        DataSection.decode(section, memoryTypes, contents, layout);
        break;
      default:
        throw CoreDumpFormatException.malformed(
            start,
            "section id " + id + " is not allowed in a coredump (only custom, memory (5), "
                + "global (6) and data (11) sections)");
    }
  }

  private void checkOrder(int id, int start, String label) throws CoreDumpFormatException {
    if (id == lastKnownId) {
      throw CoreDumpFormatException.duplicateSection(start, label);
    }
    if (id < lastKnownId) {
      throw CoreDumpFormatException.malformed(
          start, label + " section out of order (memory, global, data is the Wasm order)");
    }
    lastKnownId = id;
  }

  private void readCustom(ByteReader section, int start, long size)
      throws CoreDumpFormatException {
    String name = section.readName("custom section name");
    ByteReader payload = section.slice(section.remaining(), start, name + " section");
    switch (name) {
      case CoreSection.NAME:
        if (processName.isPresent()) {
          throw CoreDumpFormatException.duplicateSection(start, name);
        }
        record(SectionKind.CORE, name, start, size);
        processName = Optional.of(CoreSection.decode(payload));
        break;
      case CoreModulesSection.NAME:
        if (seenModules) {
          throw CoreDumpFormatException.duplicateSection(start, name);
        }
        seenModules = true;
        record(SectionKind.CORE_MODULES, name, start, size);
        modules = CoreModulesSection.decode(payload);
        break;
      case CoreInstancesSection.NAME:
        if (seenInstances) {
          throw CoreDumpFormatException.duplicateSection(start, name);
        }
        seenInstances = true;
        record(SectionKind.CORE_INSTANCES, name, start, size);
        instances = CoreInstancesSection.decode(payload, refs);
        break;
      case CoreStackSection.NAME:
        if (threads.size() >= Limits.MAX_THREADS) {
          throw CoreDumpFormatException.tooLarge(
              start, "corestack section count", threads.size() + 1L,
              "limit " + Limits.MAX_THREADS);
        }
        record(SectionKind.CORE_STACK, name, start, size);
        threads.add(CoreStackSection.decode(payload, refs));
        break;
      default:
        record(SectionKind.OTHER_CUSTOM, name, start, size);
        break;
    }
  }

  private void record(SectionKind kind, String name, int start, long size) {
    sections.add(new DecodedCoreDump.Section(kind, name, start, size));
  }
}
