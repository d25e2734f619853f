package dev.coroner.interpreter;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Threads with a Java stack deep enough for compiled code at the store's limits. Compiled
 * WebAssembly calls are Java calls; the call depth (at most {@link StoreConfig#maxCallDepth()}
 * frames) and the value-stack bound ({@link StoreConfig#maxValueStackSlots()}, which bounds the
 * locals of all frames together) are checked before every call, so a stack of {@value #STACK_BYTES}
 * bytes (reserved, committed only as used) holds the deepest stack the limits allow, and the JVM
 * never overflows. An invocation from another thread is handed to one of these and waited for.
 */
final class LargeStack {
  /** 2 GiB of address space: 16 M slots of 8 bytes, twice for JVM frames' own layout, and more. */
  static final long STACK_BYTES = 2L << 30;

  private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
      30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
        Thread t = new Thread(null, r, "coroner-compiled", STACK_BYTES);
        t.setDaemon(true);
        return t;
      });

  private LargeStack() {}

  private static final ThreadLocal<Boolean> POOL_THREADS = new ThreadLocal<>();

  /** Runs {@code call} on a large-stack thread (this one if it is one) and returns its result. */
  static <T> T run(Supplier<T> call) {
    if (POOL_THREADS.get() != null) {
      return call.get();
    }
    AtomicReference<Thread> worker = new AtomicReference<>();
    Future<T> f = POOL.submit(() -> {
      worker.set(Thread.currentThread());
      POOL_THREADS.set(Boolean.TRUE);
      try {
        return call.get();
      } finally {
        POOL_THREADS.remove();
        worker.set(null);
        Thread.interrupted();
      }
    });
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          // Passed on to the thread that runs the invocation (a host function waiting there,
          // WASI's poll_oneoff say, wakes up); the invocation itself stops by Store.interrupt().
          interrupted = true;
          Thread w = worker.get();
          if (w != null) {
            w.interrupt();
          }
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
