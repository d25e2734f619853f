package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SIMD table against wabt: every entry's text name assembles to its own subopcode. */
class SimdInstructionTableTest {

  @Test
  void everyEntryHasTheSubopcodeWabtAssemblesItsNameTo() {
    int checked = 0;
    for (SimdInstruction in : SimdInstruction.values()) {
      // In unreachable code the operand stack is polymorphic: no operands are needed.
      String wat = "(module (memory 1) (func unreachable " + in.text() + immediates(in)
          + " drop))";
      byte[] bytes = Wat.bytes(wat);
      int at = afterUnreachable(bytes);
      assertEquals(0xFD, bytes[at] & 0xFF, in.text());
      int sub = 0;
      int shift = 0;
      int b;
      int i = at + 1;
      do {
        b = bytes[i++] & 0xFF;
        sub |= (b & 0x7F) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      assertEquals(in.subopcode(), sub, in.text());
      WasmModule.parse(bytes);
      checked++;
    }
    System.out.println("SIMD table: " + checked + " entries assembled by wabt and validated");
    assertEquals(236, checked);
  }

  private static String immediates(SimdInstruction in) {
    switch (in.kind()) {
      case CONST: return " i64x2 0 0";
      case SHUFFLE: return " 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15";
      case EXTRACT: case REPLACE: case LOAD_LANE: case STORE_LANE: return " 0";
      default: return "";
    }
  }

  /** The position after the function body's {@code unreachable} (0x00 after the locals). */
  private static int afterUnreachable(byte[] m) {
    // Code section: id 10, size, count 1, body size, local decl count 0, then 0x00.
    for (int i = m.length - 1; i > 0; i--) {
      if (m[i] == 10 && i + 5 < m.length && m[i + 2] == 1) {
        int j = i + 3;
        while ((m[j] & 0x80) != 0) {
          j++;
        }
        j++;
        if (m[j] == 0 && m[j + 1] == 0) {
          return j + 2;
        }
      }
    }
    throw new AssertionError("code section not found");
  }

  @Test
  void simdInstructionNamesAppearOnlyInTheirTable() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("src/main/java"))) {
      files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    for (Path file : files) {
      String text = Files.readString(file);
      for (SimdInstruction in : SimdInstruction.values()) {
        boolean inTable = file.getFileName().toString().equals("SimdInstruction.java");
        int n = count(text, "\"" + in.text() + "\"");
        assertEquals(inTable ? 1 : 0, n, in.text() + " in " + file);
      }
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void everyLaneInstructionNamesItsLaneCount() {
    for (SimdInstruction in : SimdInstruction.values()) {
      if (in.kind() == SimdInstruction.Kind.EXTRACT || in.kind() == SimdInstruction.Kind.REPLACE
          || in.kind() == SimdInstruction.Kind.LOAD_LANE
          || in.kind() == SimdInstruction.Kind.STORE_LANE) {
        assertTrue(in.lanes() >= 2 && in.lanes() <= 16, in.text());
      }
    }
  }
}
