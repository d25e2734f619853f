package dev.coroner.symbols;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;

/**
 * A {@code MODULE.wasm.llvm-symbolizer.gz} file, as written by {@code
 * symbols/scripts/llvm-symbolizer-expectations.py}: every instruction start of every function
 * body (from wabt's {@code wasm-objdump}) with the chain of source locations llvm-symbolizer gives
 * for it. The format (gzipped text) is described in the file's own header: numbered tables of
 * strings ({@code S}), functions ({@code N}), locations ({@code R}) and chains ({@code C}), then
 * one {@code F} line per body whose instruction starts are steps from the previous one.
 *
 * <p>Public in the test jar: the cli's tests check its backtraces against these files.
 */
public final class LlvmExpectations {

  /** One instruction start: a coredump frame's coordinates and what LLVM says is there. */
  public record Address(int funcIndex, int codeOffset, List<SourceLocation> chain) {}

  /** One function body. */
  public record Body(int funcIndex, long bodyStart, List<Address> addresses) {}

  /** A function or inlined block: everything of a location but its position. */
  private record Function(String name, String linkageName, String declFile, long declLine,
      OptionalLong lowPc) {}

  public static final String SUFFIX = ".llvm-symbolizer.gz";

  private static final String CODE_START = "# code section contents start at module offset 0x";

  final long codeSectionStart;
  final List<Body> bodies;

  private LlvmExpectations(long codeSectionStart, List<Body> bodies) {
    this.codeSectionStart = codeSectionStart;
    this.bodies = bodies;
  }

  /** The expectations file stored beside {@code module}. */
  public static Path of(Path module) {
    return Path.of(module + SUFFIX);
  }

  /**
   * LLVM's chain of source locations (innermost first, empty if none) at the instruction that
   * starts at code offset {@code codeOffset} of function {@code funcIndex}, or empty if no
   * instruction starts there. The locations' qualified names are empty: LLVM prints none.
   */
  public Optional<List<SourceLocation>> at(int funcIndex, int codeOffset) {
    for (Body b : bodies) {
      if (b.funcIndex() == funcIndex) {
        for (Address a : b.addresses()) {
          if (a.codeOffset() == codeOffset) {
            return Optional.of(a.chain());
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Reads a file written by the script. */
  public static LlvmExpectations read(Path file) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      return new Parser(file).parse(in);
    }
  }

  /** One pass over the lines; every reference must name an earlier record. */
  private static final class Parser {
    private final Path file;
    private final List<String> strings = new ArrayList<>();
    private final List<Function> functions = new ArrayList<>();
    private final List<SourceLocation> locations = new ArrayList<>();
    private final List<List<SourceLocation>> chains = new ArrayList<>();
    private final List<Body> bodies = new ArrayList<>();
    private long codeStart = -1;
    private String where;

    Parser(Path file) {
      this.file = file;
      strings.add(null); // records are numbered from 1; 0 means none
      functions.add(null);
      locations.add(null);
      chains.add(List.of());
    }

    LlvmExpectations parse(BufferedReader in) throws IOException {
      int lineNumber = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        where = file + ":" + lineNumber;
        if (line.startsWith(CODE_START)) {
          String hex = line.substring(CODE_START.length());
          codeStart = Long.parseLong(hex.substring(0, hex.indexOf(';')), 16);
        }
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.length() < 2 || line.charAt(1) != ' ') {
          throw new IOException(where + ": expected a record kind and a space");
        }
        String rest = line.substring(2);
        switch (line.charAt(0)) {
          case 'S' -> strings.add(rest);
          case 'N' -> function(fields(rest, 5));
          case 'R' -> location(fields(rest, 5));
          case 'C' -> chain(rest.split(" "));
          case 'F' -> body(rest.split(" "));
          default -> throw new IOException(where + ": unknown record kind " + line.charAt(0));
        }
      }
      if (codeStart < 0) {
        throw new IOException(file + ": no code section start in the header");
      }
      return new LlvmExpectations(codeStart, List.copyOf(bodies));
    }

    private String[] fields(String rest, int count) throws IOException {
      String[] f = rest.split(" ", -1);
      if (f.length != count) {
        throw new IOException(where + ": expected " + count + " fields, found " + f.length);
      }
      return f;
    }

    private void function(String[] f) throws IOException {
      String name = get(strings, f[0], "string");
      int linkage = Integer.parseInt(f[1]);
      functions.add(new Function(
          name,
          linkage == 0 ? name : get(strings, f[1], "string"),
          get(strings, f[2], "string"),
          Long.parseLong(f[3]),
          f[4].equals("-") ? OptionalLong.empty()
              : OptionalLong.of(Long.parseLong(f[4].substring(2), 16))));
    }

    private void location(String[] f) throws IOException {
      Function fn = get(functions, f[0], "function");
      locations.add(new SourceLocation(
          fn.name(),
          fn.linkageName(),
          "", // LLVM prints no qualified name; not compared
          get(strings, f[1], "string"),
          Long.parseLong(f[2]),
          Long.parseLong(f[3]),
          Long.parseLong(f[4]),
          fn.declFile(),
          fn.declLine(),
          fn.lowPc(),
          false));
    }

    private void chain(String[] f) throws IOException {
      List<SourceLocation> chain = new ArrayList<>();
      for (String id : f) {
        chain.add(get(locations, id, "location"));
      }
      chains.add(List.copyOf(chain));
    }

    private void body(String[] f) throws IOException {
      int func = Integer.parseInt(f[0]);
      long bodyStart = Long.parseLong(f[1].substring(2), 16);
      List<Address> addresses = new ArrayList<>();
      List<SourceLocation> current = null;
      int offset = 0;
      for (int i = 2; i < f.length; i++) {
        String item = f[i];
        int colon = item.indexOf(':');
        if (colon >= 0) {
          current = get(chains, item.substring(colon + 1), "chain");
          item = item.substring(0, colon);
        }
        if (current == null) {
          throw new IOException(where + ": no chain named before " + f[i]);
        }
        offset += Integer.parseInt(item, 16);
        addresses.add(new Address(func, offset, current));
      }
      bodies.add(new Body(func, bodyStart, List.copyOf(addresses)));
    }

    private <T> T get(List<T> table, String id, String what) throws IOException {
      int i = Integer.parseInt(id);
      if (i < 0 || i >= table.size() || i == 0 && !what.equals("chain")) {
        throw new IOException(where + ": no " + what + " " + id);
      }
      return table.get(i);
    }
  }
}
