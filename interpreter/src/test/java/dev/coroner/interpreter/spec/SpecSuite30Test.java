package dev.coroner.interpreter.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.FixtureSyntaxException;
import dev.coroner.fixtures.Script;
import dev.coroner.fixtures.Wast;
import dev.coroner.interpreter.Features;
import dev.coroner.interpreter.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the WebAssembly 3.0 spec test suite ({@code ../shared/testsuite/wasm-3.0}, or {@code
 * -Dcoroner.testsuite30=...}) with every 3.0 feature the interpreter implements ({@link
 * Features#WASM_3_0}): one dynamic test per command. Writes {@code target/spec-report-3.0.json}, one
 * entry per file:
 *
 * <ul>
 *   <li>{@code notImplemented}: the file tests a feature out of scope ({@link Scope}); not run;
 *   <li>{@code wabtCannotRead}: wabt 1.0.35 (Chicory's wast2json) rejects the script; wabt's
 *       message is quoted;
 *   <li>otherwise the command counts, as in the 2.0 report.
 * </ul>
 *
 * <p>Fails if an in-scope file that wabt reads has a failed or skipped command.
 */
class SpecSuite30Test {
  private static final Map<String, Entry> REPORT =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private static final Map<Path, Future<Script>> CONVERTED = new ConcurrentHashMap<>();

  /** One file's line in the report. */
  private static final class Entry {
    final int[] counts = new int[4];
    String notImplemented;
    String wabtMessage;
  }

  static Path suiteDir() {
    String configured = System.getProperty("coroner.testsuite30");
    if (configured != null) {
      return Paths.get(configured);
    }
    return SpecSuiteTest.suiteDir().resolveSibling("wasm-3.0").normalize();
  }

  @TestFactory
  Stream<DynamicNode> specSuite30() throws IOException {
    Path dir = suiteDir();
    if (!Files.isDirectory(dir)) {
      String why = "WebAssembly 3.0 spec test suite not found at " + dir
          + " (set -Dcoroner.testsuite30=<folder>)";
      System.out.println("[spec 3.0] SKIPPED: " + why);
      assumeTrue(false, why);
    }
    List<Path> files = SpecSuiteTest.wastFiles(dir);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    for (Path f : files) {
      String rel = SpecSuiteTest.relative(dir, f);
      if (Scope.notImplemented(rel) == null) {
        CONVERTED.computeIfAbsent(f, k -> pool.submit(() -> Wast.convert(k)));
      }
    }
    pool.shutdown();
    List<DynamicNode> nodes = new ArrayList<>();
    for (Path f : files) {
      nodes.add(fileNode(f, SpecSuiteTest.relative(dir, f)));
    }
    nodes.add(DynamicTest.dynamicTest("spec-report-3.0", SpecSuite30Test::writeReport));
    return nodes.stream();
  }

  private static DynamicNode fileNode(Path file, String rel) {
    String display = file.getFileName().toString();
    Entry entry = new Entry();
    REPORT.put(rel, entry);
    String feature = Scope.notImplemented(rel);
    if (feature != null) {
      entry.notImplemented = feature;
      return DynamicTest.dynamicTest(display,
          () -> assumeTrue(false, "not implemented: " + feature));
    }
    List<Command> commands;
    try {
      commands = CONVERTED.get(file).get().commands();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FixtureSyntaxException) {
        entry.wabtMessage = firstLine(e.getCause().getMessage())
            .replace(file.toString(), rel);
        return DynamicTest.dynamicTest(display,
            () -> assumeTrue(false, "wabt 1.0.35 cannot read it: " + entry.wabtMessage));
      }
      entry.counts[1]++;
      return DynamicTest.dynamicTest(display + ":0", () -> fail("wast2json failed: " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    SpecRunner[] runner = new SpecRunner[1];
    List<DynamicTest> tests = new ArrayList<>();
    int[] counts = entry.counts;
    for (Command c : commands) {
      tests.add(DynamicTest.dynamicTest(display + ":" + c.line(), () -> {
        if (runner[0] == null) {
          runner[0] = new SpecRunner(StoreConfig.defaults().withCapture(rel), Features.WASM_3_0,
              Files.readAllLines(file));
        }
        SpecRunner.Outcome o = runner[0].run(c);
        counts[o.status().ordinal()]++;
        switch (o.status()) {
          case FAILED:
            fail(SpecRunner.kind(c) + ": " + o.message());
            break;
          case NOT_APPLICABLE:
            assumeTrue(false, "not applicable: " + o.message());
            break;
          default:
            break;
        }
      }));
    }
    return DynamicContainer.dynamicContainer("3.0/" + rel, tests);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch < 0x20) {
        b.append(String.format("\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.append('"').toString();
  }

  private static void writeReport() throws IOException {
    StringBuilder json = new StringBuilder("{\n");
    int[] total = new int[4];
    int run = 0;
    int notImplemented = 0;
    int unreadable = 0;
    List<String> failing = new ArrayList<>();
    boolean first = true;
    synchronized (REPORT) {
      for (Map.Entry<String, Entry> e : REPORT.entrySet()) {
        Entry x = e.getValue();
        json.append(first ? "" : ",\n").append("  ").append(quote(e.getKey())).append(": {");
        first = false;
        if (x.notImplemented != null) {
          notImplemented++;
          json.append("\"notImplemented\": ").append(quote(x.notImplemented)).append('}');
          continue;
        }
        if (x.wabtMessage != null) {
          unreadable++;
          json.append("\"wabtCannotRead\": ").append(quote(x.wabtMessage)).append('}');
          continue;
        }
        run++;
        int[] c = x.counts;
        for (int i = 0; i < 4; i++) {
          total[i] += c[i];
        }
        if (c[1] > 0 || c[2] > 0) {
          failing.add(e.getKey() + "=" + c[1] + "/" + c[2]);
        }
        json.append("\"passed\": ").append(c[0]).append(", \"failed\": ").append(c[1])
            .append(", \"skipped\": ").append(c[2]).append(", \"notApplicable\": ").append(c[3])
            .append('}');
      }
    }
    json.append(",\n  \"total\": {\"files\": ").append(REPORT.size()).append(", \"run\": ")
        .append(run).append(", \"notImplemented\": ").append(notImplemented)
        .append(", \"wabtCannotRead\": ").append(unreadable).append(", \"passed\": ")
        .append(total[0]).append(", \"failed\": ").append(total[1]).append(", \"skipped\": ")
        .append(total[2]).append(", \"notApplicable\": ").append(total[3]).append("}\n}\n");
    Path out = Paths.get("target", "spec-report-3.0.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, json);
    System.out.printf(
        "spec suite 3.0: %d files (run %d, notImplemented %d, wabt cannot read %d): passed %d,"
            + " failed %d, skipped %d, notApplicable %d -> %s%n",
        REPORT.size(), run, notImplemented, unreadable, total[0], total[1], total[2], total[3],
        out.toAbsolutePath());
    if (!failing.isEmpty()) {
      System.out.println("3.0 files with failed/skipped commands: " + failing);
    }
    assertEquals(List.of(), failing, "in-scope 3.0 files with failed/skipped commands");
  }
}
