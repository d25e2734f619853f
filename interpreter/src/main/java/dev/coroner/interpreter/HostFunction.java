package dev.coroner.interpreter;

import java.util.List;

/**
 * A function implemented in Java. Arguments and results are raw value bits: i32 in the low 32
 * bits, f32 as raw IEEE bits in the low 32 bits, i64 and f64 bits as they are, references as
 * {@link Store#NULL_REF} or a funcref id / externref value; a v128 takes two longs (bytes 0..7,
 * then 8..15), as everywhere in this API (see {@link Store}).
 *
 * <p>A host function may call back into WebAssembly through {@link CallContext#invoke}; the
 * nesting depth of such re-entries is bounded by {@link StoreConfig#maxHostReentry()}. Throwing a
 * {@link TrapException} makes the calling WebAssembly code trap.
 */
@FunctionalInterface
public interface HostFunction {
  long[] call(CallContext context, long[] args);

  /** What a host function knows about its call. */
  interface CallContext {
    /** The instance whose code called the host function, or null if called from outside. */
    Instance caller();

    /** The store. */
    Store store();

    /** Calls a function (re-entering WebAssembly if it is one). */
    long[] invoke(FunctionInstance function, long... args);

    /**
     * The live WebAssembly frames, youngest first (the caller's frame is the first when
     * WebAssembly called the host function); empty when the host function was called from
     * outside. The views are valid until the host function returns.
     */
    default List<FrameView> frames() {
      return List.of();
    }
  }
}
