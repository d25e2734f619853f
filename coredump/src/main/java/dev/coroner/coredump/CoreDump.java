package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole WebAssembly coredump: what the {@code core}, {@code coremodules}, {@code coreinstances}
 * and {@code corestack} custom sections and the memory, global and data sections of a coredump
 * file say.
 *
 * @param processName the {@code core} section's executable name; empty if the dump has no {@code
 *     core} section (canonical dumps always have one)
 * @param modules module names, in the order of {@code coremodules}
 * @param instances in the order of {@code coreinstances}
 * @param memories every captured memory, each once
 * @param globals every captured global, each once
 * @param threads one per {@code corestack} section, in file order
 */
public record CoreDump(
    Optional<String> processName,
    List<String> modules,
    List<Instance> instances,
    List<Memory> memories,
    List<Global> globals,
    List<CoreStack> threads) {

  public CoreDump {
    Objects.requireNonNull(processName, "processName");
    modules = List.copyOf(modules);
    instances = List.copyOf(instances);
    memories = List.copyOf(memories);
    globals = List.copyOf(globals);
    threads = List.copyOf(threads);
  }

  public static Builder builder(String processName) {
    return new Builder(processName);
  }

  /** Collects the parts of a dump in order; {@link #add} methods return the new entry's index. */
  public static final class Builder {
    private final String processName;
    private final List<String> modules = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<Memory> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<CoreStack> threads = new ArrayList<>();

    private Builder(String processName) {
      this.processName = Objects.requireNonNull(processName, "processName");
    }

    public int addModule(String name) {
      modules.add(Objects.requireNonNull(name, "name"));
      return modules.size() - 1;
    }

    public int addInstance(Instance instance) {
      instances.add(Objects.requireNonNull(instance, "instance"));
      return instances.size() - 1;
    }

    public int addMemory(Memory memory) {
      memories.add(Objects.requireNonNull(memory, "memory"));
      return memories.size() - 1;
    }

    public int addGlobal(Global global) {
      globals.add(Objects.requireNonNull(global, "global"));
      return globals.size() - 1;
    }

    public int addThread(CoreStack thread) {
      threads.add(Objects.requireNonNull(thread, "thread"));
      return threads.size() - 1;
    }

    public CoreDump build() {
      return new CoreDump(
          Optional.of(processName), modules, instances, memories, globals, threads);
    }
  }
}
