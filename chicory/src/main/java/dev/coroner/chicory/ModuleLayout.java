package dev.coroner.chicory;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.WasmModule;
import dev.coroner.coredump.BinaryReader;
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
 * section and the body-size prefixes of the code section (about sixty lines, over the project's
 * one byte reader, {@link BinaryReader}), and Chicory's parser, which reads everything else,
 * discards exactly these positions.
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
    BinaryReader<IllegalArgumentException> r = new BinaryReader<>(bytes, "module", ERRORS);
    if (bytes.length < 8 || bytes[0] != 0x00 || bytes[1] != 0x61 || bytes[2] != 0x73
        || bytes[3] != 0x6D) {
      throw error(0, "not a WebAssembly module (no \\0asm header)");
    }
    r.skip(8, "header");
    int[] starts = null;
    int[] ends = null;
    OptionalLong[] memMax = new OptionalLong[0];
    while (!r.atEnd()) {
      int id = r.readByte("section id");
      long size = u32(r);
      int contentStart = r.position();
      if (size > r.remaining()) {
        throw error(contentStart, "section " + id + " of " + size + " bytes runs past the end");
      }
      int contentEnd = contentStart + (int) size;
      if (id == CODE_SECTION) {
        int count = count(r, contentEnd);
        starts = new int[count];
        ends = new int[count];
        for (int i = 0; i < count; i++) {
          long bodySize = u32(r);
          starts[i] = r.position();
          if (bodySize > contentEnd - r.position()) {
            throw error(r.position(), "function body " + i + " runs past the code section");
          }
          r.skip((int) bodySize, "function body");
          ends[i] = r.position();
        }
      } else if (id == MEMORY_SECTION) {
        int count = count(r, contentEnd);
        memMax = new OptionalLong[count];
        for (int i = 0; i < count; i++) {
          int flags = r.readByte("memory limits flags");
          u32(r); // minimum
          memMax[i] = (flags & 1) != 0 ? OptionalLong.of(u32(r)) : OptionalLong.empty();
        }
      }
      r.seek(contentEnd, "section end");
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

  private static long u32(BinaryReader<IllegalArgumentException> r) {
    return Integer.toUnsignedLong(r.readU32("u32"));
  }

  /** A vector count that the bytes up to {@code limit} can hold. */
  private static int count(BinaryReader<IllegalArgumentException> r, int limit) {
    long n = u32(r);
    if (n > limit - r.position()) {
      throw error(r.position(), "count " + n + " is larger than the section");
    }
    return (int) n;
  }

  private static IllegalArgumentException error(long at, String message) {
    return new IllegalArgumentException(
        TAG + " " + message + " (at offset 0x" + Long.toHexString(at) + ")");
  }

  /** The texts of the project's one byte reader's failures, tagged {@value #TAG}. */
  private static final BinaryReader.Errors<IllegalArgumentException> ERRORS =
      new BinaryReader.Errors<>() {
        @Override
        public IllegalArgumentException unexpectedEnd(
            String region, long limit, long at, String what) {
          return error(at, "unexpected end of the module");
        }

        @Override
        public IllegalArgumentException lebTooLong(
            long start, long at, int bits, boolean signed, String what) {
          return error(start, "malformed u32 LEB128");
        }

        @Override
        public IllegalArgumentException lebTooLarge(
            long start, long at, int bits, boolean signed, String what) {
          return error(start, "malformed u32 LEB128");
        }

        @Override
        public IllegalArgumentException tooLarge(
            String region, long at, String what, long value, String bound) {
          return error(at, what + " " + value + " is too large (" + bound + ")");
        }

        @Override
        public IllegalArgumentException invalidUtf8(long start, long at, String what) {
          return error(at, "invalid UTF-8 in " + what);
        }

        @Override
        public IllegalArgumentException badByte(long at, int found, int expected, String what) {
          return error(at, what + " is 0x" + Integer.toHexString(found) + ", expected 0x"
              + Integer.toHexString(expected));
        }

        @Override
        public IllegalArgumentException trailingBytes(long at, String region, long count) {
          return error(at, count + " bytes left over after the " + region);
        }

        @Override
        public IllegalArgumentException malformed(long at, String reason) {
          return error(at, reason);
        }
      };
}
