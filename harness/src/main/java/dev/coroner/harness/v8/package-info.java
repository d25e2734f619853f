/**
 * The V8 cross-check: a second engine vouches for every golden.
 *
 * <p>{@link dev.coroner.harness.v8.V8Job}s (a {@code .wast}/{@code .wat} fixture's commands, or a
 * WASI program) are written as one JSON manifest ({@code V8Manifest}) and run by one Node.js
 * process ({@code Node}, script {@code v8-frames.mjs} in this package's resources), which reports
 * V8's Wasm frames for every trapping command ({@link dev.coroner.harness.v8.V8Result}, read
 * strictly by {@code V8Output}). {@code FrameComparison} places each coredump frame in its module
 * ({@code ModulePlaces}, through the {@code symbols} module) and compares it with V8's, frame for
 * frame, allowing only the documented {@link dev.coroner.harness.v8.V8Deviation}s; {@link
 * dev.coroner.harness.v8.V8CrossCheck} returns one {@link dev.coroner.harness.v8.Verdict} per
 * coredump in a {@link dev.coroner.harness.v8.V8Report}.
 *
 * <p>Users: the build's {@code V8CrossCheckTest} over {@link
 * dev.coroner.harness.v8.GoldenSubjects}, blessing through {@link
 * dev.coroner.harness.v8.V8BlessGuard}, and {@code coroner run --check-v8}. The exceptions and
 * their reasons are in {@code docs/coredump-format.md} section 7.
 *
 * <p>Adding program fixtures: build a {@link dev.coroner.harness.v8.V8Job.Program} per program
 * (module, arguments, environment, preopens, stdin, golden key), add {@code V8Subject}s for its
 * goldens to those of {@code GoldenSubjects.ofFixtures}, and pass {@code V8BlessGuard.of(job)} to
 * {@code Conformance.checkCapture}; the script already runs such jobs through {@code node:wasi}.
 */
package dev.coroner.harness.v8;
