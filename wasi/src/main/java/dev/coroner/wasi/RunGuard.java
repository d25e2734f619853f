package dev.coroner.wasi;

import dev.coroner.interpreter.Store;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops a program running in the current thread, from any thread: a time limit or Ctrl-C. It
 * calls {@link Store#interrupt()} (the guest traps "interrupted" at its next loop iteration or
 * call) and interrupts the running thread, which wakes a WASI function that is waiting (for
 * instance {@code poll_oneoff} sleeping). Closing the guard ends its watch: a later {@link
 * #stop} does nothing, and the thread's interrupt flag is cleared so it cannot leak into the
 * caller.
 */
public final class RunGuard implements AutoCloseable {
  private final Store store;
  private final Thread thread;
  private ScheduledExecutorService timer;
  private String reason;
  private boolean closed;

  /** A guard for a program that the current thread is about to run in {@code store}. */
  public RunGuard(Store store) {
    this.store = store;
    this.thread = Thread.currentThread();
  }

  /** Stops the program after {@code limit} with the reason "timed out after ...". */
  public synchronized void stopAfter(Duration limit) {
    if (closed) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "coroner-timeout");
      t.setDaemon(true);
      return t;
    });
    timer.schedule(() -> stop("timed out after " + seconds(limit)), limit.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /**
   * Stops the program, unless it already finished or was already stopped.
   *
   * @return whether this call stopped it
   */
  public synchronized boolean stop(String why) {
    if (closed || reason != null) {
      return false;
    }
    reason = why;
    store.interrupt();
    thread.interrupt();
    return true;
  }

  /** Why the program was stopped, if it was. */
  public synchronized Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
    }
    if (Thread.currentThread() == thread) {
      Thread.interrupted();
    }
  }

  /** A duration as people write it: {@code 2 s}, {@code 1.5 s}, {@code 250 ms}. */
  static String seconds(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return (ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0)) + " s";
  }
}
