package dev.coroner.debugserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which given module file belongs to which module of a coredump.
 *
 * <p>Coredump module {@code i} (named {@code n} in {@code coremodules}) gets the first unused given
 * module whose {@code name} section names it {@code n}; if none does, the {@code i}-th given module,
 * unless that one was already taken by name. A dump module that gets none is served without code
 * or symbols; a given module that matches nothing is reported as unused.
 */
public final class ModuleMatching {

  /**
   * How one coredump module was matched.
   *
   * @param moduleIndex its index in the dump's {@code coremodules}
   * @param dumpName its name there
   * @param image the module file, if one was matched
   * @param how "name section" or "position N" (1-based), or "not given"
   */
  public record Binding(int moduleIndex, String dumpName, Optional<ModuleImage> image, String how) {}

  private final List<Binding> bindings;
  private final List<ModuleImage> unused;

  private ModuleMatching(List<Binding> bindings, List<ModuleImage> unused) {
    this.bindings = List.copyOf(bindings);
    this.unused = List.copyOf(unused);
  }

  /** Matches {@code given} (in command-line order) to the dump's module names. */
  public static ModuleMatching match(List<String> dumpModules, List<ModuleImage> given) {
    int n = dumpModules.size();
    ModuleImage[] chosen = new ModuleImage[n];
    String[] how = new String[n];
    boolean[] used = new boolean[given.size()];
    for (int i = 0; i < n; i++) {
      for (int g = 0; g < given.size(); g++) {
        if (!used[g] && given.get(g).name().filter(dumpModules.get(i)::equals).isPresent()) {
          chosen[i] = given.get(g);
          how[i] = "name section";
          used[g] = true;
          break;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (chosen[i] == null && i < given.size() && !used[i]) {
        chosen[i] = given.get(i);
        how[i] = "position " + (i + 1);
        used[i] = true;
      }
    }
    List<Binding> bindings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      bindings.add(
          new Binding(
              i, dumpModules.get(i), Optional.ofNullable(chosen[i]),
              chosen[i] == null ? "not given" : how[i]));
    }
    List<ModuleImage> unused = new ArrayList<>();
    for (int g = 0; g < given.size(); g++) {
      if (!used[g]) {
        unused.add(given.get(g));
      }
    }
    return new ModuleMatching(bindings, unused);
  }

  /** One binding per coredump module, in {@code coremodules} order. */
  public List<Binding> bindings() {
    return bindings;
  }

  /** Given modules that matched no coredump module. */
  public List<ModuleImage> unused() {
    return unused;
  }

  /** The module file of coredump module {@code index}, if one was matched. */
  Optional<ModuleImage> image(int index) {
    return index >= 0 && index < bindings.size() ? bindings.get(index).image() : Optional.empty();
  }
}
