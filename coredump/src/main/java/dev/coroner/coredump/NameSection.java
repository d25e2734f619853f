package dev.coroner.coredump;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names a module's {@code name} custom section gives (Wasm spec, appendix "Name Section"): the
 * module name (subsection 0), function names (1) and local names (2). The other subsections
 * (labels, types, tables, ... of the extended name section) are bound-checked and skipped.
 *
 * <p>Grammar of the payload: {@code subsection*} with {@code subsection ::= id:byte size:u32
 * content}; ids in increasing order, each at most once. {@code namemap ::= vec(idx:u32 name)} with
 * indices in increasing order; {@code indirectnamemap ::= vec(idx:u32 namemap)} likewise.
 *
 * <p>The reader is strict: a subsection out of order or repeated, a size past the end, bytes left
 * over in subsections 0..2, a name map whose indices do not increase, invalid UTF-8, and a second
 * {@code name} section are all {@link CoreDumpFormatException}s with the absolute offset in the
 * module. Whether a bad name section should stop a tool is the tool's decision (names are
 * debugging help; the {@code coroner} command line warns and goes on without them).
 *
 * @param moduleName the module name, if subsection 0 gives one
 * @param functionNames function index (imports included, u32 held as int) to name
 * @param localNames function index to (local index to name)
 */
public record NameSection(
    Optional<String> moduleName,
    Map<Integer, String> functionNames,
    Map<Integer, Map<Integer, String>> localNames) {

  /** No names at all: what a module without a name section has. */
  public static final NameSection NONE = new NameSection(Optional.empty(), Map.of(), Map.of());

  public NameSection {
    Checks.checkNotNull(moduleName, "moduleName");
    functionNames = Map.copyOf(functionNames);
    Map<Integer, Map<Integer, String>> locals = new HashMap<>();
    localNames.forEach((f, names) -> locals.put(f, Map.copyOf(names)));
    localNames = Map.copyOf(locals);
  }

  /** The name of function {@code index}, if the section names it. */
  public Optional<String> functionName(int index) {
    return Optional.ofNullable(functionNames.get(index));
  }

  /** The name of local {@code local} of function {@code function}, if the section names it. */
  public Optional<String> localName(int function, int local) {
    Map<Integer, String> names = localNames.get(function);
    return names == null ? Optional.empty() : Optional.ofNullable(names.get(local));
  }

  /**
   * Reads the {@code name} section of a binary module; {@link #NONE} if it has none.
   *
   * @throws CoreDumpFormatException if {@code module} is not a well-framed Wasm binary (see {@link
   *     ModuleSections}) or its name section is malformed
   */
  public static NameSection fromModule(byte[] module) throws CoreDumpFormatException {
    SectionWalker walker = SectionWalker.open(module);
    NameSection found = null;
    while (walker.hasNext()) {
      SectionWalker.Entry e = walker.next();
      if (e.isCustom() && KnownCustomSection.NAME.matches(e.name())) {
        if (found != null) {
          throw CoreDumpFormatException.duplicateSection(e.start(), "name");
        }
        found = decode(e.payload());
      }
    }
    return found == null ? NONE : found;
  }

  /** Decodes a name section's payload (after the section name). */
  static NameSection decode(ByteReader r) throws CoreDumpFormatException {
    Optional<String> module = Optional.empty();
    Map<Integer, String> functions = Map.of();
    Map<Integer, Map<Integer, String>> locals = new HashMap<>();
    int last = -1;
    while (!r.atEnd()) {
      int at = r.position();
      int id = r.readByte("name subsection id");
      if (id == last) {
        throw CoreDumpFormatException.malformed(at, "duplicate name subsection " + id);
      }
      if (id < last) {
        throw CoreDumpFormatException.malformed(
            at, "name subsection " + id + " out of order (after subsection " + last + ")");
      }
      last = id;
      int sizeAt = r.position();
      long size = Integer.toUnsignedLong(r.readU32("name subsection size"));
      ByteReader s = r.slice(size, sizeAt, "name subsection " + id);
      switch (id) {
        case 0:
          module = Optional.of(s.readName("module name"));
          expectEnd(s, "the module name (subsection 0)");
          break;
        case 1:
          functions = nameMap(s, "function name", Limits.MAX_FUNCTIONS);
          expectEnd(s, "the function names (subsection 1)");
          break;
        case 2:
          {
            int count = s.readCount("function with local names", Limits.MAX_FUNCTIONS, 2);
            long previous = -1;
            for (int i = 0; i < count; i++) {
              int indexAt = s.position();
              int function = s.readU32("function index");
              previous = increasing(indexAt, "local names function", previous, function);
              locals.put(function, nameMap(s, "local name", Limits.MAX_LOCALS));
            }
            expectEnd(s, "the local names (subsection 2)");
            break;
          }
        default:
          break; // labels, types, tables, ...: not used here
      }
    }
    return new NameSection(module, functions, locals);
  }

  private static Map<Integer, String> nameMap(ByteReader r, String what, int max)
      throws CoreDumpFormatException {
    int count = r.readCount(what, max, 2);
    Map<Integer, String> names = new HashMap<>();
    long previous = -1;
    for (int i = 0; i < count; i++) {
      int indexAt = r.position();
      int index = r.readU32(what + " index");
      previous = increasing(indexAt, what, previous, index);
      names.put(index, r.readName(what));
    }
    return names;
  }

  /** Checks that u32 {@code index} is above {@code previous} (-1 for none) and returns it. */
  private static long increasing(int at, String what, long previous, int index)
      throws CoreDumpFormatException {
    long value = Integer.toUnsignedLong(index);
    if (value == previous) {
      throw CoreDumpFormatException.malformed(at, "duplicate " + what + " index " + value);
    }
    if (value < previous) {
      throw CoreDumpFormatException.malformed(
          at,
          what + " index " + value + " out of order (after index " + previous
              + "; a name map lists indices in increasing order)");
    }
    return value;
  }

  private static void expectEnd(ByteReader s, String what) throws CoreDumpFormatException {
    if (!s.atEnd()) {
      int left = s.remaining();
      throw CoreDumpFormatException.malformed(
          s.position(),
          Checks.count(left, "byte", "bytes") + " left over after " + what
              + " of the name section");
    }
  }
}
