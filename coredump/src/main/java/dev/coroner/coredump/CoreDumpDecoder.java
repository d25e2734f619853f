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
 * offset: a wrong header; a file without any of the four coredump sections (a plain module, say;
 * reported at the end of the input); an unknown section id; a section (or any length inside one) past its
 * end; standard sections out of the Wasm order or repeated; a fixed {@code 0x00} lead byte that is
 * not zero; an unknown value tag, type, flag or opcode; a LEB128 that is too long or has unused
 * high bits set; invalid UTF-8 in a name; bytes left over after a section's payload; {@code core},
 * {@code coremodules} or {@code coreinstances} appearing twice; a {@code coreinstances} section
 * without a {@code coremodules} section (its module indices would point at nothing); an index past
 * its index space; a passive data segment or one outside its memory's current size; a count above
 * a {@link Limits} cap or larger than the remaining bytes could hold (checked before anything is
 * allocated).
 *
 * <p><b>Accepted</b>, because valid producers write them:
 *
 * <ul>
 *   <li>Mutable globals, and {@code u32::MAX} placeholders ({@link Instance#ABSENT}) in an
 *       instance's memory or global list (Wasmtime). Placeholders are kept as they are and exempt
 *       from range checks.
 *   <li>No {@code coremodules} and no {@code coreinstances} section (older producers). Without
 *       {@code coreinstances}, frames' instance indices are not checked. Without {@code core},
 *       {@link CoreDump#processName()} is empty. The model does not remember which of these
 *       sections were absent, so re-encoding such a dump writes them empty and its frames'
 *       instance indices then dangle: use {@link #decodeWithFacts} to know.
 *   <li>Empty locals and stacks; non-minimal LEB128 within the type's byte limit (u32: 5 bytes).
 *   <li>Data segments in any layout, including one big segment; where segments overlap, the later
 *       one wins, as at instantiation. Decoded memories are sparse ({@link
 *       SegmentedMemoryContents}): a memory's declared size is never allocated.
 *   <li>Custom sections with other names, anywhere: bounds-checked (their name must be valid UTF-8)
 *       and skipped.
 *   <li>Standard sections other than memory, global and data (a type or code section, say), in
 *       the Wasm order: bounds-checked and skipped, their contents unread. A coredump is a Wasm
 *       module, and the format does not forbid them; {@link CanonicalCheck} reports them ({@link
 *       CanonicalCheck.Code#STANDARD_SECTION}).
 * </ul>
 *
 * <p>Other producers' frame layouts ({@link Dialect}) are not specification coredumps and decode
 * as errors; {@link Dialect#detect} names the layout, and {@link #decodeWithFacts(byte[],
 * Dialect)} reads a file in it.
 */
public final class CoreDumpDecoder {

  private final SectionWalker walker;
  private final Dialect dialect;
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
  private boolean seenCoredumpSection;
  private int instancesAt = -1;

  private CoreDumpDecoder(byte[] bytes, Dialect dialect) throws CoreDumpFormatException {
    this.walker = SectionWalker.open(bytes);
    this.dialect = Checks.checkNotNull(dialect, "dialect");
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
    return decodeWithFacts(bytes, Dialect.SPEC);
  }

  /**
   * Decodes {@code bytes}, reading every {@code corestack} section in {@code dialect}'s layout;
   * everything else is decoded and checked as by {@link #decodeWithFacts(byte[])}. Frames of a
   * layout without instance indices get instance 0, which is then not range-checked.
   */
  public static DecodedCoreDump decodeWithFacts(byte[] bytes, Dialect dialect)
      throws CoreDumpFormatException {
    return new CoreDumpDecoder(bytes, dialect).run();
  }

  private DecodedCoreDump run() throws CoreDumpFormatException {
    while (walker.hasNext()) {
      readSection(walker.next());
    }
    if (!seenCoredumpSection) {
      boolean code = sections.stream().anyMatch(s -> s.name().equals("code"));
      throw CoreDumpFormatException.malformed(
          walker.input().limit(),
          "not a coredump: no core, coremodules, coreinstances or corestack section"
              + (code ? " (a Wasm module with code: give its coredump instead)" : ""));
    }
    if (instancesAt >= 0 && !seenModules) {
      throw CoreDumpFormatException.malformed(
          instancesAt,
          "coreinstances section without a coremodules section: its module indices point at"
              + " nothing");
    }
    // Cross-section index checks, in file order.
    int[] counts = new int[IndexRefs.Space.values().length];
    counts[IndexRefs.Space.MODULE.ordinal()] = modules.size();
    counts[IndexRefs.Space.INSTANCE.ordinal()] = instancesAt >= 0 ? instances.size() : -1;
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
    ByteReader input = walker.input();
    return new DecodedCoreDump(
        dump, sections, layout, input.lebLog().toArray(), input.limit(), dialect);
  }

  private void readSection(SectionWalker.Entry e) throws CoreDumpFormatException {
    ByteReader payload = e.payload();
    switch (e.id()) {
      case Sections.CUSTOM_ID:
        readCustom(e);
        break;
      case Sections.MEMORY_ID:
        record(SectionKind.MEMORY, e);
        memoryTypes = MemorySection.decode(payload);
        contents = new SegmentedMemoryContents.Builder[memoryTypes.size()];
        for (int i = 0; i < contents.length; i++) {
          contents[i] = new SegmentedMemoryContents.Builder(memoryTypes.get(i).byteSize());
        }
        break;
      case Sections.GLOBAL_ID:
        record(SectionKind.GLOBAL, e);
        globals = GlobalSection.decode(payload);
        break;
      case Sections.DATA_ID:
        record(SectionKind.DATA, e);
        for (DataSection.Segment s : DataSection.decode(payload, memoryTypes)) {
          contents[s.layout().memoryIndex()].put(s.layout().memoryOffset(), s.bytes());
          layout.add(s.layout());
        }
        break;
      default:
        // A standard section a coredump does not use: framed and ordered, contents unread.
        record(SectionKind.OTHER_STANDARD, e);
        break;
    }
  }

  private void readCustom(SectionWalker.Entry e) throws CoreDumpFormatException {
    ByteReader payload = e.payload();
    String name = e.name();
    int start = e.start();
    KnownCustomSection known = KnownCustomSection.of(name).orElse(null);
    if (known == null || !known.isCoredump()) {
      record(SectionKind.OTHER_CUSTOM, e);
      return;
    }
    seenCoredumpSection = true;
    switch (known) {
      case CORE:
        if (processName.isPresent()) {
          throw CoreDumpFormatException.duplicateSection(start, name);
        }
        record(SectionKind.CORE, e);
        processName = Optional.of(CoreSection.decode(payload));
        break;
      case CORE_MODULES:
        if (seenModules) {
          throw CoreDumpFormatException.duplicateSection(start, name);
        }
        seenModules = true;
        record(SectionKind.CORE_MODULES, e);
        modules = CoreModulesSection.decode(payload);
        break;
      case CORE_INSTANCES:
        if (instancesAt >= 0) {
          throw CoreDumpFormatException.duplicateSection(start, name);
        }
        instancesAt = start;
        record(SectionKind.CORE_INSTANCES, e);
        instances = CoreInstancesSection.decode(payload, refs);
        break;
      default: // CORE_STACK
        if (threads.size() >= Limits.MAX_THREADS) {
          throw CoreDumpFormatException.tooLarge(
              start, "corestack section count", threads.size() + 1L,
              "limit " + Limits.MAX_THREADS);
        }
        record(SectionKind.CORE_STACK, e);
        threads.add(CoreStackSection.decode(payload, refs, dialect));
        break;
    }
  }

  private void record(SectionKind kind, SectionWalker.Entry e) {
    sections.add(new DecodedCoreDump.Section(kind, e.name(), e.start(), e.size()));
  }
}
