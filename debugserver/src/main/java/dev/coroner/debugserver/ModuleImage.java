package dev.coroner.debugserver;

import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.NameSection;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A module file given for a coredump: its bytes (served to LLDB as the module's code address
 * space) and the few facts the server needs from them: the module name of its {@code name}
 * section, how many functions it imports, and where each function body lies in the file.
 *
 * <p>Only the sections that carry those facts are parsed (import and code here, the {@code name}
 * section by the {@code coredump} library's {@link NameSection}); every other section is
 * bounds-checked and skipped. A malformed name section is not an error: names are debugging help,
 * and the module name is then absent.
 */
public final class ModuleImage {

  /** One function body in the code section: {@code [start, end)} in the file. */
  record Body(int start, int end) {}

  private final Path file;
  private final byte[] bytes;
  private final Optional<String> name;
  private final int importedFunctions;
  private final Body[] bodies;

  private ModuleImage(
      Path file, byte[] bytes, Optional<String> name, int importedFunctions, Body[] bodies) {
    this.file = file;
    this.bytes = bytes;
    this.name = name;
    this.importedFunctions = importedFunctions;
    this.bodies = bodies;
  }

  /**
   * Reads a binary module.
   *
   * @param file where it was read from (shown to the user and given to LLDB as the library's
   *     name, so that LLDB can read the same file from disk)
   * @param bytes its contents; not copied, must not change afterwards
   * @throws ModuleFormatException if it is not a WebAssembly binary module, or its import or code
   *     section is malformed
   */
  public static ModuleImage parse(Path file, byte[] bytes) throws ModuleFormatException {
    Objects.requireNonNull(file, "file");
    if (bytes.length < 4 || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm') {
      throw new ModuleFormatException("not a WebAssembly module (no \\0asm magic)", 0);
    }
    if (bytes.length < 8 || bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0) {
      throw new ModuleFormatException("not a WebAssembly core module (version is not 1)", 4);
    }
    ModuleReader r = new ModuleReader(bytes, 8, bytes.length);
    int imported = 0;
    Body[] bodies = new Body[0];
    while (!r.atEnd()) {
      int id = r.u8();
      int size = r.length("section");
      int start = r.pos();
      int end = start + size;
      ModuleReader section = new ModuleReader(bytes, start, end);
      if (id == 2) {
        imported = importedFunctions(section);
      } else if (id == 10) {
        bodies = bodies(section);
      }
      r.seek(end);
    }
    return new ModuleImage(file, bytes, moduleName(bytes), imported, bodies);
  }

  /** The module name its {@code name} section gives; empty if it has none or it is malformed. */
  private static Optional<String> moduleName(byte[] bytes) {
    try {
      return NameSection.fromModule(bytes).moduleName();
    } catch (CoreDumpFormatException e) {
      // A malformed custom section is not ours to judge; the module just has no name.
      return Optional.empty();
    }
  }

  private static int importedFunctions(ModuleReader r) throws ModuleFormatException {
    long count = r.u32();
    int functions = 0;
    for (long i = 0; i < count; i++) {
      r.name();
      r.name();
      int kindAt = r.pos();
      int kind = r.u8();
      switch (kind) {
        case 0x00 -> {
          r.u32();
          functions++;
        }
        case 0x01 -> {
          refType(r);
          limits(r);
        }
        case 0x02 -> limits(r);
        case 0x03 -> {
          valueType(r);
          r.u8();
        }
        case 0x04 -> {
          r.u8();
          r.u32();
        }
        default ->
            throw new ModuleFormatException(
                "unknown import kind 0x" + Integer.toHexString(kind), kindAt);
      }
    }
    return functions;
  }

  private static void limits(ModuleReader r) throws ModuleFormatException {
    int flags = r.u8();
    boolean is64 = (flags & 0x04) != 0;
    int count = (flags & 0x01) != 0 ? 2 : 1;
    for (int i = 0; i < count; i++) {
      if (is64) {
        r.skipU64();
      } else {
        r.u32();
      }
    }
    if ((flags & 0x08) != 0) {
      r.u32(); // custom page size (a proposal); harmless to skip
    }
  }

  private static void refType(ModuleReader r) throws ModuleFormatException {
    int t = r.u8();
    if (t == 0x63 || t == 0x64) {
      r.skipS33();
    }
  }

  private static void valueType(ModuleReader r) throws ModuleFormatException {
    refType(r);
  }

  private static Body[] bodies(ModuleReader r) throws ModuleFormatException {
    int countAt = r.pos();
    long count = r.u32();
    if (count > r.end() - r.pos()) {
      throw new ModuleFormatException("code section declares more bodies than it has bytes", countAt);
    }
    Body[] out = new Body[(int) count];
    for (int i = 0; i < out.length; i++) {
      int size = r.length("function body");
      out[i] = new Body(r.pos(), r.pos() + size);
      r.seek(r.pos() + size);
    }
    return out;
  }

  /** Where the module was read from. */
  public Path file() {
    return file;
  }

  /** The module name of its {@code name} section, if it has one. */
  public Optional<String> name() {
    return name;
  }

  /** The file's size in bytes. */
  public int size() {
    return bytes.length;
  }

  /** How many functions the module imports (they come first in the function index space). */
  int importedFunctions() {
    return importedFunctions;
  }

  /** The body of function {@code index} (imports included), or null if it is not defined here. */
  Body body(int functionIndex) {
    long i = (long) functionIndex - importedFunctions;
    return functionIndex < 0 || i < 0 || i >= bodies.length ? null : bodies[(int) i];
  }

  /** The number of functions the module defines. */
  int definedFunctions() {
    return bodies.length;
  }

  /** The byte at {@code offset} of the file. */
  int byteAt(int offset) {
    return bytes[offset] & 0xFF;
  }

  /** Copies {@code length} bytes from {@code offset} (both inside the file). */
  void copy(long offset, byte[] dst, int dstOffset, int length) {
    System.arraycopy(bytes, (int) offset, dst, dstOffset, length);
  }

  /** A reader over {@code [from, to)} of the file. */
  ModuleReader reader(int from, int to) {
    return new ModuleReader(bytes, from, to);
  }

  @Override
  public String toString() {
    return file + " (" + bytes.length + " bytes, " + bodies.length + " functions"
        + name.map(n -> ", name section module \"" + n + "\"").orElse("") + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModuleImage m && m.file.equals(file) && Arrays.equals(m.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return file.hashCode();
  }
}
