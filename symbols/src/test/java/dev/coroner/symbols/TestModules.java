package dev.coroner.symbols;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test programs, and modules rebuilt with one custom section's contents replaced. Public in the
 * test jar for the cli's tests.
 */
public final class TestModules {

  private TestModules() {}

  /**
   * This module's own test programs, which the rendering, fuzzing and laziness tests name (the
   * agreement test's {@link SymbolizerAgreementTest#PROGRAMS} may add others).
   */
  static final Path PROGRAMS = Path.of("src/test/resources/programs");

  static byte[] program(String name) {
    try {
      return Files.readAllBytes(PROGRAMS.resolve(name).resolve(name + ".wasm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LlvmExpectations expectations(String name) {
    try {
      return LlvmExpectations.read(
          PROGRAMS.resolve(name).resolve(name + ".wasm" + LlvmExpectations.SUFFIX));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Custom section name to {start, end} of its contents, in file order. */
  public static Map<String, int[]> customSections(byte[] module) {
    Map<String, int[]> out = new LinkedHashMap<>();
    int pos = 8;
    while (pos < module.length) {
      int id = module[pos++] & 0xFF;
      long[] size = uleb(module, pos);
      pos = (int) size[1];
      int end = pos + (int) size[0];
      if (id == 0) {
        long[] nameLength = uleb(module, pos);
        int nameStart = (int) nameLength[1];
        String name = new String(module, nameStart, (int) nameLength[0], StandardCharsets.UTF_8);
        out.putIfAbsent(name, new int[] {nameStart + (int) nameLength[0], end});
      }
      pos = end;
    }
    return out;
  }

  /** The contents of custom section {@code name}. */
  public static byte[] custom(byte[] module, String name) {
    int[] range = customSections(module).get(name);
    return Arrays.copyOfRange(module, range[0], range[1]);
  }

  /** {@code module} with the contents of custom section {@code name} replaced. */
  public static byte[] withCustom(byte[] module, String name, byte[] contents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(module.length + 16);
    out.write(module, 0, 8);
    int pos = 8;
    while (pos < module.length) {
      int start = pos;
      int id = module[pos++] & 0xFF;
      long[] size = uleb(module, pos);
      pos = (int) size[1];
      int end = pos + (int) size[0];
      boolean replace = false;
      if (id == 0) {
        long[] nameLength = uleb(module, pos);
        int nameStart = (int) nameLength[1];
        replace = name.equals(
            new String(module, nameStart, (int) nameLength[0], StandardCharsets.UTF_8));
      }
      if (replace) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        writeUleb(payload, nameBytes.length);
        payload.write(nameBytes, 0, nameBytes.length);
        payload.write(contents, 0, contents.length);
        out.write(0);
        writeUleb(out, payload.size());
        out.write(payload.toByteArray(), 0, payload.size());
      } else {
        out.write(module, start, end - start);
      }
      pos = end;
    }
    return out.toByteArray();
  }

  private static long[] uleb(byte[] b, int pos) {
    long v = 0;
    int shift = 0;
    while (true) {
      int x = b[pos++] & 0xFF;
      v |= (long) (x & 0x7F) << shift;
      shift += 7;
      if (x < 0x80) {
        return new long[] {v, pos};
      }
    }
  }

  static void writeUleb(ByteArrayOutputStream out, long v) {
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }
}
