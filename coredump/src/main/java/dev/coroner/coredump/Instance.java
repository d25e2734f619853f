package dev.coroner.coredump;

import java.util.List;

/**
 * One entry of the {@code coreinstances} section.
 *
 * <p>All indices are u32 held in an {@code int}. Producers such as Wasmtime write {@code u32::MAX}
 * ({@link #ABSENT}, {@code -1} as an int) for a memory or global that is not in the dump; the
 * decoder keeps such placeholders as they are and the canonical check reports them.
 *
 * @param moduleIndex index into {@link CoreDump#modules()}
 * @param memories for the instance's i-th memory, its index in {@link CoreDump#memories()}
 * @param globals for the instance's i-th global, its index in {@link CoreDump#globals()}
 */
public record Instance(int moduleIndex, List<Integer> memories, List<Integer> globals) {

  /** The {@code u32::MAX} placeholder some producers write for an entity missing from the dump. */
  public static final int ABSENT = -1;

  public Instance {
    memories = List.copyOf(memories);
    globals = List.copyOf(globals);
  }
}
