package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coroner.coredump.Dialect;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of the foreign corpus (other producers' coredump bytes, {@code
 * ../shared/corpus/foreign} beside the repository; its README describes them) is a test case with
 * its expected verdict. Skipped, with the reason, when the corpus is not there; the corpus is
 * never copied into the repository.
 *
 * <p>The expected verdicts come from reading each file against the format and its producer's
 * source (the corpus README), not from Coroner's output: offsets are worked out byte by byte in
 * the comments.
 */
class ForeignCorpusTest {

  static final Path CORPUS = Cli.repo().resolve("../shared/corpus/foreign").normalize();

  private static final String NO_INSTANCE =
      "invalid: corestack uses frames without an instance index (wasm-tools before May 2023, the"
          + " wasmi draft); not a specification coredump; 'coroner convert' rewrites it";
  private static final String FIXED_U32 =
      "invalid: corestack uses the fixed-u32 layout of Wasmtime 7-9 and wasm-coredump-builder"
          + " 0.1.11 (4-byte little-endian counts and fields, no instance index); not a"
          + " specification coredump; 'coroner convert' rewrites it";
  private static final String BAD_MAGIC =
      "invalid: not a Wasm binary: bad magic number (expected 00 61 73 6d)";
  private static final String NO_MODULES =
      "invalid: coreinstances section without a coremodules section: its module indices point at"
          + " nothing (at offset 0x8)";
  private static final String NOT_CANONICAL = "valid but not canonical: MISSING_SECTION: no memory";
  private static final String NOT_CANONICAL_NO_CORE =
      "valid but not canonical: MISSING_CORE: no core section";

