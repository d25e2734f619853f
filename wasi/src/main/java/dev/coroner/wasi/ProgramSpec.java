package dev.coroner.wasi;

import dev.coroner.fixtures.json.Json;
import dev.coroner.interpreter.TrapException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run spec of a program fixture: a file {@code NAME.run.json} in the program's folder under
 * {@code programs/}, saying how to run the program and what must happen. The format is described
 * in {@code programs/README.md}; in short:
 *
 * <pre>
 * {
 *   "description": "what the program does and how it crashes",
 *   "wasm": "qsort-callback.wasm",
 *   "args": ["3", "1", "2"],
 *   "env": {"SORT": "desc"},
 *   "stdin": "text given on standard input",
 *   "dirs": {"/data": "data"},
 *   "expect": {
 *     "trap": "out of bounds memory access",
 *     "stdout": "sorting 3 keys\n",
 *     "stderr": ""
 *   }
 * }
 * </pre>
 *
 * <p>{@code wasm} (a file in the spec's folder) and {@code expect} are required; {@code expect}
 * has exactly one of {@code trap} (the spec's trap message) and {@code exit} (an exit code), and
 * exactly one of {@code stdout} (the exact text) and {@code stdoutSha256} (for long output);
 * {@code stderr} is checked when present. The program's {@code argv[0]} is the wasm file's name,
 * its environment holds only {@code env}, and {@code dirs} maps guest paths to folders inside the
 * program's folder. Unknown members are errors, so a misspelt one never goes unnoticed.
 */
public final class ProgramSpec {
  /** How run spec files end. */
  public static final String SUFFIX = ".run.json";

  /** The trap messages {@code expect.trap} accepts: the spec's, as the interpreter reports them. */
  public static final Set<String> TRAP_KINDS = Set.of(
      TrapException.UNREACHABLE,
      TrapException.DIVIDE_BY_ZERO,
      TrapException.INTEGER_OVERFLOW,
      TrapException.INVALID_CONVERSION,
      TrapException.MEMORY_OUT_OF_BOUNDS,
      TrapException.TABLE_OUT_OF_BOUNDS,
      TrapException.INDIRECT_CALL_TYPE_MISMATCH,
      TrapException.UNINITIALIZED_ELEMENT,
      TrapException.UNDEFINED_ELEMENT,
      TrapException.CALL_STACK_EXHAUSTED);

  private static final Set<String> MEMBERS =
      Set.of("description", "wasm", "args", "env", "stdin", "dirs", "expect");
  private static final Set<String> EXPECT_MEMBERS =
      Set.of("trap", "exit", "stdout", "stdoutSha256", "stderr");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z0-9._+-]+");

  /**
   * What must happen.
   *
   * @param trap the expected trap message, or empty when the program must exit
   * @param exitCode the expected exit code, or empty when the program must trap
   * @param stdout the exact expected standard output, or empty when {@code stdoutSha256} is given
   * @param stdoutSha256 the SHA-256 of the expected standard output (lowercase hex), or empty
   * @param stderr the exact expected standard error, or empty when it is not checked
   */
  public record Expectation(
      Optional<String> trap,
      OptionalLong exitCode,
      Optional<String> stdout,
      Optional<String> stdoutSha256,
      Optional<String> stderr) {}

  private final Path root;
  private final String id;
  private final String description;
  private final Path wasm;
  private final List<String> args;
  private final Map<String, String> env;
  private final String stdin;
  private final Map<String, Path> dirs;
  private final Expectation expect;

  private ProgramSpec(Path root, String id, String description, Path wasm, List<String> args,
      Map<String, String> env, String stdin, Map<String, Path> dirs, Expectation expect) {
    this.root = root;
    this.id = id;
    this.description = description;
    this.wasm = wasm;
    this.args = List.copyOf(args);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    this.stdin = stdin;
    this.dirs = Collections.unmodifiableMap(new LinkedHashMap<>(dirs));
    this.expect = expect;
  }

  /** The programs folder the spec was loaded from. */
  public Path root() {
    return root;
  }

  /** The spec's path relative to the programs folder, with {@code /}: its identity. */
  public String id() {
    return id;
  }

  /** The spec file. */
  public Path file() {
    return root.resolve(id);
  }

  /** The program's folder. */
  public Path folder() {
    return file().getParent();
  }

  /** What the program does and how it crashes (may be empty). */
  public String description() {
    return description;
  }

  /** The module to run. */
  public Path wasm() {
    return wasm;
  }

  /** The wasm file's name: the program's {@code argv[0]} and the coredump's process name. */
  public String programName() {
    return wasm.getFileName().toString();
  }

  /** The arguments after {@code argv[0]}. */
  public List<String> args() {
    return args;
  }

  /** {@code argv}: the program name, then {@link #args()}. */
  public List<String> argv() {
    List<String> argv = new ArrayList<>();
    argv.add(programName());
    argv.addAll(args);
    return argv;
  }

  /** The whole environment, in the spec's order. */
  public Map<String, String> env() {
    return env;
  }

  /** Standard input (empty when not given). */
  public String stdin() {
    return stdin;
  }

  /** Preopened folders: guest path to host folder, in the spec's order. */
  public Map<String, Path> dirs() {
    return dirs;
  }

  public Expectation expect() {
    return expect;
  }

  @Override
  public String toString() {
    return id;
  }

  // ---- discovery and loading ----

  /** The ids of every run spec under {@code root}, sorted. */
  public static List<String> discover(Path root) throws IOException {
    List<String> ids = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
          .forEach(p -> ids.add(slashes(root.relativize(p))));
    }
    ids.sort(null);
    return ids;
  }

  /** Every run spec under {@code root}, loaded. */
  public static List<ProgramSpec> loadAll(Path root) throws IOException, ProgramSpecException {
    List<ProgramSpec> specs = new ArrayList<>();
    for (String id : discover(root)) {
      specs.add(load(root, id));
    }
    return specs;
  }

  /**
   * Loads the spec {@code id} (a path relative to {@code root}).
   *
   * @throws ProgramSpecException naming the spec, line and column of the first problem
   * @throws IOException if the spec cannot be read
   */
  public static ProgramSpec load(Path root, String id) throws IOException, ProgramSpecException {
    Path absoluteRoot = root.toAbsolutePath().normalize();
    Path file = absoluteRoot.resolve(id).normalize();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return new Loader(absoluteRoot, slashes(absoluteRoot.relativize(file)), file.getParent())
        .load(text);
  }

  private static String slashes(Path relative) {
    StringBuilder s = new StringBuilder();
    for (Path part : relative) {
      s.append(s.length() == 0 ? "" : "/").append(part);
    }
    return s.toString();
  }

  /** Reads one spec, remembering where it came from for messages. */
  private static final class Loader {
    private final Path root;
    private final String id;
    private final Path folder;

    Loader(Path root, String id, Path folder) {
      this.root = root;
      this.id = id;
      this.folder = folder;
    }

    ProgramSpec load(String text) throws ProgramSpecException {
      Json.Value value;
      try {
        value = Json.parse(text);
      } catch (Json.SyntaxException e) {
        throw new ProgramSpecException(id, e.pos().line(), e.pos().column(), e.getMessage());
      }
      Json.Obj top = object(value, "the run spec");
      members(top, MEMBERS, "a run spec");
      String description = optionalString(top, "description").orElse("");
      Json.Value wasmValue = required(top, "wasm", "the module to run (a .wasm file name)");
      String wasmName = string(wasmValue, "wasm");
      if (!SIMPLE_NAME.matcher(wasmName).matches() || !wasmName.endsWith(".wasm")) {
        throw error(wasmValue, "\"wasm\" must name a .wasm file in the spec's folder, got \""
            + wasmName + "\"");
      }
      Path wasm = folder.resolve(wasmName);
      if (!Files.isRegularFile(wasm)) {
        throw error(wasmValue, "no such file: " + slashes(root.relativize(wasm))
            + " (build it with programs/build.sh)");
      }
      List<String> args = new ArrayList<>();
      Json.Value argsValue = top.members().get("args");
      if (argsValue != null) {
        for (Json.Value a : array(argsValue, "args").elements()) {
          args.add(string(a, "an argument"));
        }
      }
      Map<String, String> env = new LinkedHashMap<>();
      Json.Value envValue = top.members().get("env");
      if (envValue != null) {
        for (Map.Entry<String, Json.Value> e : object(envValue, "env").members().entrySet()) {
          if (e.getKey().isEmpty() || e.getKey().contains("=")) {
            throw error(e.getValue(), "environment variable name \"" + e.getKey()
                + "\" must be non-empty and must not contain '='");
          }
          env.put(e.getKey(), string(e.getValue(), "the value of " + e.getKey()));
        }
      }
      String stdin = optionalString(top, "stdin").orElse("");
      Map<String, Path> dirs = new LinkedHashMap<>();
      Json.Value dirsValue = top.members().get("dirs");
      if (dirsValue != null) {
        for (Map.Entry<String, Json.Value> d : object(dirsValue, "dirs").members().entrySet()) {
          dirs.put(d.getKey(), hostDir(d.getKey(), d.getValue()));
        }
      }
      Json.Value expectValue =
          required(top, "expect", "what must happen (trap or exit, and stdout)");
      Expectation expect = expectation(object(expectValue, "expect"));
      return new ProgramSpec(
          root, id, description, wasm, args, env, stdin, dirs, expect);
    }

    private Path hostDir(String guest, Json.Value value) throws ProgramSpecException {
      if (guest.isEmpty()) {
        throw error(value, "a preopened folder needs a non-empty guest path");
      }
      String host = string(value, "the host folder of " + guest);
      Path path = folder.resolve(host).normalize();
      if (host.isEmpty() || Path.of(host).isAbsolute() || !path.startsWith(folder)
          || path.equals(folder)) {
        throw error(value, "the host folder of \"" + guest + "\" must be a folder inside the"
            + " program's folder, given relative to it, got \"" + host + "\"");
      }
      if (!Files.isDirectory(path)) {
        throw error(value, "no such folder: " + slashes(root.relativize(path)));
      }
      return path;
    }

    private Expectation expectation(Json.Obj expect) throws ProgramSpecException {
      members(expect, EXPECT_MEMBERS, "\"expect\"");
      Json.Value trapValue = expect.members().get("trap");
      Json.Value exitValue = expect.members().get("exit");
      if ((trapValue == null) == (exitValue == null)) {
        throw error(expect, "\"expect\" needs exactly one of \"trap\" (a trap message) and"
            + " \"exit\" (an exit code)");
      }
      Optional<String> trap = Optional.empty();
      if (trapValue != null) {
        String message = string(trapValue, "trap");
        if (!TRAP_KINDS.contains(message)) {
          throw error(trapValue, "unknown trap message \"" + message + "\"; one of: "
              + String.join(", ", TRAP_KINDS.stream().sorted().toList()));
        }
        trap = Optional.of(message);
      }
      OptionalLong exit = OptionalLong.empty();
      if (exitValue != null) {
        exit = OptionalLong.of(exitCode(exitValue));
      }
      Json.Value stdoutValue = expect.members().get("stdout");
      Json.Value shaValue = expect.members().get("stdoutSha256");
      if ((stdoutValue == null) == (shaValue == null)) {
        throw error(expect, "\"expect\" needs exactly one of \"stdout\" (the exact text) and"
            + " \"stdoutSha256\" (its SHA-256, for long output)");
      }
      Optional<String> stdout =
          stdoutValue == null ? Optional.empty() : Optional.of(string(stdoutValue, "stdout"));
      Optional<String> sha = Optional.empty();
      if (shaValue != null) {
        String hex = string(shaValue, "stdoutSha256");
        if (!SHA256.matcher(hex).matches()) {
          throw error(shaValue, "\"stdoutSha256\" must be 64 lowercase hex digits");
        }
        sha = Optional.of(hex);
      }
      Json.Value stderrValue = expect.members().get("stderr");
      Optional<String> stderr =
          stderrValue == null ? Optional.empty() : Optional.of(string(stderrValue, "stderr"));
      return new Expectation(trap, exit, stdout, sha, stderr);
    }

    private long exitCode(Json.Value value) throws ProgramSpecException {
      if (!(value instanceof Json.Num n) || !n.text().matches("0|[1-9][0-9]{0,9}")
          || Long.parseLong(n.text()) > 0xFFFFFFFFL) {
        throw error(value, "\"exit\" must be an integer from 0 to 4294967295");
      }
      return Long.parseLong(n.text());
    }

    // ---- typed access with positions ----

    private void members(Json.Obj obj, Set<String> allowed, String what)
        throws ProgramSpecException {
      for (Map.Entry<String, Json.Value> m : obj.members().entrySet()) {
        if (!allowed.contains(m.getKey())) {
          throw error(m.getValue(), "unknown member \"" + m.getKey() + "\" in " + what
              + "; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
        }
      }
    }

    private Json.Value required(Json.Obj obj, String name, String meaning)
        throws ProgramSpecException {
      Json.Value v = obj.members().get(name);
      if (v == null) {
        throw error(obj, "missing member \"" + name + "\": " + meaning);
      }
      return v;
    }

    private Optional<String> optionalString(Json.Obj obj, String name)
        throws ProgramSpecException {
      Json.Value v = obj.members().get(name);
      return v == null ? Optional.empty() : Optional.of(string(v, name));
    }

    private Json.Obj object(Json.Value v, String what) throws ProgramSpecException {
      if (v instanceof Json.Obj o) {
        return o;
      }
      throw error(v, what + " must be an object, not " + article(v.kind()));
    }

    private Json.Arr array(Json.Value v, String what) throws ProgramSpecException {
      if (v instanceof Json.Arr a) {
        return a;
      }
      throw error(v, what + " must be an array, not " + article(v.kind()));
    }

    private String string(Json.Value v, String what) throws ProgramSpecException {
      if (v instanceof Json.Str s) {
        return s.value();
      }
      throw error(v, what + " must be a string, not " + article(v.kind()));
    }

    private static String article(String kind) {
      return (kind.startsWith("a") || kind.startsWith("o") ? "an " : "a ") + kind;
    }

    private ProgramSpecException error(Json.Value at, String message) {
      return new ProgramSpecException(id, at.pos().line(), at.pos().column(), message);
    }
  }
}
