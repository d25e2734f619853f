package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * HotSpot does not JIT-compile methods with more than 8000 bytes of bytecode
 * ({@code -XX:+DontCompileHugeMethods}, on by default); an interpreted interpreter loop is several
 * times slower. This guards the execution loop's size.
 */
class LoopSizeTest {
  private static final int HUGE_METHOD_LIMIT = 8000;

  @Test
  void executionLoopStaysBelowTheJitHugeMethodLimit() throws IOException {
    int size = codeLength(Machine.class, "run");
    assertTrue(size > 1000 && size < HUGE_METHOD_LIMIT,
        "Machine.run has " + size + " bytes of bytecode; keep it below " + HUGE_METHOD_LIMIT
            + " (move rare instructions to SlowOps or Bulk)");
  }

  /** The bytecode length of the method called {@code name} (the first one, if overloaded). */
  static int codeLength(Class<?> c, String name) throws IOException {
    try (InputStream raw = c.getResourceAsStream(c.getSimpleName() + ".class");
        DataInputStream in = new DataInputStream(raw)) {
      in.readInt();
      in.readUnsignedShort();
      in.readUnsignedShort();
      int cpCount = in.readUnsignedShort();
      String[] utf8 = new String[cpCount];
      for (int i = 1; i < cpCount; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1: utf8[i] = in.readUTF(); break;
          case 3: case 4: in.readInt(); break;
          case 5: case 6: in.readLong(); i++; break;
          case 7: case 8: case 16: case 19: case 20: in.readUnsignedShort(); break;
          case 15: in.readUnsignedByte(); in.readUnsignedShort(); break;
          default: in.readInt(); break; // 9, 10, 11, 12, 17, 18: two u2
        }
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      in.readUnsignedShort();
      int interfaces = in.readUnsignedShort();
      for (int i = 0; i < interfaces; i++) {
        in.readUnsignedShort();
      }
      int fields = in.readUnsignedShort();
      for (int i = 0; i < fields; i++) {
        in.readUnsignedShort();
        in.readUnsignedShort();
        in.readUnsignedShort();
        skipAttributes(in);
      }
      int methods = in.readUnsignedShort();
      for (int i = 0; i < methods; i++) {
        in.readUnsignedShort();
        String methodName = utf8[in.readUnsignedShort()];
        in.readUnsignedShort();
        int attrs = in.readUnsignedShort();
        for (int a = 0; a < attrs; a++) {
          String attr = utf8[in.readUnsignedShort()];
          int len = in.readInt();
          if (attr.equals("Code") && methodName.equals(name)) {
            in.readUnsignedShort();
            in.readUnsignedShort();
            return in.readInt();
          }
          in.skipNBytes(len);
        }
      }
    }
    throw new IllegalArgumentException("no method " + name);
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attrs = in.readUnsignedShort();
    for (int a = 0; a < attrs; a++) {
      in.readUnsignedShort();
      in.skipNBytes(in.readInt());
    }
  }
}
