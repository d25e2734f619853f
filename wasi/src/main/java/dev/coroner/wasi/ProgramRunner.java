package dev.coroner.wasi;

import com.dylibso.chicory.wasi.WasiOptions;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.WasmException;
import dev.coroner.interpreter.WasmModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Runs one program fixture ({@link ProgramSpec}) in a fresh {@link Store} with coredump capture
 * on, the way {@code coroner run PROGRAM.wasm} runs it, and returns what happened.
 *
 * <p>The run is reproducible, so that its coredump can be compared byte for byte with a golden:
 * the process name and {@code argv[0]} are the wasm file's name (as with {@code coroner run}), the
 * environment is the spec's only, standard input is the spec's text, output is collected (none of
 * the three streams is a terminal, so the C library buffers standard output fully, as it does in a
 * pipe), the clocks read {@link #CLOCK} and {@code random_get} draws from a {@link Random} seeded
 * with {@value #RANDOM_SEED}.
 */
public final class ProgramRunner {
  /** The clock a program fixture sees (realtime and monotonic alike): fixed, for reproducibility. */
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** The seed of {@code random_get}'s generator. */
  public static final long RANDOM_SEED = 0;

  /** Settings of a run. */
  public record Options(Duration timeout, long maxOutputBytes) {
    /** System property: seconds a program may run before it is stopped (default 60). */
    public static final String TIMEOUT_PROPERTY = "coroner.timeoutSeconds";

    /** Defaults: the timeout from {@value #TIMEOUT_PROPERTY} or 60 s; 64 MiB per stream. */
    public static Options defaults() {
      return new Options(
          Duration.ofSeconds(Long.getLong(TIMEOUT_PROPERTY, 60)), 64L * 1024 * 1024);
    }
  }

  private ProgramRunner() {}

  /** Runs {@code spec} with {@link Options#defaults()}. */
  public static ProgramResult run(ProgramSpec spec) throws IOException, ProgramRunException {
    return run(spec, Options.defaults());
  }

  /**
   * Runs {@code spec}.
   *
   * @throws IOException if the module cannot be read
   * @throws ProgramRunException if the module cannot be parsed, linked or run to an outcome
   */
  public static ProgramResult run(ProgramSpec spec, Options options)
      throws IOException, ProgramRunException {
    byte[] bytes = Files.readAllBytes(spec.wasm());
    WasmModule module;
    try {
      module = WasmModule.parse(bytes);
    } catch (WasmException e) {
      throw new ProgramRunException(
          spec.id() + ": " + spec.programName() + " is not a valid module: " + e.getMessage(), e);
    }
    BoundedOutput stdout = new BoundedOutput(options.maxOutputBytes());
    BoundedOutput stderr = new BoundedOutput(options.maxOutputBytes());
    WasiOptions.Builder wasiOptions = WasiOptions.builder()
        .withArguments(spec.argv())
        .withStdin(new ByteArrayInputStream(spec.stdin().getBytes(StandardCharsets.UTF_8)), false)
        .withStdout(stdout, false)
        .withStderr(stderr, false)
        .withClock(CLOCK)
        .withRandom(new Random(RANDOM_SEED));
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      wasiOptions.withEnvironment(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, java.nio.file.Path> d : spec.dirs().entrySet()) {
      wasiOptions.withDirectory(d.getKey(), d.getValue());
    }
    Store store = new Store(StoreConfig.defaults().withCapture(spec.programName()));
    ProgramOutcome outcome;
    String stopped = null;
    byte[] coredump = null;
    try (Wasi wasi = Wasi.create(wasiOptions.build()); RunGuard guard = new RunGuard(store)) {
      wasi.register(store);
      guard.stopAfter(options.timeout());
      outcome = WasiCommand.run(store, module, Set.of(), instanceName(spec.programName()));
      stopped = guard.reason().orElse(null);
      if (outcome instanceof ProgramOutcome.Trapped t && t.trap().coreDump().isPresent()) {
        coredump = CoreDumpEncoder.encode(t.trap().coreDump().get());
      }
    } catch (WasmException | NotACommandException | WasiInternalError e) {
      throw new ProgramRunException(spec.id() + ": " + e.getMessage(), e);
    }
    return new ProgramResult(spec, outcome, stopped, stdout.toByteArray(), stderr.toByteArray(),
        stdout.overflowed() || stderr.overflowed(), coredump);
  }

  /** The instance name for a wasm file name: the name without {@code .wasm}. */
  public static String instanceName(String fileName) {
    return fileName.endsWith(".wasm")
        ? fileName.substring(0, fileName.length() - ".wasm".length()) : fileName;
  }
}
