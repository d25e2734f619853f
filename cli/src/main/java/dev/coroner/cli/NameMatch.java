package dev.coroner.cli;

import dev.coroner.coredump.NameSection;
import dev.coroner.symbols.Symbolizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of the modules a user supplied names which coredump module, and so gives that module's
 * names and source locations.
 *
 * <p>Coredump module {@code i} (from {@code coremodules}) takes the names of the first supplied
 * module whose name section has the same module name. If none has it, it takes the supplied module
 * at the same position {@code i}, unless that one was taken by name for another module; a warning
 * says so when that module's name section calls itself something else. A supplied module that
 * names no coredump module is reported too. Without a match, a module has no names and no source
 * locations ({@link Given#NONE}).
 */
final class NameMatch {

  /**
   * A module the user supplied: how to call it in warnings, its names, and its symbolizer for
   * source locations (null when its bytes are not at hand).
   */
  record Given(String label, NameSection names, Symbolizer symbols) {
    /** What a coredump module no supplied module matches gets. */
    static final Given NONE = new Given("(none)", NameSection.NONE, null);

    Given {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(names, "names");
    }

    /** A module known only by its names. */
    Given(String label, NameSection names) {
      this(label, names, null);
    }
  }

  /**
   * The outcome.
   *
   * @param perModule for each coredump module, the supplied module it takes (or {@link
   *     Given#NONE})
   * @param warnings one sentence each, about matches the user should know of
   */
  record Result(List<Given> perModule, List<String> warnings) {
    Result {
      perModule = List.copyOf(perModule);
      warnings = List.copyOf(warnings);
    }

    /** For each coredump module, its names. */
    List<NameSection> names() {
      List<NameSection> out = new ArrayList<>();
      for (Given g : perModule) {
        out.add(g.names());
      }
      return out;
    }
  }

  private NameMatch() {}

  static Result match(List<String> dumpModules, List<Given> given) {
    Given[] chosen = new Given[dumpModules.size()];
    boolean[] used = new boolean[given.size()];
    for (int i = 0; i < dumpModules.size(); i++) {
      String name = dumpModules.get(i);
      for (int g = 0; g < given.size(); g++) {
        if (given.get(g).names().moduleName().filter(name::equals).isPresent()) {
          chosen[i] = given.get(g);
          used[g] = true;
          break;
        }
      }
    }
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < dumpModules.size(); i++) {
      if (chosen[i] != null) {
        continue;
      }
      chosen[i] = Given.NONE;
      if (i >= given.size() || used[i]) {
        continue;
      }
      Given g = given.get(i);
      chosen[i] = g;
      used[i] = true;
      Optional<String> own = g.names().moduleName();
      if (own.isPresent()) {
        warnings.add(
            "coredump module " + i + " is \"" + dumpModules.get(i) + "\", but " + g.label()
                + " calls its module \"" + own.get() + "\" and no --wasm module is named \""
                + dumpModules.get(i) + "\": using the names of " + g.label()
                + " by position; they may be wrong");
      }
    }
    for (int g = 0; g < given.size(); g++) {
      if (!used[g]) {
        String own = given.get(g).names().moduleName().map(n -> " (module \"" + n + "\")").orElse("");
        warnings.add(
            given.get(g).label() + own + " names no coredump module, by name or by position:"
                + " its names are not used");
      }
    }
    return new Result(List.of(chosen), warnings);
  }
}
