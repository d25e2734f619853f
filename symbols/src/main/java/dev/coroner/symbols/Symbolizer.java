package dev.coroner.symbols;

import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.NameSection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Source locations for the frames of one Wasm module, from its DWARF, with its {@code name}
 * section as the fallback for function names.
 *
 * <p>{@link #of} reads nothing. The first call that needs them scans the section headers, the
 * import section (to count imported functions) and the code section's body sizes; the first
 * address lookup scans the unit headers of {@code .debug_info} and each unit DIE's ranges; a
 * unit's DIEs and line table are read when an address falls in it, then kept. Errors are {@link
 * DwarfException}s naming the section and byte; a failure in one unit does not affect lookups in
 * another.
 *
 * <p>Thread-safe (calls are serialized); the module bytes are copied.
 *
 * <p>How a frame becomes a DWARF address is described in the package documentation.
 */
public final class Symbolizer {

  private final byte[] module;
  private ModuleLayout layout;
  private DwarfException layoutError;
  private boolean dwarfRead;
  private Dwarf dwarf;
  private NameSection names;
  private DwarfException namesError;

  private Symbolizer(byte[] module) {
    this.module = module;
  }

  /** A symbolizer for the module {@code module} (a binary Wasm module); nothing is read yet. */
  public static Symbolizer of(byte[] module) {
    return new Symbolizer(module.clone());
  }

  /**
   * The chain of source locations of a coredump frame, innermost inlined function first, the
   * function that the code physically belongs to last. Empty when the module has no DWARF for
   * that code, or when the frame does not point into a function body of this module.
   *
   * @param funcIndex the frame's function index (imported functions counted)
   * @param codeOffset the frame's code offset, from the first byte after the body's size (u32)
   * @throws DwarfException if the module or its DWARF cannot be read where this needs it
   */
  public synchronized List<SourceLocation> locate(int funcIndex, int codeOffset)
      throws DwarfException {
    OptionalLong address = dwarfAddress(funcIndex, codeOffset);
    return address.isPresent() ? locateAddress(address.getAsLong()) : List.of();
  }

  /**
   * The chain of source locations at DWARF address {@code address} (code-section-relative); see
   * {@link #locate}.
   */
  public synchronized List<SourceLocation> locateAddress(long address) throws DwarfException {
    Dwarf d = dwarf();
    return d == null ? List.of() : d.locate(address);
  }

  /**
   * The DWARF address of a frame: its offset in the module file minus the offset of the code
   * section's contents. Empty if {@code funcIndex} is imported or not a function of this module,
   * or {@code codeOffset} is not inside its body.
   */
  public synchronized OptionalLong dwarfAddress(int funcIndex, int codeOffset)
      throws DwarfException {
    OptionalLong offset = moduleOffset(funcIndex, codeOffset);
    if (offset.isEmpty()) {
      return offset;
    }
    return OptionalLong.of(offset.getAsLong() - layout().code().orElseThrow().start());
  }

  /**
   * The offset in the module file of the instruction a frame points at (what V8 prints as {@code
   * wasm-function[F]:0xOFFSET}). Empty as for {@link #dwarfAddress}.
   */
  public synchronized OptionalLong moduleOffset(int funcIndex, int codeOffset)
      throws DwarfException {
    ModuleLayout l = layout();
    int start = l.bodyStart(funcIndex);
    long offset = Integer.toUnsignedLong(codeOffset);
    if (start < 0 || offset >= l.bodyEnd(funcIndex) - start) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(start + offset);
  }

  /** The module offset of function {@code funcIndex}'s body (after its size), or empty. */
  public synchronized OptionalLong bodyStart(int funcIndex) throws DwarfException {
    int start = layout().bodyStart(funcIndex);
    return start < 0 ? OptionalLong.empty() : OptionalLong.of(start);
  }

  /** The size of function {@code funcIndex}'s body (after its size), or empty. */
  public synchronized OptionalLong bodySize(int funcIndex) throws DwarfException {
    ModuleLayout l = layout();
    int start = l.bodyStart(funcIndex);
    return start < 0 ? OptionalLong.empty() : OptionalLong.of(l.bodyEnd(funcIndex) - start);
  }

  /** How many functions the module has, imported ones included (valid function indices). */
  public synchronized int functionCount() throws DwarfException {
    ModuleLayout l = layout();
    return l.importedFunctions() + l.definedFunctions();
  }

  /** Whether the module has DWARF ({@code .debug_info}). */
  public synchronized boolean hasDwarf() throws DwarfException {
    return dwarf() != null;
  }

  /** The name the module's {@code name} section gives function {@code funcIndex}, if any. */
  public synchronized Optional<String> functionName(int funcIndex) throws DwarfException {
    return names().functionName(funcIndex);
  }

  /** The module name its {@code name} section gives, if any. */
  public synchronized Optional<String> moduleName() throws DwarfException {
    return names().moduleName();
  }

  private ModuleLayout layout() throws DwarfException {
    if (layoutError != null) {
      throw layoutError;
    }
    if (layout == null) {
      try {
        layout = ModuleLayout.read(module);
      } catch (DwarfException e) {
        layoutError = e;
        throw e;
      }
    }
    return layout;
  }

  private Dwarf dwarf() throws DwarfException {
    if (!dwarfRead) {
      dwarf = Dwarf.of(module, layout().customSections());
      dwarfRead = true;
    }
    return dwarf;
  }

  private NameSection names() throws DwarfException {
    if (namesError != null) {
      throw namesError;
    }
    if (names == null) {
      Optional<Section> section = layout().custom("name");
      try {
        // The coredump library's strict reader, the project's one name-section parser.
        names = section.isPresent() ? NameSection.fromModule(module) : NameSection.NONE;
      } catch (CoreDumpFormatException e) {
        Section where = section.get();
        if (e.offset() < where.start() || e.offset() >= where.end()) {
          where = new Section("module", 0, module.length);
        }
        namesError = DwarfException.wrap(where, e);
        throw namesError;
      }
    }
    return names;
  }
}
