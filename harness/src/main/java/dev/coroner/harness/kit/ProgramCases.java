package dev.coroner.harness.kit;

import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.NameSection;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.wasi.ProgramRunner;
import dev.coroner.wasi.ProgramSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Program fixtures ({@code programs/NAME/SPEC.run.json}, see {@code programs/README.md}) as kit
 * cases of kind {@code wasi-command}: where their goldens live, what the dump must name, and the
 * manifest of one case. {@link KitExporter} writes the files; {@link ReferenceRunner} runs them.
 *
 * <p>A spec that expects an exit has no dump, so no case. Goldens follow the conformance suite's
 * layout for program fixtures: {@code <golden root>/programs/<spec id>/trap.core} and siblings.
 */
final class ProgramCases {

  /** The folder under the golden root (and the prefix of case ids) for program fixtures. */
  static final String PROGRAMS = "programs";

  /** The golden key of a run spec that expects a trap. */
  static final String TRAP_KEY = "trap";

  /** The file a case's standard input is written to, when it has any. */
  static final String STDIN_FILE = "stdin.txt";

  /** The folder of a case that holds the pre-opened directories' copies. */
  static final String FILES_DIR = "files";

  /** The trap message of call stack exhaustion (a trap kind of its own in the manifest). */
  static final String EXHAUSTION = "call stack exhausted";

  private ProgramCases() {}

  /** The case id of a run spec: {@code programs/<spec id>:trap}. */
  static GoldenId id(ProgramSpec spec) {
    return new GoldenId(PROGRAMS + "/" + spec.id(), TRAP_KEY);
  }

  /**
   * The name the dump gives the program's module: its name section's module name, else the file
   * name without {@code .wasm} (as {@link ProgramRunner} names the instance).
   *
   * @throws KitException if the module's name section is malformed
   */
  static String dumpName(ProgramSpec spec, byte[] wasm) throws KitException {
    try {
      return NameSection.fromModule(wasm).moduleName()
          .orElse(ProgramRunner.instanceName(spec.programName()));
    } catch (CoreDumpFormatException e) {
      throw new KitException(spec.id() + ": " + spec.programName() + ": " + e.getMessage(), e);
    }
  }

  /** The case-directory path of the copy of pre-opened directory {@code guest}. */
  static String preopenDir(String guest, int index) {
    return FILES_DIR + "/" + index + "-" + KitExporter.safe(guest);
  }

  /**
   * The manifest of {@code spec}'s case: one module, one {@code wasi-start} step that must trap.
   *
   * @param module the module file, its dump name and hash
   * @param sourceName the run spec's file name in the case directory
   * @param sha256 the run spec's SHA-256
   */
  static KitCase manifest(ProgramSpec spec, KitModule module, String sourceName, String sha256) {
    String message = spec.expect().trap().orElseThrow();
    List<KitStep.EnvVar> env = new ArrayList<>();
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      env.add(new KitStep.EnvVar(e.getKey(), e.getValue()));
    }
    List<KitStep.Preopen> preopens = new ArrayList<>();
    int n = 0;
    for (String guest : spec.dirs().keySet()) {
      preopens.add(new KitStep.Preopen(guest, preopenDir(guest, n++)));
    }
    boolean exhaustion = message.equals(EXHAUSTION);
    Expect expect = exhaustion ? Expect.exhaustion(message) : Expect.trap(message);
    KitStep start = new KitStep.WasiStart(
        OptionalInt.empty(), module.file(), 0, spec.argv(), env,
        spec.stdin().isEmpty() ? Optional.empty() : Optional.of(STDIN_FILE), preopens, expect);
    GoldenId id = id(spec);
    return new KitCase(
        id, KitCase.Kind.WASI_COMMAND,
        new KitCase.Source(sourceName, id.fixturePath(), OptionalInt.empty(), sha256),
        spec.programName(), StoreConfig.DEFAULT_MAX_CALL_DEPTH, List.of(), List.of(module),
        List.of(start), new KitCase.Trap(0, exhaustion, message),
        new KitCase.Expected(Kit.EXPECTED_CORE, Kit.EXPECTED_TEXT, Kit.EXPECTED_STATE));
  }
}