  /** File name (after the common prefix is put back) to the start of its validate verdict. */
  static final Map<String, String> VERDICTS =
      Map.ofEntries(
          // Spec decoding reads instance 0x2a, func 0x33, offset 0x01, then a locals count of
          // 0x7f at 0x1f (header 8, section id and size 2, "corestack" 10, "main" 6, count 1,
          // lead byte 1); read without an instance index the frame fits exactly.
          Map.entry(
              "wasm-tools@207472c00__wasm-encoder__dump.rs__test_encode_corestack_section"
                  + ".LEGACY-no-instanceidx.module.wasm",
              NO_INSTANCE + " (at offset 0x1f)"),
          Map.entry(
              "wasm-tools@207472c00__wasm-encoder__dump.rs__test_encode_corestack_section"
                  + ".LEGACY-no-instanceidx.encoded.bin",
              BAD_MAGIC + "; the bytes look like a bare \"corestack\" custom section"),
          Map.entry(
              "wasm-tools@cf1d02d27__wasmparser__coredumps.rs__CoreDumpStackSection_doctest"
                  + ".LEGACY-no-instanceidx.module.wasm",
              NO_INSTANCE + " (at offset 0x1f)"),
          Map.entry(
              "wasm-tools@cf1d02d27__wasmparser__coredumps.rs__CoreDumpStackSection_doctest"
                  + ".LEGACY-no-instanceidx.payload.bin",
              BAD_MAGIC + " (at offset 0x0)"),
          // coreinstances at 0x38 (core 8..0x1e, coremodules 0x1e..0x38): payload at 0x48 is
          // count, lead, module 0, 1 memory: index 1 at 0x4c, but the dump has no memory section.
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__doc_example_full.COMPUTED.wasm",
              "invalid: memory index 1 out of range (0 memories) (at offset 0x4c)"),
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__test_encode_coredump_section.encoded.bin",
              BAD_MAGIC + "; the bytes look like a bare \"core\" custom section"),
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__test_encode_coredump_section.module.wasm",
              NOT_CANONICAL),
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__test_encode_coreinstances_section.encoded.bin",
              BAD_MAGIC + "; the bytes look like a bare \"coreinstances\" custom section"),
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__test_encode_coreinstances_section.module.wasm",
              NO_MODULES),
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__test_encode_coremodules_section.encoded.bin",
              BAD_MAGIC + "; the bytes look like a bare \"coremodules\" custom section"),
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__test_encode_coremodules_section.module.wasm",
              NOT_CANONICAL_NO_CORE),
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__test_encode_corestack_section.encoded.bin",
              BAD_MAGIC + "; the bytes look like a bare \"corestack\" custom section"),
          // Instance 0 of no coreinstances section: not checked, valid.
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__test_encode_corestack_section.module.wasm",
              NOT_CANONICAL_NO_CORE),
          Map.entry("wasm-tools__wasm-encoder__dump.rs__test_roundtrip_core.COMPUTED.wasm", NOT_CANONICAL),
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__test_roundtrip_coreinstances.COMPUTED.wasm", NO_MODULES),
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__test_roundtrip_coremodules.COMPUTED.wasm",
              NOT_CANONICAL_NO_CORE),
          Map.entry(
              "wasm-tools__wasm-encoder__dump.rs__test_roundtrip_corestack.COMPUTED.wasm",
              NOT_CANONICAL_NO_CORE),
          Map.entry(
              "wasm-tools__wasmparser__coredumps.rs__CoreDumpModulesSection_doctest.coremodules"
                  + ".module.wasm",
              NOT_CANONICAL_NO_CORE),
          Map.entry(
              "wasm-tools__wasmparser__coredumps.rs__CoreDumpModulesSection_doctest.coremodules"
                  + ".payload.bin",
              BAD_MAGIC + " (at offset 0x0)"),
          Map.entry(
              "wasm-tools__wasmparser__coredumps.rs__CoreDumpSection_doctest.core.module.wasm",
              NOT_CANONICAL),
          Map.entry(
              "wasm-tools__wasmparser__coredumps.rs__CoreDumpSection_doctest.core.payload.bin",
              BAD_MAGIC + " (at offset 0x0)"),
          // Instance 4 of no coreinstances section: not checked, valid.
          Map.entry(
              "wasm-tools__wasmparser__coredumps.rs__CoreDumpStackSection_doctest.corestack"
                  + ".module.wasm",
              NOT_CANONICAL_NO_CORE),
          Map.entry(
              "wasm-tools__wasmparser__coredumps.rs__CoreDumpStackSection_doctest.corestack"
                  + ".payload.bin",
              BAD_MAGIC + " (at offset 0x0)"),
          // core 8..0x22, corestack payload at 0x2e: "main", then the 4-byte frame count 01 00 00
          // 00 reads as count 1 and a frame 00 00 00 | 00 00 00 (empty locals and stack), leaving
          // 13 bytes from 0x3b; read as fixed-u32 it is one frame: func 6, offset 123.
          Map.entry(
              "xtuc__wasm-coredump@26b4a11__coredump-builder-0.1.11__doc_example.LEGACY-fixed-u32"
                  + ".COMPUTED.wasm",
              FIXED_U32 + " (at offset 0x3b)"),
          // wasm-coredump-builder 0.2.2: core, corestack (instances 321 and 123, no
          // coreinstances), memory, data: a valid specification dump in another order.
          Map.entry(
              "xtuc__wasm-coredump__lib__coredump-builder__src__test.rs__test_basic.COMPUTED.wasm",
              "valid but not canonical: MISSING_SECTION: no global section"),
          Map.entry(
              "xtuc__wasm-coredump__lib__parser__src__test.rs__test_basic.COMPUTED.wasm",
              "valid but not canonical: MISSING_SECTION: no global section"));

  /** The files in another producer's frame layout, and that layout. */
  static final Map<String, Dialect> LAYOUTS =
      Map.of(
          "wasm-tools@207472c00__wasm-encoder__dump.rs__test_encode_corestack_section"
              + ".LEGACY-no-instanceidx.module.wasm",
          Dialect.NO_INSTANCE_INDEX,
          "wasm-tools@cf1d02d27__wasmparser__coredumps.rs__CoreDumpStackSection_doctest"
              + ".LEGACY-no-instanceidx.module.wasm",
          Dialect.NO_INSTANCE_INDEX,
          "xtuc__wasm-coredump@26b4a11__coredump-builder-0.1.11__doc_example.LEGACY-fixed-u32"
              + ".COMPUTED.wasm",
          Dialect.FIXED_U32);

  @TempDir Path tmp;

  @BeforeAll
  static void corpusIsThere() {
    if (!Files.isDirectory(CORPUS)) {
      String why =
          "foreign corpus not found at " + CORPUS + " (it sits beside the repository as"
              + " ../shared/corpus/foreign; see README.md)";
      System.out.println("[foreign corpus] SKIPPED: " + why);
      assumeTrue(false, why);
    }
  }

  private static List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(CORPUS)) {
      return list.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("README.md"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void everyCorpusFileHasAnExpectedVerdictAndEveryVerdictAFile() throws Exception {
    TreeSet<String> missing = new TreeSet<>(files());
    missing.removeAll(VERDICTS.keySet());
    assertEquals(new TreeSet<>(), missing, "corpus files without an expected verdict here");
    TreeSet<String> gone = new TreeSet<>(VERDICTS.keySet());
    gone.removeAll(files());
    assertEquals(new TreeSet<>(), gone, "expected verdicts without their corpus file");
  }

  @TestFactory
  Stream<DynamicTest> validateGivesEachFileItsVerdict() throws Exception {
    return DynamicTest.stream(
        files().stream().filter(VERDICTS::containsKey),
        name -> name,
        name -> {
          Path file = CORPUS.resolve(name);
          String expected = VERDICTS.get(name);
          Cli.Result r = Cli.run("validate", file);
          assertEquals(expected.startsWith("invalid") ? 1 : 0, r.exit(), r::toString);
          assertTrue(r.out().startsWith(file + ": " + expected), r::toString);
          assertEquals("", r.err());
        });
  }

  @TestFactory
  Stream<DynamicTest> inspectAndDiffNameTheLayoutToo() {
    return DynamicTest.stream(
        LAYOUTS.keySet().stream().sorted(),
        name -> name,
        name -> {
          Path file = CORPUS.resolve(name);
          String line =
              file + ": not a valid coredump: corestack uses "
                  + LAYOUTS.get(name).description() + "; not a specification coredump";
          Cli.Result inspect = Cli.run("inspect", file);
          assertEquals(1, inspect.exit(), inspect::toString);
          assertTrue(inspect.err().startsWith(line), inspect::toString);
          assertEquals(1, inspect.err().lines().count(), inspect::toString);
          Cli.Result diff = Cli.run("diff", file, file);
          assertEquals(1, diff.exit(), diff::toString);
          assertTrue(diff.err().startsWith(line), diff::toString);
        });
  }

  @TestFactory
  Stream<DynamicTest> layoutFilesConvertToCanonicalSpecificationDumps() {
    return DynamicTest.stream(
        LAYOUTS.keySet().stream().sorted(),
        name -> name,
        name -> {
          Path out = tmp.resolve(name + ".core");
          Cli.Result r = convertToCanonical(name, out);
          assertTrue(
              r.out().contains("read " + CORPUS.resolve(name) + ": "
                  + LAYOUTS.get(name).description() + "\n"),
              r::toString);
          assertTrue(
              r.out().contains("  note: instance index unknown: written as 0"), r::toString);
          // To wasmgdb and back to the specification: only operand stacks are lost.
          Path gdb = tmp.resolve(name + ".gdb");
          assertEquals(0, Cli.run("convert", out, gdb, "--to", "wasmgdb").exit());
          Path again = tmp.resolve(name + ".again.core");
          assertEquals(0, Cli.run("convert", gdb, again).exit());
          Cli.Result diff = Cli.run("diff", out, again);
          assertTrue(
              diff.exit() == 0
                  || diff.out().lines().skip(1).allMatch(l -> l.contains("stack count")),
              diff::toString);
        });
  }

  @TestFactory
  Stream<DynamicTest> validSpecificationFilesConvertToCanonicalOnes() throws Exception {
    return DynamicTest.stream(
        files().stream().filter(n -> VERDICTS.get(n).startsWith("valid")),
        name -> name,
        name -> {
          Cli.Result r = convertToCanonical(name, tmp.resolve(name + ".core"));
          assertTrue(
              r.out().startsWith("read " + CORPUS.resolve(name) + ": the specification layout\n"),
              r::toString);
        });
  }

  /**
   * Converts corpus file {@code name} to {@code out}, checks that it succeeds and that {@code out}
   * validates as canonical, and returns what convert said.
   */
  private static Cli.Result convertToCanonical(String name, Path out) {
    Cli.Result r = Cli.run("convert", CORPUS.resolve(name), out);
    assertEquals(0, r.exit(), r::toString);
    Cli.Result v = Cli.run("validate", out);
    assertEquals(out + ": ok (canonical)\n", v.out(), v::toString);
    return r;
  }

  /** The section a fragment's upstream test encodes, from the test's name. */
  private static String sectionOf(String name) {
    if (name.contains("CoreDumpStackSection") || name.contains("corestack")) {
      return "corestack";
    }
    if (name.contains("CoreDumpModulesSection") || name.contains("coremodules")) {
      return "coremodules";
    }
    if (name.contains("coreinstances")) {
      return "coreinstances";
    }
    return "core";
  }

  /**
   * The {@code .encoded.bin} and {@code .payload.bin} fragments are the sections of their {@code
   * .module.wasm} siblings: wrapped in the header (and the section id, size and name), they are
   * those files byte for byte, so the siblings' verdicts are theirs.
   */
  @TestFactory
  Stream<DynamicTest> fragmentsAreTheirModulesSections() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : files()) {
      boolean encoded = name.endsWith(".encoded.bin");
      boolean payload = name.endsWith(".payload.bin");
      if (!encoded && !payload) {
        continue;
      }
      String sibling = name.replaceAll("\\.(encoded|payload)\\.bin$", ".module.wasm");
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                byte[] bytes = Files.readAllBytes(CORPUS.resolve(name));
                ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
                wrapped.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 0});
                if (encoded) {
                  wrapped.writeBytes(bytes);
                } else {
                  byte[] section = sectionOf(name).getBytes(StandardCharsets.US_ASCII);
                  int size = 1 + section.length + bytes.length;
                  assertTrue(size < 128, "one-byte size");
                  wrapped.write(size);
                  wrapped.write(section.length);
                  wrapped.writeBytes(section);
                  wrapped.writeBytes(bytes);
                }
                assertTrue(Files.isRegularFile(CORPUS.resolve(sibling)), sibling);
                assertArrayEquals(Files.readAllBytes(CORPUS.resolve(sibling)), wrapped.toByteArray());
              }));
    }
    assertEquals(9, tests.size(), "fragments in the corpus");
    return tests.stream();
  }
}
