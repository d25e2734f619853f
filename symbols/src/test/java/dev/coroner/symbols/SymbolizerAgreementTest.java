package dev.coroner.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Coroner against llvm-symbolizer on every instruction start of every program: for each {@code
 * MODULE.wasm} under the {@link #PROGRAMS} folders, the stored {@code
 * MODULE.wasm.llvm-symbolizer.gz} (made by {@code symbols/scripts/llvm-symbolizer-expectations.py},
 * nothing in it from Coroner) lists each instruction as (function index, code offset) with LLVM's chain of source
 * locations. The chains must agree exactly: function name, linkage name, file, line, column,
 * discriminator, declaration file and line, low_pc, and the inlined frames in order.
 */
class SymbolizerAgreementTest {

  /**
   * The folders whose programs are compared (searched recursively for {@code *.wasm}): this
   * module's test programs and the repository's program fixtures.
   */
  static final List<Path> PROGRAMS =
      List.of(Path.of("src/test/resources/programs"), Path.of("../programs"));

  private static long comparedTotal;
  private static long withSourceTotal;
  private static long inlinedTotal;
  private static int modulesTotal;

  static List<Path> modules() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path root : PROGRAMS) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(out::add);
      }
    }
    return out;
  }

  @Test
  void everyProgramHasExpectations() throws IOException {
    List<Path> modules = modules();
    assertFalse(modules.isEmpty(), "no .wasm under " + PROGRAMS);
    for (Path m : modules) {
      assertTrue(Files.exists(LlvmExpectations.of(m)),
          m + " has no " + LlvmExpectations.SUFFIX + " file; run "
              + "symbols/scripts/llvm-symbolizer-expectations.py");
    }
  }

  @TestFactory
  Stream<DynamicTest> agreesWithLlvmSymbolizerOnEveryInstruction() throws IOException {
    return modules().stream()
        .filter(m -> Files.exists(LlvmExpectations.of(m)))
        .map(m -> DynamicTest.dynamicTest(m.toString(), () -> check(m)));
  }

  private static void check(Path module) throws Exception {
    LlvmExpectations expected = LlvmExpectations.read(LlvmExpectations.of(module));
    Symbolizer symbolizer = Symbolizer.of(Files.readAllBytes(module));
    List<String> differences = new ArrayList<>();
    long compared = 0;
    long withSource = 0;
    long inlined = 0;
    for (LlvmExpectations.Body body : expected.bodies) {
      OptionalLong start = symbolizer.bodyStart(body.funcIndex());
      if (start.isEmpty() || start.getAsLong() != body.bodyStart()) {
        differences.add("func " + body.funcIndex() + ": body starts at " + start
            + ", wasm-objdump says 0x" + Long.toHexString(body.bodyStart()));
        continue;
      }
      for (LlvmExpectations.Address a : body.addresses()) {
        compared++;
        long address = body.bodyStart() + a.codeOffset() - expected.codeSectionStart;
        OptionalLong dwarfAddress = symbolizer.dwarfAddress(a.funcIndex(), a.codeOffset());
        if (dwarfAddress.isEmpty() || dwarfAddress.getAsLong() != address) {
          differences.add(where(a) + ": DWARF address " + dwarfAddress + ", expected 0x"
              + Long.toHexString(address));
          continue;
        }
        List<SourceLocation> actual = symbolizer.locate(a.funcIndex(), a.codeOffset());
        if (!a.chain().isEmpty()) {
          withSource++;
          inlined += a.chain().size() - 1;
        }
        String difference = compare(a.chain(), actual);
        if (difference != null) {
          differences.add(where(a) + " (DWARF address 0x" + Long.toHexString(address) + "): "
              + difference);
        }
      }
    }
    synchronized (SymbolizerAgreementTest.class) {
      comparedTotal += compared;
      withSourceTotal += withSource;
      inlinedTotal += inlined;
      modulesTotal++;
    }
    System.out.printf("[agreement] %s: %,d addresses compared with llvm-symbolizer (%,d with a"
        + " source location, %,d inlined frames), %d differences%n",
        module.getFileName(), compared, withSource, inlined, differences.size());
    if (!differences.isEmpty()) {
      fail(differences.size() + " of " + compared + " addresses differ from llvm-symbolizer in "
          + module + ", the first ones:\n  " + String.join("\n  ",
              differences.subList(0, Math.min(20, differences.size()))));
    }
    assertTrue(compared > 0, "no addresses in " + module);
  }

  @AfterAll
  static void total() {
    System.out.printf("[agreement] total: %,d addresses in %d programs compared with"
        + " llvm-symbolizer (%,d with a source location, %,d inlined frames)%n",
        comparedTotal, modulesTotal, withSourceTotal, inlinedTotal);
  }

  private static String where(LlvmExpectations.Address a) {
    return "func " + a.funcIndex() + " offset 0x" + Integer.toHexString(a.codeOffset());
  }

  /** Null if equal in everything llvm-symbolizer reports, else what differs. */
  static String compare(List<SourceLocation> expected, List<SourceLocation> actual) {
    if (expected.size() != actual.size()) {
      return "chain of " + actual.size() + " frames, llvm-symbolizer has " + expected.size()
          + ": " + describe(actual) + " vs " + describe(expected);
    }
    for (int i = 0; i < expected.size(); i++) {
      SourceLocation e = expected.get(i);
      SourceLocation a = actual.get(i);
      boolean same = e.function().equals(a.function())
          && e.linkageName().equals(a.linkageName())
          && e.file().equals(a.file())
          && e.line() == a.line()
          && e.column() == a.column()
          && e.discriminator() == a.discriminator()
          && e.declFile().equals(a.declFile())
          && e.declLine() == a.declLine()
          && e.lowPc().equals(a.lowPc())
          && a.inlined() == (i + 1 < expected.size());
      if (!same) {
        return "frame " + i + ": " + describe(a) + ", llvm-symbolizer: " + describe(e);
      }
    }
    return null;
  }

  private static String describe(List<SourceLocation> chain) {
    List<String> s = new ArrayList<>();
    for (SourceLocation l : chain) {
      s.add(describe(l));
    }
    return s.toString();
  }

  static String describe(SourceLocation l) {
    return l.function() + "|" + l.linkageName() + "|" + l.file() + ":" + l.line() + ":"
        + l.column() + "|d" + l.discriminator() + "|decl " + l.declFile() + ":" + l.declLine()
        + "|low " + (l.lowPc().isPresent() ? "0x" + Long.toHexString(l.lowPc().getAsLong()) : "-");
  }

  @Test
  void comparesSomething() throws IOException {
    assertEquals(modules().size(), modules().stream()
        .filter(m -> Files.exists(LlvmExpectations.of(m))).count());
  }
}
