package dev.coroner.harness.v8;

import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Fixture;
import dev.coroner.fixtures.WastModule;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.wasi.ProgramSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One unit of work for the Node script: a fixture to run in V8, producing one {@link V8Result} per
 * coredump it must produce, each under a key (a script's trapping-command line).
 *
 * <p>Each job also says, for every key, which module each instance index stands for: instance
 * {@code i} of a dump is the {@code i}-th instantiation, so the {@code i}-th module instantiated
 * before that command (for the module form of {@code assert_trap}, the failing module itself
 * last). The comparison uses these bytes to place both engines' frames in their function bodies.
 *
 * <p>A new kind of fixture adds a record here, its writer in {@link V8Manifest} and its runner
 * in {@code v8-frames.mjs}; the comparison and the report do not change. Program fixtures did
 * ({@link Program}, run through {@code node:wasi}).
 */
public sealed interface V8Job permits V8Job.Script, V8Job.Program {

  /** The fixture's path relative to the fixture root: the id of its results and goldens. */
  String id();

  /** For every key this job produces: the module bytes of instance 0, 1, ... at that point. */
  Map<String, List<byte[]>> instances();

  /**
   * A {@code .wast} or {@code .wat} fixture, as converted by wast2json ({@link Fixture#script()}).
   *
   * @param id the fixture's relative path
   * @param commands its commands in script order
   * @param instances per trapping command's line, the modules of its instances
   */
  record Script(String id, List<Command> commands, Map<String, List<byte[]>> instances)
      implements V8Job {

    /** Copies and checks. */
    public Script {
      Objects.requireNonNull(id, "id");
      commands = List.copyOf(commands);
      instances = Map.copyOf(instances);
    }

    /** The job of a loaded fixture. */
    public static Script of(Fixture fixture) {
      List<Command> commands = fixture.script().commands();
      List<byte[]> live = new ArrayList<>();
      Map<String, List<byte[]>> instances = new LinkedHashMap<>();
      for (Command c : commands) {
        if (c instanceof Command.ModuleCommand m && !m.module().isText()) {
          live.add(m.module().bytes());
        } else if (c instanceof Command.AssertTrap t && t.isModuleTrap()) {
          List<byte[]> withFailing = new ArrayList<>(live);
          WastModule module = t.module().orElseThrow();
          withFailing.add(module.bytes());
          instances.put(Integer.toString(c.line()), List.copyOf(withFailing));
        } else if (c instanceof Command.Trapping) {
          instances.put(Integer.toString(c.line()), List.copyOf(live));
        }
      }
      return new Script(fixture.relativePath(), commands, instances);
    }
  }

  /**
   * A WASI command module run to its trap through {@code node:wasi} (preview 1): the hook for
   * program fixtures. It has one instance, the module itself.
   *
   * @param id the program fixture's relative path
   * @param key the key of its golden
   * @param wasm the module
   * @param args the program's arguments, {@code argv[0]} first
   * @param env its environment
   * @param preopens guest directory name to host directory
   * @param stdin what it reads from standard input
   */
  record Program(
      String id, String key, byte[] wasm, List<String> args, Map<String, String> env,
      Map<String, Path> preopens, byte[] stdin) implements V8Job {

    /** Copies and checks. */
    public Program {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(key, "key");
      wasm = wasm.clone();
      args = List.copyOf(args);
      env = Map.copyOf(env);
      preopens = Map.copyOf(preopens);
      stdin = stdin.clone();
    }

    /**
     * The job of a program fixture's run spec, for the golden {@code id} (the spec's golden path
     * and key): the spec's module, {@code argv} (the wasm file's name first), environment,
     * preopened folders and standard input, as {@code ProgramRunner} gives them to Coroner.
     *
     * @throws IOException if the module cannot be read
     */
    public static Program of(ProgramSpec spec, GoldenId id) throws IOException {
      return new Program(id.fixturePath(), id.key(), Files.readAllBytes(spec.wasm()), spec.argv(),
          spec.env(), spec.dirs(), spec.stdin().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] wasm() {
      return wasm.clone();
    }

    @Override
    public byte[] stdin() {
      return stdin.clone();
    }

    @Override
    public Map<String, List<byte[]>> instances() {
      return Map.of(key, List.of(wasm.clone()));
    }
  }
}
