package dev.coroner.interpreter;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Threads with a Java stack deep enough for compiled code at the store's limits. Compiled
 * WebAssembly calls are Java calls; the call depth (at most {@link StoreConfig#maxCallDepth()}
 * frames) and the value-stack bound ({@link StoreConfig#maxValueStackSlots()}, which bounds the
 * locals of all frames together) are checked before every call, so a stack of {@value #STACK_BYTES}
 * bytes (reserved, committed only as used) holds the deepest stack the limits allow, and the JVM
 * never overflows. An invocation from another thread is handed to that thread's own worker (a
 * large-stack thread that ends after {@value #IDLE_SECONDS} s without work) and waited for.
 */
final class LargeStack {
  /** 2 GiB of address space: 16 M slots of 8 bytes, twice for JVM frames' own layout, and more. */
  static final long STACK_BYTES = 2L << 30;

  /** How long a worker waits for its next invocation before its thread ends. */
  private static final long IDLE_SECONDS = 30;

  /**
   * Each calling thread's own worker. One per caller, so a handoff never has to find a free
   * thread (a shared pool whose worker has not yet gone back to waiting would start a new thread,
   * and reserve a new stack, for every invocation).
   */
  private static final ThreadLocal<Worker> WORKERS = new ThreadLocal<>();

  private static final ThreadLocal<Boolean> POOL_THREADS = new ThreadLocal<>();

  private LargeStack() {}

  /** A large-stack thread that runs one caller's invocations, one at a time. */
  private static final class Worker implements Runnable {
    private final LinkedBlockingQueue<FutureTask<?>> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Set, under this worker's lock, when its thread has ended; guarded by {@code this}. */
    private boolean ended;

    Worker() {
      thread = new Thread(null, this, "coroner-compiled", STACK_BYTES);
      thread.setDaemon(true);
      thread.start();
    }

    /** Queues {@code task}; false if this worker's thread has ended. */
    synchronized boolean offer(FutureTask<?> task) {
      if (ended) {
        return false;
      }
      tasks.add(task);
      return true;
    }

    @Override
    public void run() {
      POOL_THREADS.set(Boolean.TRUE);
      try {
        while (true) {
          FutureTask<?> task = tasks.poll(IDLE_SECONDS, TimeUnit.SECONDS);
          if (task == null) {
            synchronized (this) {
              if (tasks.isEmpty()) {
                ended = true;
                return;
              }
            }
            continue;
          }
          task.run();
          Thread.interrupted(); // an interruption passed on for this task ends with it
        }
      } catch (InterruptedException e) {
        synchronized (this) {
          ended = true;
          tasks.forEach(t -> t.cancel(false));
        }
      }
    }
  }

  /** Whether this thread is a large-stack thread. */
  static boolean onLargeStack() {
    return POOL_THREADS.get() != null;
  }

  /** Runs {@code call} on a large-stack thread (this one if it is one) and returns its result. */
  static <T> T run(Supplier<T> call) {
    if (POOL_THREADS.get() != null) {
      return call.get();
    }
    FutureTask<T> f = new FutureTask<>(call::get);
    Worker w = WORKERS.get();
    while (w == null || !w.offer(f)) {
      w = new Worker();
      WORKERS.set(w);
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          // Passed on to the thread that runs the invocation (a host function waiting there,
          // WASI's poll_oneoff say, wakes up); the invocation itself stops by Store.interrupt().
          interrupted = true;
          w.thread.interrupt();
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
