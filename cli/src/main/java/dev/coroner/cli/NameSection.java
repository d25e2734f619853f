package dev.coroner.cli;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names a WebAssembly module's {@code name} custom section gives: the module name (subsection
 * 0), function names (subsection 1) and local names (subsection 2). Other subsections are skipped.
 *
 * <p>Names are debugging help, so a malformed name section is not an error: parsing stops at the
 * first problem and keeps what it had read. Only a file that is not a WebAssembly binary at all
 * (wrong magic or version, or a section running past the end) is rejected.
 *
 * @param module the module name, if the section gives one
 * @param functions function index (imports included) to name
 * @param locals function index to (local index to name)
 */
record NameSection(
    Optional<String> module, Map<Integer, String> functions, Map<Integer, Map<Integer, String>> locals) {

  /** No names at all. */
  static final NameSection NONE = new NameSection(Optional.empty(), Map.of(), Map.of());

  NameSection {
    functions = Map.copyOf(functions);
    locals = Map.copyOf(locals);
  }

  /** The name of function {@code index}, if the module names it. */
  Optional<String> function(int index) {
    return Optional.ofNullable(functions.get(index));
  }

  /** The name of local {@code local} of function {@code function}, if the module names it. */
  Optional<String> local(int function, int local) {
    Map<Integer, String> names = locals.get(function);
    return names == null ? Optional.empty() : Optional.ofNullable(names.get(local));
  }

  /**
   * Reads the name section of a binary module.
   *
   * @throws NotWasmException if {@code bytes} are not a WebAssembly binary module
   */
  static NameSection read(byte[] bytes) throws NotWasmException {
    if (bytes.length < 8
        || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm') {
      throw new NotWasmException("not a WebAssembly module (no \\0asm magic at offset 0x0)");
    }
    if (bytes[4] != 1 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0) {
      throw new NotWasmException(
          "not a WebAssembly core module (version is not 1, at offset 0x4)");
    }
    Reader r = new Reader(bytes, 8, bytes.length);
    NameSection found = NONE;
    while (r.pos < bytes.length) {
      int sectionStart = r.pos;
      int id;
      int size;
      try {
        id = r.u8();
        size = r.u32();
      } catch (IndexOutOfBoundsException | IllegalStateException e) {
        throw new NotWasmException(
            "malformed section header (at offset 0x" + Integer.toHexString(sectionStart) + ")");
      }
      int end = r.pos + size;
      if (size < 0 || end > bytes.length || end < r.pos) {
        throw new NotWasmException(
            "section runs past the end of the file (at offset 0x"
                + Integer.toHexString(sectionStart) + ")");
      }
      if (id == 0) {
        Reader section = new Reader(bytes, r.pos, end);
        try {
          if ("name".equals(section.name())) {
            found = parseNames(section);
          }
        } catch (RuntimeException e) {
          // A malformed custom section name: not ours to judge.
        }
      }
      r.pos = end;
    }
    return found;
  }

  private static NameSection parseNames(Reader r) {
    Optional<String> module = Optional.empty();
    Map<Integer, String> functions = new HashMap<>();
    Map<Integer, Map<Integer, String>> locals = new HashMap<>();
    try {
      while (r.pos < r.end) {
        int sub = r.u8();
        int size = r.u32();
        int subEnd = r.pos + size;
        if (size < 0 || subEnd > r.end) {
          break;
        }
        Reader s = new Reader(r.bytes, r.pos, subEnd);
        if (sub == 0) {
          module = Optional.of(s.name());
        } else if (sub == 1) {
          functions.putAll(nameMap(s));
        } else if (sub == 2) {
          int count = s.u32();
          for (int i = 0; i < count; i++) {
            int function = s.u32();
            locals.put(function, nameMap(s));
          }
        }
        r.pos = subEnd;
      }
    } catch (RuntimeException e) {
      // Keep what was read before the malformation.
    }
    return new NameSection(module, functions, locals);
  }

  private static Map<Integer, String> nameMap(Reader r) {
    Map<Integer, String> names = new HashMap<>();
    int count = r.u32();
    for (int i = 0; i < count; i++) {
      int index = r.u32();
      names.put(index, r.name());
    }
    return names;
  }

  /** The file is not a WebAssembly binary module. */
  static final class NotWasmException extends Exception {
    private static final long serialVersionUID = 1L;

    NotWasmException(String message) {
      super(message);
    }
  }

  /** A bounded reader; throws unchecked exceptions on any malformation. */
  private static final class Reader {
    final byte[] bytes;
    final int end;
    int pos;

    Reader(byte[] bytes, int pos, int end) {
      this.bytes = bytes;
      this.pos = pos;
      this.end = end;
    }

    int u8() {
      if (pos >= end) {
        throw new IndexOutOfBoundsException("end of data at " + pos);
      }
      return bytes[pos++] & 0xFF;
    }

    /** An unsigned LEB128 u32; values above {@code Integer.MAX_VALUE} are rejected. */
    int u32() {
      long result = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = u8();
        result |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (result > Integer.MAX_VALUE) {
            throw new IllegalStateException("u32 too large for a name index or size");
          }
          return (int) result;
        }
      }
      throw new IllegalStateException("u32 representation too long");
    }

    String name() {
      int length = u32();
      if (length > end - pos) {
        throw new IndexOutOfBoundsException("name runs past the end");
      }
      try {
        String s =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, pos, length))
                .toString();
        pos += length;
        return s;
      } catch (CharacterCodingException e) {
        throw new IllegalStateException("name is not UTF-8", e);
      }
    }
  }
}
