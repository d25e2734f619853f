package dev.coroner.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramSpecTest {
  @TempDir Path root;

  @BeforeEach
  void program() throws Exception {
    Files.createDirectories(root.resolve("p/data"));
    Files.write(root.resolve("p/p.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
  }

  private ProgramSpec load(String json) throws Exception {
    Files.writeString(root.resolve("p/p.run.json"), json);
    return ProgramSpec.load(root, "p/p.run.json");
  }

  private String error(String json) {
    return assertThrows(ProgramSpecException.class, () -> load(json)).getMessage();
  }

  @Test
  void aFullSpecLoads() throws Exception {
    ProgramSpec s = load("{\"description\": \"d\", \"wasm\": \"p.wasm\", \"args\": [\"a\", \"b\"],"
        + " \"env\": {\"X\": \"1\", \"Y\": \"\"}, \"stdin\": \"in\", \"dirs\": {\"/d\": \"data\"},"
        + " \"expect\": {\"trap\": \"unreachable\", \"stdout\": \"o\\n\", \"stderr\": \"\"}}");
    assertEquals("p/p.run.json", s.id());
    assertEquals(List.of("p.wasm", "a", "b"), s.argv());
    assertEquals(Map.of("X", "1", "Y", ""), s.env());
    assertEquals("in", s.stdin());
    assertEquals(Map.of("/d", root.resolve("p/data").toAbsolutePath().normalize()), s.dirs());
    assertEquals(new ProgramSpec.Expectation(Optional.of("unreachable"), OptionalLong.empty(),
        Optional.of("o\n"), Optional.empty(), Optional.of("")), s.expect());
    assertEquals(List.of("p/p.run.json"), ProgramSpec.discover(root));
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertEquals("p/p.run.json:2:1: error: expected a member name string, got '}'",
        error("{\"wasm\": \"p.wasm\",\n}"));
  }

  @Test
  void anUnknownMemberIsAnError() {
    assertEquals("p/p.run.json:1:32: error: unknown member \"expected\" in a run spec; allowed:"
        + " args, description, dirs, env, expect, stdin, wasm",
        error("{\"wasm\": \"p.wasm\", \"expected\": {}}"));
  }

  @Test
  void expectIsRequired() {
    assertEquals("p/p.run.json:1:1: error: missing member \"expect\": what must happen (trap or"
        + " exit, and stdout)", error("{\"wasm\": \"p.wasm\"}"));
  }

  @Test
  void trapAndExitExcludeEachOther() {
    assertEquals("p/p.run.json:1:30: error: \"expect\" needs exactly one of \"trap\" (a trap"
        + " message) and \"exit\" (an exit code)",
        error("{\"wasm\": \"p.wasm\", \"expect\": {\"trap\": \"unreachable\", \"exit\": 1,"
            + " \"stdout\": \"\"}}"));
  }

  @Test
  void anUnknownTrapMessageListsTheKnownOnes() {
    String e = error("{\"wasm\": \"p.wasm\", \"expect\": {\"trap\": \"segfault\", \"stdout\": \"\"}}");
    assertEquals("p/p.run.json:1:39: error: unknown trap message \"segfault\"; one of: call stack"
        + " exhausted, indirect call type mismatch, integer divide by zero, integer overflow,"
        + " invalid conversion to integer, out of bounds memory access, out of bounds table"
        + " access, undefined element, uninitialized element, unreachable", e);
  }

  @Test
  void exitCodesAreU32Integers() {
    for (String bad : List.of("-1", "4294967296", "1.0", "\"3\"")) {
      assertEquals("p/p.run.json:1:39: error: \"exit\" must be an integer from 0 to 4294967295",
          error("{\"wasm\": \"p.wasm\", \"expect\": {\"exit\": " + bad + ", \"stdout\": \"\"}}"),
          bad);
    }
  }

  @Test
  void stdoutOrItsHashIsRequired() {
    assertEquals("p/p.run.json:1:30: error: \"expect\" needs exactly one of \"stdout\" (the exact"
        + " text) and \"stdoutSha256\" (its SHA-256, for long output)",
        error("{\"wasm\": \"p.wasm\", \"expect\": {\"exit\": 0}}"));
    assertEquals("p/p.run.json:1:58: error: \"stdoutSha256\" must be 64 lowercase hex digits",
        error("{\"wasm\": \"p.wasm\", \"expect\": {\"exit\": 0, \"stdoutSha256\": \"ABC\"}}"));
  }

  @Test
  void theModuleMustBeAFileInTheSpecsFolder() {
    assertEquals("p/p.run.json:1:10: error: no such file: p/q.wasm (build it with"
        + " programs/build.sh)", error("{\"wasm\": \"q.wasm\", \"expect\": {\"exit\": 0,"
        + " \"stdout\": \"\"}}"));
    assertEquals("p/p.run.json:1:10: error: \"wasm\" must name a .wasm file in the spec's folder,"
        + " got \"../p/p.wasm\"", error("{\"wasm\": \"../p/p.wasm\", \"expect\": {\"exit\": 0,"
        + " \"stdout\": \"\"}}"));
  }

  @Test
  void preopenedFoldersMustExistInsideTheProgramsFolder() {
    String spec = "{\"wasm\": \"p.wasm\", \"dirs\": {\"/d\": \"%s\"}, \"expect\": {\"exit\": 0,"
        + " \"stdout\": \"\"}}";
    assertEquals("p/p.run.json:1:35: error: the host folder of \"/d\" must be a folder inside the"
        + " program's folder, given relative to it, got \"../p\"", error(String.format(spec, "../p")));
    assertEquals("p/p.run.json:1:35: error: the host folder of \"/d\" must be a folder inside the"
        + " program's folder, given relative to it, got \"/tmp\"", error(String.format(spec, "/tmp")));
    assertEquals("p/p.run.json:1:35: error: no such folder: p/nope",
        error(String.format(spec, "nope")));
  }

  @Test
  void typesAreChecked() {
    assertEquals("p/p.run.json:1:29: error: an argument must be a string, not a number",
        error("{\"wasm\": \"p.wasm\", \"args\": [1], \"expect\": {\"exit\": 0, \"stdout\": \"\"}}"));
    assertEquals("p/p.run.json:1:27: error: env must be an object, not an array",
        error("{\"wasm\": \"p.wasm\", \"env\": [], \"expect\": {\"exit\": 0, \"stdout\": \"\"}}"));
    assertEquals("p/p.run.json:1:1: error: the run spec must be an object, not an array",
        error("[]"));
  }
}
