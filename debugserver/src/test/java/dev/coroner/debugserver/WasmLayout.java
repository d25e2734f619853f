package dev.coroner.debugserver;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a test module's code lies, read independently of the server's own parser: the start of
 * the code section's contents (DWARF addresses count from there) and each function body's start
 * (the byte after its size). Test-only; trusts its input.
 */
final class WasmLayout {
  final int codeStart;
  final int importedFunctions;
  final List<Integer> bodyStarts = new ArrayList<>();
  private final byte[] bytes;
  private int pos;

  WasmLayout(byte[] bytes) {
    this.bytes = bytes;
    pos = 8;
    int code = -1;
    int imported = 0;
    while (pos < bytes.length) {
      int id = bytes[pos++] & 0xFF;
      int size = (int) leb();
      int end = pos + size;
      if (id == 2) {
        long n = leb();
        for (long i = 0; i < n; i++) {
          skipName(); // module name
          skipName(); // field name
          int kind = bytes[pos++];
          switch (kind) {
            case 0 -> { // function: type index
              leb();
              imported++;
            }
            case 1 -> { // table: reference type, limits
              pos++;
              limits();
            }
            case 2 -> limits(); // memory
            case 3 -> pos += 2; // global: value type, mutability
            default -> throw new IllegalStateException("import kind " + kind);
          }
        }
      } else if (id == 10) {
        code = pos;
        long n = leb();
        for (long i = 0; i < n; i++) {
          int bodySize = (int) leb();
          bodyStarts.add(pos);
          pos += bodySize;
        }
      }
      pos = end;
    }
    this.codeStart = code;
    this.importedFunctions = imported;
  }

  /** The DWARF address of the instruction at {@code codeOffset} of function {@code index}. */
  long dwarfAddress(int functionIndex, int codeOffset) {
    return bodyStarts.get(functionIndex - importedFunctions) + codeOffset - codeStart;
  }

  /** The file offset of the instruction at {@code codeOffset} of function {@code index}. */
  long fileOffset(int functionIndex, int codeOffset) {
    return bodyStarts.get(functionIndex - importedFunctions) + codeOffset;
  }

  private void skipName() {
    int length = (int) leb();
    pos += length;
  }

  private void limits() {
    int flags = bytes[pos++];
    leb();
    if ((flags & 1) != 0) {
      leb();
    }
  }

  private long leb() {
    long result = 0;
    int shift = 0;
    while (true) {
      int b = bytes[pos++] & 0xFF;
      result |= (long) (b & 0x7F) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
  }
}
