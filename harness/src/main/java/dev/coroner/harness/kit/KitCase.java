package dev.coroner.harness.kit;

import dev.coroner.harness.golden.GoldenId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One case of a kit: everything a runtime needs to reproduce one trap of one fixture and write its
 * coredump, and the golden files its dump is judged against. Read and written as {@code
 * case.json} ({@link CaseJson}); the schema is documented in {@code docs/kit.md}.
 *
 * @param id the case's id, {@code fixture-path:key} (for {@code .wast}/{@code .wat} fixtures the
 *     key is the trapping command's line)
 * @param kind how the case runs
 * @param source where the case comes from
 * @param process the process name the dump's {@code core} section must hold
 * @param maxCallDepth the most WebAssembly frames live at once; the call that would make one more
 *     exhausts the call stack
 * @param hostModules host modules the case's modules import from ({@code spectest}, {@code
 *     coroner}), sorted; a runtime provides them as {@code docs/kit.md} describes
 * @param modules the module files, in the order the steps first instantiate them
 * @param steps what to do, in order; the last step is the one whose trap is dumped
 * @param trap the trap whose coredump is wanted
 * @param expected the golden files, by role
 */
public record KitCase(
    GoldenId id,
    Kind kind,
    Source source,
    String process,
    int maxCallDepth,
    List<String> hostModules,
    List<KitModule> modules,
    List<KitStep> steps,
    Trap trap,
    Expected expected) {

  /** How a case runs. */
  public enum Kind {
    /** A {@code .wast} script or {@code .wat} fixture: instantiate, register, invoke, get. */
    SCRIPT("script"),
    /** A WASI command module run with arguments, environment, standard input and pre-opens. */
    WASI_COMMAND("wasi-command");

    private final String json;

    Kind(String json) {
      this.json = json;
    }

    /** The {@code kind} member's value. */
    public String json() {
      return json;
    }

    static Optional<Kind> fromJson(String name) {
      for (Kind k : values()) {
        if (k.json.equals(name)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Where a case comes from.
   *
   * @param file the fixture's source, copied into the case directory (for reading)
   * @param fixture the fixture's path relative to the fixture root
   * @param line the line of the trapping command, if the fixture has lines
   * @param sha256 SHA-256 of the fixture's bytes, lower-case hex
   */
  public record Source(String file, String fixture, OptionalInt line, String sha256) {
    public Source {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(fixture, "fixture");
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /**
   * The trap to dump.
   *
   * @param step the index of its step in {@link #steps()} (always the last one)
   * @param exhaustion whether it is call stack exhaustion rather than another trap
   * @param message the expected message (the specification's wording; empty: any)
   */
  public record Trap(int step, boolean exhaustion, String message) {
    public Trap {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The golden files, each a file name in the case directory.
   *
   * @param core the canonical coredump ({@code .core})
   * @param text its text rendering ({@code .core.txt})
   * @param state its state in the language-neutral form of {@code docs/state-json.md}
   */
  public record Expected(String core, String text, String state) {
    public Expected {
      Objects.requireNonNull(core, "core");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(state, "state");
    }
  }

  public KitCase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(trap, "trap");
    Objects.requireNonNull(expected, "expected");
    hostModules = List.copyOf(hostModules);
    modules = List.copyOf(modules);
    steps = List.copyOf(steps);
  }

  /** The module whose file is {@code file}, if the case has one. */
  public Optional<KitModule> module(String file) {
    return modules.stream().filter(m -> m.file().equals(file)).findFirst();
  }
}
