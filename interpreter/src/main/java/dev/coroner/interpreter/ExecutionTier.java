package dev.coroner.interpreter;

import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * An execution engine other than the interpreter, selected per store by {@link
 * StoreConfig#engine()} and found with {@link ServiceLoader} (the {@code compiler} module provides
 * {@code "compiled"}). A tier runs the functions it can translate and leaves the others (null
 * entries) to the interpreter, per function; calls cross between the two freely. Under a tier,
 * traps collect their frames while they unwind (each engine adds its own), so a mixed stack still
 * gives the interpreter's exact coredump.
 *
 * <p>This is the interpreter's only hook for other tiers. Its {@link TierCode} can only be
 * implemented in this package, where a tier keeps its bridge to the store's internals.
 */
public interface ExecutionTier {

  /** The name {@link StoreConfig#engine()} selects. */
  String name();

  /**
   * The code for {@code instance}'s functions, called once while it is instantiated (before its
   * start function runs): element {@code i} runs function {@code i}; null (always for imports)
   * leaves it to the interpreter.
   */
  TierCode[] link(Instance instance);

  /**
   * Runs an invocation from outside the store. A tier whose code nests Java calls runs it on a
   * thread with a stack deep enough for the store's limits, so that the JVM never overflows.
   */
  default <T> T enter(Supplier<T> invocation) {
    return invocation.get();
  }

  /**
   * The tier called {@code name} on the class path.
   *
   * @throws IllegalArgumentException if there is none
   */
  static ExecutionTier named(String name) {
    for (ExecutionTier t : ServiceLoader.load(ExecutionTier.class)) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown engine \"" + name + "\": neither \""
        + StoreConfig.INTERPRETER + "\" nor a tier on the class path (the compiler module"
        + " provides \"compiled\")");
  }
}
