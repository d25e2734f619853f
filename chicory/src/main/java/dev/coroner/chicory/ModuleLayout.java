package dev.coroner.chicory;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a coredump needs from a module's bytes that Chicory's parsed {@link WasmModule} does not
 * keep: where each function body starts (code offsets are measured from the first byte after the
 * body-size LEB) and whether each memory the module defines declares a maximum.
 *
 * <p>Chicory's instructions carry their module-relative byte address, so a frame's code offset is
 * {@code instruction.address() - bodyStart(i)}.
 *
 * <p>Hand-written rather than taken from a library: it reads only section headers, the memory
 * section and the body-size prefixes of the code section (about sixty lines), and Chicory's
 * parser, which reads everything else, discards exactly these positions.
 */
final class ModuleLayout {

  static final String TAG = "[ModuleBytes]";

  private static final int CODE_SECTION = 10;
  private static final int MEMORY_SECTION = 5;

  private final int[] bodyStarts;
  private final OptionalLong[] definedMemoryMax;

  private ModuleLayout(int[] bodyStarts, OptionalLong[] definedMemoryMax) {
    this.bodyStarts = bodyStarts;
    this.definedMemoryMax = definedMemoryMax;
  }

  /**
   * Reads the layout of {@code bytes} and checks it against {@code module} (same number of bodies,
   * every body's instructions inside it).
   *
   * @throws IllegalArgumentException tagged {@value #TAG}, naming the byte offset, if the bytes are
   *     not a module or not the module Chicory parsed
   */
  static ModuleLayout read(byte[] bytes, WasmModule module) {
    Reader r = new Reader(bytes);
    if (bytes.length < 8 || r.u8() != 0x00 || r.u8() != 0x61 || r.u8() != 0x73 || r.u8() != 0x6D) {
      throw r.error(0, "not a WebAssembly module (no \\0asm header)");
    }
    r.pos = 8;
    int[] starts = null;
    int[] ends = null;
    OptionalLong[] memMax = new OptionalLong[0];
    while (r.pos < bytes.length) {
      int id = r.u8();
      long size = r.u32();
      int contentStart = r.pos;
      if (size > bytes.length - contentStart) {
        throw r.error(contentStart, "section " + id + " of " + size + " bytes runs past the end");
      }
      int contentEnd = contentStart + (int) size;
      if (id == CODE_SECTION) {
        int count = r.count(contentEnd);
        starts = new int[count];
        ends = new int[count];
        for (int i = 0; i < count; i++) {
          long bodySize = r.u32();
          starts[i] = r.pos;
          if (bodySize > contentEnd - r.pos) {
            throw r.error(r.pos, "function body " + i + " runs past the code section");
          }
          r.pos += (int) bodySize;
          ends[i] = r.pos;
        }
      } else if (id == MEMORY_SECTION) {
        int count = r.count(contentEnd);
        memMax = new OptionalLong[count];
        for (int i = 0; i < count; i++) {
          int flags = r.u8();
          r.u32(); // minimum
          memMax[i] = (flags & 1) != 0 ? OptionalLong.of(r.u32()) : OptionalLong.empty();
        }
      }
      r.pos = contentEnd;
    }
    if (starts == null) {
      starts = new int[0];
      ends = new int[0];
    }
    check(module, starts, ends);
    return new ModuleLayout(starts, memMax);
  }

  private static void check(WasmModule module, int[] starts, int[] ends) {
    int count = module.codeSection().functionBodyCount();
    if (count != starts.length) {
      throw new IllegalArgumentException(
          TAG + " the bytes hold " + starts.length + " function bodies, the parsed module "
              + count + ": they are not the same module");
    }
    for (int i = 0; i < count; i++) {
      FunctionBody body = module.codeSection().getFunctionBody(i);
      List<AnnotatedInstruction> code = body.instructions();
      if (code.isEmpty()) {
        continue;
      }
      int first = code.get(0).address();
      int last = code.get(code.size() - 1).address();
      if (first < starts[i] || last >= ends[i]) {
        throw new IllegalArgumentException(
            TAG + " function body " + i + " spans bytes 0x" + Integer.toHexString(starts[i])
                + "..0x" + Integer.toHexString(ends[i]) + ", but Chicory parsed its "
                + "instructions at 0x" + Integer.toHexString(first) + "..0x"
                + Integer.toHexString(last) + ": the bytes are not the parsed module");
      }
    }
  }

  /** Module-relative offset of the first byte after body {@code definedIndex}'s size LEB. */
  int bodyStart(int definedIndex) {
    return bodyStarts[definedIndex];
  }

  /** The declared maximum (pages) of the module's {@code definedIndex}-th own memory, if any. */
  OptionalLong declaredMax(int definedIndex) {
    return definedIndex < definedMemoryMax.length
        ? definedMemoryMax[definedIndex]
        : OptionalLong.empty();
  }

  @Override
  public String toString() {
    return "ModuleLayout[bodies at " + Arrays.toString(bodyStarts) + "]";
  }

  /** A minimal reader of unsigned LEB128 and bytes with its position. */
  private static final class Reader {
    private final byte[] b;
    int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    int u8() {
      if (pos >= b.length) {
        throw error(pos, "unexpected end of the module");
      }
      return b[pos++] & 0xFF;
    }

    long u32() {
      int start = pos;
      long result = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int x = u8();
        result |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          if (result > 0xFFFFFFFFL) {
            break;
          }
          return result;
        }
      }
      throw error(start, "malformed u32 LEB128");
    }

    int count(int limit) {
      long n = u32();
      if (n > limit - pos) {
        throw error(pos, "count " + n + " is larger than the section");
      }
      return (int) n;
    }

    IllegalArgumentException error(int at, String message) {
      return new IllegalArgumentException(
          TAG + " " + message + " (at offset 0x" + Integer.toHexString(at) + ")");
    }
  }
}
