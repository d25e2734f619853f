package dev.coroner.harness.v8;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What V8 did at one coredump-producing command of a job, as the Node script reports it ({@code
 * v8-frames.mjs}).
 */
public sealed interface V8Result
    permits V8Result.Trapped, V8Result.Unavailable, V8Result.Exited, V8Result.Failed {

  /** The job's id: the fixture's path relative to the fixture root. */
  String id();

  /**
   * The command's key (a script's trapping command: its line); empty only for a failure that
   * belongs to no trapping command (a module that does not instantiate, say).
   */
  Optional<String> key();

  /**
   * The command trapped (or exhausted V8's stack).
   *
   * @param exhaustion whether V8 ran out of stack ({@code RangeError}) rather than trapped
   * @param error V8's error class, e.g. {@code RuntimeError}
   * @param message V8's message, e.g. {@code divide by zero}
   * @param frames the Wasm frames, youngest first
   */
  record Trapped(
      String id, String keyValue, boolean exhaustion, String error, String message,
      List<V8Frame> frames) implements V8Result {
    /** Copies the frames. */
    public Trapped {
      Objects.requireNonNull(keyValue, "key");
      frames = List.copyOf(frames);
    }

    @Override
    public Optional<String> key() {
      return Optional.of(keyValue);
    }
  }

  /**
   * The job needs a host module V8 does not have, from {@code line} on (empty for a program), so
   * this command did not run.
   */
  record Unavailable(String id, String keyValue, String module, Optional<Integer> line)
      implements V8Result {
    @Override
    public Optional<String> key() {
      return Optional.of(keyValue);
    }
  }

  /** A program exited (through WASI {@code proc_exit} or by returning) instead of trapping. */
  record Exited(String id, String keyValue, int code) implements V8Result {
    @Override
    public Optional<String> key() {
      return Optional.of(keyValue);
    }
  }

  /** The job did not run in V8 as written; the message says where and why. */
  record Failed(String id, Optional<String> key, String message) implements V8Result {}
}
