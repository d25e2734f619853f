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
 * @param engine the execution engine: {@value #INTERPRETER}, or the {@linkplain ExecutionTier#name()
 *     name} of an {@link ExecutionTier} on the class path (the {@code compiler} module provides
 *     {@code "compiled"}); {@link #defaults()} takes it from the system property {@value
 *     #ENGINE_PROPERTY}, else {@value #INTERPRETER}
 */
public record StoreConfig(
    int maxCallDepth,
    int maxValueStackSlots,
    int maxMemoryPages,
    int maxHostReentry,
    boolean capture,
    String processName,
    String engine) {

  /** The engine name of the interpreter. */
  public static final String INTERPRETER = "interpreter";
  /** The system property {@link #defaults()} reads the engine from. */
  public static final String ENGINE_PROPERTY = "coroner.engine";

  public static final int DEFAULT_MAX_CALL_DEPTH = 50_000;
  public static final int DEFAULT_MAX_VALUE_STACK_SLOTS = 16 * 1024 * 1024;
  public static final int DEFAULT_MAX_MEMORY_PAGES = 16384;
  public static final int DEFAULT_MAX_HOST_REENTRY = 100;

  /** A configuration running in the interpreter. */
  public StoreConfig(int maxCallDepth, int maxValueStackSlots, int maxMemoryPages,
      int maxHostReentry, boolean capture, String processName) {
    this(maxCallDepth, maxValueStackSlots, maxMemoryPages, maxHostReentry, capture, processName,
        INTERPRETER);
  }

  public StoreConfig {
    Objects.requireNonNull(processName, "processName");
    Objects.requireNonNull(engine, "engine");
    if (maxCallDepth < 1 || maxValueStackSlots < 1024 || maxHostReentry < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (maxMemoryPages < 0 || maxMemoryPages > MemoryInstance.IMPLEMENTATION_MAX_PAGES) {
      throw new IllegalArgumentException("maxMemoryPages out of range: " + maxMemoryPages);
    }
  }

  /** Defaults, capture off; the engine from {@value #ENGINE_PROPERTY}, else the interpreter. */
  public static StoreConfig defaults() {
    return new StoreConfig(DEFAULT_MAX_CALL_DEPTH, DEFAULT_MAX_VALUE_STACK_SLOTS,
        DEFAULT_MAX_MEMORY_PAGES, DEFAULT_MAX_HOST_REENTRY, false, "wasm",
        System.getProperty(ENGINE_PROPERTY, INTERPRETER));
  }

  /** This configuration with the given engine ({@value #INTERPRETER} or a tier's name). */
  public StoreConfig withEngine(String engine) {
    return new StoreConfig(maxCallDepth, maxValueStackSlots, maxMemoryPages, maxHostReentry,
        capture, processName, engine);
  }

  /** This configuration with capture on and the given process name. */
  public StoreConfig withCapture(String processName) {
    return new StoreConfig(maxCallDepth, maxValueStackSlots, maxMemoryPages, maxHostReentry,
        true, processName, engine);
  }

  /** This configuration with capture off. */
  public StoreConfig withoutCapture() {
    return new StoreConfig(maxCallDepth, maxValueStackSlots, maxMemoryPages, maxHostReentry,
        false, processName, engine);
  }

  public StoreConfig withMaxCallDepth(int depth) {
    return new StoreConfig(depth, maxValueStackSlots, maxMemoryPages, maxHostReentry, capture,
        processName, engine);
  }

  public StoreConfig withMaxMemoryPages(int pages) {
    return new StoreConfig(maxCallDepth, maxValueStackSlots, pages, maxHostReentry, capture,
        processName, engine);
  }

  public StoreConfig withMaxHostReentry(int depth) {
    return new StoreConfig(maxCallDepth, maxValueStackSlots, maxMemoryPages, depth, capture,
        processName, engine);
  }
}
