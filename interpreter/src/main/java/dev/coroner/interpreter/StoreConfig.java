package dev.coroner.interpreter;

import java.util.Objects;

/**
 * Settings of a {@link Store}.
 *
 * @param maxCallDepth the most WebAssembly frames that may be live at once; one more call traps
 *     with "call stack exhausted" (default {@value #DEFAULT_MAX_CALL_DEPTH})
 * @param maxValueStackSlots the most 64-bit value-stack slots (locals and operands of all frames);
 *     default {@value #DEFAULT_MAX_VALUE_STACK_SLOTS} (128 MiB)
 * @param maxMemoryPages the most pages a memory may have (default {@value
 *     #DEFAULT_MAX_MEMORY_PAGES}, 1 GiB; at most {@value MemoryInstance#IMPLEMENTATION_MAX_PAGES})
 * @param maxHostReentry how deeply WebAssembly → host → WebAssembly calls may nest (default
 *     {@value #DEFAULT_MAX_HOST_REENTRY}); each nesting uses Java stack, so this bound keeps the JVM
 *     stack from overflowing
 * @param capture whether traps carry a coredump
 * @param processName the coredump's executable name
 */
public record StoreConfig(
    int maxCallDepth,
    int maxValueStackSlots,
    int maxMemoryPages,
    int maxHostReentry,
    boolean capture,
    String processName) {

  public static final int DEFAULT_MAX_CALL_DEPTH = 50_000;
  public static final int DEFAULT_MAX_VALUE_STACK_SLOTS = 16 * 1024 * 1024;
  public static final int DEFAULT_MAX_MEMORY_PAGES = 16384;
  public static final int DEFAULT_MAX_HOST_REENTRY = 100;

  public StoreConfig {
    Objects.requireNonNull(processName, "processName");
    if (maxCallDepth < 1 || maxValueStackSlots < 1024 || maxHostReentry < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (maxMemoryPages < 0 || maxMemoryPages > MemoryInstance.IMPLEMENTATION_MAX_PAGES) {
      throw new IllegalArgumentException("maxMemoryPages out of range: " + maxMemoryPages);
    }
  }

  /** Defaults, capture off. */
  public static StoreConfig defaults() {
    return new StoreConfig(DEFAULT_MAX_CALL_DEPTH, DEFAULT_MAX_VALUE_STACK_SLOTS,
        DEFAULT_MAX_MEMORY_PAGES, DEFAULT_MAX_HOST_REENTRY, false, "wasm");
  }

  /** This configuration with capture on and the given process name. */
  public StoreConfig withCapture(String processName) {
    return new StoreConfig(maxCallDepth, maxValueStackSlots, maxMemoryPages, maxHostReentry,
        true, processName);
  }

  /** This configuration with capture off. */
  public StoreConfig withoutCapture() {
    return new StoreConfig(maxCallDepth, maxValueStackSlots, maxMemoryPages, maxHostReentry,
        false, processName);
  }

  public StoreConfig withMaxCallDepth(int depth) {
    return new StoreConfig(depth, maxValueStackSlots, maxMemoryPages, maxHostReentry, capture,
        processName);
  }

  public StoreConfig withMaxMemoryPages(int pages) {
    return new StoreConfig(maxCallDepth, maxValueStackSlots, pages, maxHostReentry, capture,
        processName);
  }

  public StoreConfig withMaxHostReentry(int depth) {
    return new StoreConfig(maxCallDepth, maxValueStackSlots, maxMemoryPages, depth, capture,
        processName);
  }
}
