package dev.coroner.symbols;

import dev.coroner.coredump.ByteReader;
import dev.coroner.coredump.CoreDumpFormatException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names a module's {@code name} custom section gives: the module name (subsection 0) and the
 * function names (subsection 1). Other subsections are skipped by their size. The fallback for
 * frames without DWARF.
 */
final class NameSection {

  static final NameSection NONE = new NameSection(Optional.empty(), Map.of());

  private final Optional<String> module;
  private final Map<Integer, String> functions;

  private NameSection(Optional<String> module, Map<Integer, String> functions) {
    this.module = module;
    this.functions = functions;
  }

  Optional<String> module() {
    return module;
  }

  Optional<String> function(int index) {
    return Optional.ofNullable(functions.get(index));
  }

  /** Reads the {@code name} section's contents. */
  static NameSection read(byte[] module, Section section) throws DwarfException {
    ByteReader r = section.reader(module);
    Optional<String> moduleName = Optional.empty();
    Map<Integer, String> functions = new HashMap<>();
    try {
      while (!r.atEnd()) {
        int id = r.readByte("name subsection id");
        int sizeAt = r.position();
        long size = Integer.toUnsignedLong(r.readU32("name subsection size"));
        ByteReader sub = r.slice(size, sizeAt, "name subsection");
        if (id == 0) {
          moduleName = Optional.of(sub.readName("module name"));
        } else if (id == 1) {
          int count = sub.readCount("function name", Integer.MAX_VALUE, 2);
          for (int i = 0; i < count; i++) {
            int index = sub.readU32("function index");
            functions.put(index, sub.readName("function name"));
          }
        }
      }
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(section, e);
    }
    return new NameSection(moduleName, Map.copyOf(functions));
  }
}
