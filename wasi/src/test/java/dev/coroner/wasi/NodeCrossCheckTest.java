package dev.coroner.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coroner.fixtures.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second engine vouches for every program fixture: Node (V8 with {@code node:wasi}) runs each
 * run spec through the committed {@code programs/node-run.mjs}, and Coroner must agree with it on
 * the outcome (trap or exit), the exit code, the trap kind (V8's message mapped to the spec's),
 * stdout and stderr. Without {@code node} the test is skipped with the reason, except under {@code
 * CI=true}, where it fails.
 */
class NodeCrossCheckTest {
  private static final long NODE_TIMEOUT_SECONDS = 120;

  @TempDir Path tmp;

  private static String node;

  @BeforeAll
  static void findNode() {
    String found = null;
    String why;
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .trim();
      why = p.waitFor() == 0 ? null : "'node --version' failed: " + version;
      if (why == null && !version.matches("v([2-9][0-9]|[1-9][0-9]{2,})\\..*")) {
        why = "node " + version + " is older than 20 (node:wasi needs a flag before 20)";
      }
      if (why == null) {
        found = "node";
        System.out.println("Node cross-check with node " + version);
      }
    } catch (IOException | InterruptedException e) {
      why = "no 'node' on PATH (" + e.getMessage() + ")";
    }
    if (found == null && "true".equals(System.getenv("CI"))) {
      fail("the Node cross-check must run in CI, but " + why + "; .ci/run installs Node");
    }
    assumeTrue(found != null, "Node cross-check skipped: " + why);
    node = found;
  }

  @Test
  void nodeAndCoronerAgreeOnEveryProgram() throws Exception {
    List<ProgramSpec> specs = ProgramSpec.loadAll(TestSupport.programs());
    List<String> disagreements = new ArrayList<>();
    int traps = 0;
    int exits = 0;
    for (ProgramSpec spec : specs) {
      NodeRun v8 = runNode(spec);
      ProgramResult coroner = ProgramRunner.run(spec);
      List<String> diff = compare(v8, coroner);
      if (diff.isEmpty()) {
        if (v8.trap != null) {
          traps++;
        } else {
          exits++;
        }
      } else {
        disagreements.add(spec.id() + ":\n    " + String.join("\n    ", diff));
      }
    }
    System.out.println("Node cross-check: " + specs.size() + " programs, "
        + (traps + exits) + " agree (" + traps + " traps, " + exits + " exits), "
        + disagreements.size() + " disagree");
    assertEquals(List.of(), disagreements, "Node and Coroner disagree");
    assertTrue(specs.size() >= 10, "found only " + specs.size() + " program fixtures");
  }

  /** What Node did with one program. */
  private record NodeRun(String outcome, Long exitCode, String trap, String v8Message,
      String error, byte[] stdout, byte[] stderr) {}

  private NodeRun runNode(ProgramSpec spec) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "node");
    Path stdin = dir.resolve("stdin");
    Files.writeString(stdin, spec.stdin(), StandardCharsets.UTF_8);
    Path result = dir.resolve("result.json");
    Process p = new ProcessBuilder(node, "--no-warnings",
            TestSupport.programs().resolve("node-run.mjs").toString(),
            spec.file().toString(), result.toString())
        .redirectInput(stdin.toFile())
        .redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile())
        .start();
    if (!p.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(spec.id() + ": node did not finish within " + NODE_TIMEOUT_SECONDS + " s");
    }
    byte[] stderr = Files.readAllBytes(dir.resolve("stderr"));
    if (p.exitValue() != 0 || !Files.exists(result)) {
      fail(spec.id() + ": node-run.mjs failed (exit " + p.exitValue() + "): "
          + new String(stderr, StandardCharsets.UTF_8));
    }
    Json.Obj r = (Json.Obj) Json.parse(Files.readString(result));
    Map<String, Json.Value> m = r.members();
    String outcome = ((Json.Str) m.get("outcome")).value();
    return new NodeRun(outcome,
        m.containsKey("exitCode") ? Long.valueOf(((Json.Num) m.get("exitCode")).text()) : null,
        m.containsKey("trap") ? ((Json.Str) m.get("trap")).value() : null,
        m.containsKey("v8") ? ((Json.Str) m.get("v8")).value() : null,
        m.containsKey("message") ? ((Json.Str) m.get("message")).value() : null,
        Files.readAllBytes(dir.resolve("stdout")), stderr);
  }

  private static List<String> compare(NodeRun v8, ProgramResult coroner) {
    List<String> diff = new ArrayList<>();
    switch (v8.outcome) {
      case "exit":
        if (coroner.exitCode().isEmpty() || coroner.exitCode().getAsLong() != v8.exitCode) {
          diff.add("Node: exit code " + v8.exitCode + "; Coroner: " + coroner.describe());
        }
        break;
      case "trap":
        if (coroner.trap().isEmpty() || !coroner.trap().get().specMessage().equals(v8.trap)) {
          diff.add("Node: trap \"" + v8.trap + "\" (V8: \"" + v8.v8Message + "\"); Coroner: "
              + coroner.describe());
        }
        break;
      default:
        diff.add("Node failed: " + v8.error + "; Coroner: " + coroner.describe());
    }
    if (!java.util.Arrays.equals(v8.stdout, coroner.stdout())) {
      diff.add("stdout: Node " + ProgramResult.quote(text(v8.stdout)) + ", Coroner "
          + ProgramResult.quote(coroner.stdoutText()));
    }
    if (!java.util.Arrays.equals(v8.stderr, coroner.stderr())) {
      diff.add("stderr: Node " + ProgramResult.quote(text(v8.stderr)) + ", Coroner "
          + ProgramResult.quote(coroner.stderrText()));
    }
    return diff;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
