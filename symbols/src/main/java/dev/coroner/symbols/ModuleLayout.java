package dev.coroner.symbols;

import dev.coroner.coredump.ByteReader;
import dev.coroner.coredump.CoreDumpFormatException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a Wasm module that place a frame: where each section lies, how many functions are
 * imported (function indices count imports first), and where each function body starts. Custom
 * sections are known by name (the first of each name counts, as in LLVM's reader).
 *
 * <p>Read with {@link #read}, which scans the section headers and the import and code sections
 * only; nothing else of the module is looked at.
 */
final class ModuleLayout {

  private static final int CUSTOM = 0;
  private static final int IMPORT = 2;
  private static final int CODE = 10;

  private final Map<String, Section> custom;
  private final Section code;
  private final int importedFunctions;
  private final int[] bodyStarts;
  private final int[] bodyEnds;

  private ModuleLayout(
      Map<String, Section> custom, Section code, int importedFunctions, int[] bodyStarts,
      int[] bodyEnds) {
    this.custom = custom;
    this.code = code;
    this.importedFunctions = importedFunctions;
    this.bodyStarts = bodyStarts;
    this.bodyEnds = bodyEnds;
  }

  /** The custom section named {@code name}, if the module has one. */
  Optional<Section> custom(String name) {
    return Optional.ofNullable(custom.get(name));
  }

  Map<String, Section> customSections() {
    return Collections.unmodifiableMap(custom);
  }

  /** The code section, if any. */
  Optional<Section> code() {
    return Optional.ofNullable(code);
  }

  int importedFunctions() {
    return importedFunctions;
  }

  /** Functions with a body (the code section's count). */
  int definedFunctions() {
    return bodyStarts.length;
  }

  /**
   * The module offset of the first byte after the body size of function {@code funcIndex}
   * (imports counted), or -1 if it is imported or out of range.
   */
  int bodyStart(int funcIndex) {
    int i = funcIndex - importedFunctions;
    return funcIndex < 0 || i < 0 || i >= bodyStarts.length ? -1 : bodyStarts[i];
  }

  /** The module offset just past the body of {@code funcIndex}; see {@link #bodyStart}. */
  int bodyEnd(int funcIndex) {
    int i = funcIndex - importedFunctions;
    return funcIndex < 0 || i < 0 || i >= bodyEnds.length ? -1 : bodyEnds[i];
  }

  /** Reads the layout of {@code module}. */
  static ModuleLayout read(byte[] module) throws DwarfException {
    Section whole = new Section("module", 0, module.length);
    ByteReader r = whole.reader(module);
    Map<String, Section> custom = new LinkedHashMap<>();
    Section imports = null;
    Section code = null;
    try {
      if (module.length < 8
          || module[0] != 0 || module[1] != 'a' || module[2] != 's' || module[3] != 'm') {
        throw DwarfException.at(whole, 0, "not a WebAssembly module (no \\0asm magic)");
      }
      if (module[4] != 1 || module[5] != 0 || module[6] != 0 || module[7] != 0) {
        throw DwarfException.at(whole, 4, "not a WebAssembly core module (version is not 1)");
      }
      r.skip(8, "header");
      while (!r.atEnd()) {
        int id = r.readByte("section id");
        int sizeAt = r.position();
        long size = Integer.toUnsignedLong(r.readU32("section size"));
        ByteReader contents = r.slice(size, sizeAt, "section");
        int start = contents.position();
        int end = contents.limit();
        if (id == CUSTOM) {
          String name = contents.readName("custom section name");
          custom.putIfAbsent(name, new Section(name, contents.position(), end));
        } else if (id == IMPORT && imports == null) {
          imports = new Section("import", start, end);
        } else if (id == CODE && code == null) {
          code = new Section("code", start, end);
        }
      }
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(whole, e);
    }
    int importedFunctions = imports == null ? 0 : countFunctionImports(module, imports);
    int[][] bodies = code == null ? new int[][] {{}, {}} : bodies(module, code);
    return new ModuleLayout(custom, code, importedFunctions, bodies[0], bodies[1]);
  }

  private static int countFunctionImports(byte[] module, Section imports)
      throws DwarfException {
    ByteReader r = imports.reader(module);
    try {
      int count = r.readCount("import", Integer.MAX_VALUE, 4);
      int functions = 0;
      for (int i = 0; i < count; i++) {
        r.readName("import module name");
        r.readName("import field name");
        int kindAt = r.position();
        int kind = r.readByte("import kind");
        switch (kind) {
          case 0x00 -> { // function: type index
            r.readU32("type index");
            functions++;
          }
          case 0x01 -> { // table: reference type, limits
            referenceType(r);
            limits(r);
          }
          case 0x02 -> limits(r); // memory
          case 0x03 -> { // global: value type, mutability
            valueType(r);
            r.readByte("global mutability");
          }
          case 0x04 -> { // tag: attribute, type index
            r.readByte("tag attribute");
            r.readU32("tag type index");
          }
          default -> throw DwarfException.at(
              imports, kindAt, "unknown import kind 0x" + Integer.toHexString(kind));
        }
      }
      return functions;
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(imports, e);
    }
  }

  private static void valueType(ByteReader r) throws CoreDumpFormatException {
    int b = r.readByte("value type");
    if (b == 0x63 || b == 0x64) {
      r.readS64("heap type");
    }
  }

  private static void referenceType(ByteReader r) throws CoreDumpFormatException {
    valueType(r);
  }

  private static void limits(ByteReader r) throws CoreDumpFormatException {
    int flags = r.readByte("limits flags");
    boolean wide = (flags & 0x04) != 0;
    if (wide) {
      r.readU64("limits minimum");
    } else {
      r.readU32("limits minimum");
    }
    if ((flags & 0x01) != 0) {
      if (wide) {
        r.readU64("limits maximum");
      } else {
        r.readU32("limits maximum");
      }
    }
    if ((flags & 0x08) != 0) {
      r.readU32("page size");
    }
  }

  private static int[][] bodies(byte[] module, Section code) throws DwarfException {
    ByteReader r = code.reader(module);
    try {
      int count = r.readCount("function body", Integer.MAX_VALUE, 1);
      int[] starts = new int[count];
      int[] ends = new int[count];
      for (int i = 0; i < count; i++) {
        int sizeAt = r.position();
        long size = Integer.toUnsignedLong(r.readU32("function body size"));
        ByteReader body = r.slice(size, sizeAt, "function body");
        starts[i] = body.position();
        ends[i] = body.limit();
      }
      return new int[][] {starts, ends};
    } catch (CoreDumpFormatException e) {
      throw DwarfException.wrap(code, e);
    }
  }
}
