package dev.coroner.symbols;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A {@code MODULE.wasm.llvm-symbolizer} file, as written by {@code
 * symbols/scripts/llvm-symbolizer-expectations.py}: every instruction start of every function
 * body (from wabt's {@code wasm-objdump}) with the chain of source locations llvm-symbolizer gives
 * for it. The format is described in the file's own header.
 */
final class LlvmExpectations {

  /** One instruction start: a coredump frame's coordinates and what LLVM says is there. */
  record Address(int funcIndex, int codeOffset, List<SourceLocation> chain) {}

  /** One function body. */
  record Body(int funcIndex, long bodyStart, List<Address> addresses) {}

  final long codeSectionStart;
  final List<Body> bodies;

  private LlvmExpectations(long codeSectionStart, List<Body> bodies) {
    this.codeSectionStart = codeSectionStart;
    this.bodies = bodies;
  }

  static final String SUFFIX = ".llvm-symbolizer";

  static LlvmExpectations read(Path file) throws IOException {
    long codeStart = -1;
    Map<Integer, String> strings = new HashMap<>();
    Map<Integer, SourceLocation> frames = new HashMap<>();
    Map<Integer, List<SourceLocation>> chains = new HashMap<>();
    chains.put(0, List.of());
    List<Body> bodies = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNumber++;
      String where = file + ":" + lineNumber;
      if (line.startsWith("# code section contents start at module offset 0x")) {
        String hex = line.substring("# code section contents start at module offset 0x".length());
        codeStart = Long.parseLong(hex.substring(0, hex.indexOf(';')), 16);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      char kind = line.charAt(0);
      String rest = line.substring(2);
      switch (kind) {
        case 'S' -> {
          int space = rest.indexOf(' ');
          strings.put(Integer.parseInt(rest.substring(0, space)), rest.substring(space + 1));
        }
        case 'R' -> {
          String[] f = rest.split(" ", -1);
          if (f.length != 10) {
            throw new IOException(where + ": a frame needs 10 fields, has " + f.length);
          }
          String name = strings.get(Integer.parseInt(f[1]));
          int linkage = Integer.parseInt(f[2]);
          frames.put(Integer.parseInt(f[0]), new SourceLocation(
              name,
              linkage == 0 ? name : strings.get(linkage),
              "", // LLVM prints no qualified name; not compared
              strings.get(Integer.parseInt(f[3])),
              Long.parseLong(f[4]),
              Long.parseLong(f[5]),
              Long.parseLong(f[6]),
              strings.get(Integer.parseInt(f[7])),
              Long.parseLong(f[8]),
              f[9].equals("-") ? OptionalLong.empty()
                  : OptionalLong.of(Long.parseLong(f[9].substring(2), 16)),
              false));
        }
        case 'C' -> {
          String[] f = rest.split(" ");
          List<SourceLocation> chain = new ArrayList<>();
          for (int i = 1; i < f.length; i++) {
            SourceLocation l = frames.get(Integer.parseInt(f[i]));
            if (l == null) {
              throw new IOException(where + ": unknown frame " + f[i]);
            }
            chain.add(l);
          }
          chains.put(Integer.parseInt(f[0]), chain);
        }
        case 'F' -> {
          String[] f = rest.split(" ");
          int func = Integer.parseInt(f[0]);
          long bodyStart = Long.parseLong(f[1].substring(2), 16);
          List<Address> addresses = new ArrayList<>();
          List<SourceLocation> current = null;
          for (int i = 2; i < f.length; i++) {
            String item = f[i];
            int colon = item.indexOf(':');
            if (colon >= 0) {
              current = chains.get(Integer.parseInt(item.substring(colon + 1)));
              item = item.substring(0, colon);
            }
            if (current == null) {
              throw new IOException(where + ": no chain for " + f[i]);
            }
            addresses.add(new Address(func, Integer.parseInt(item, 16), current));
          }
          bodies.add(new Body(func, bodyStart, addresses));
        }
        default -> throw new IOException(where + ": unknown line kind " + kind);
      }
    }
    if (codeStart < 0) {
      throw new IOException(file + ": no code section start in the header");
    }
    return new LlvmExpectations(codeStart, bodies);
  }
}
