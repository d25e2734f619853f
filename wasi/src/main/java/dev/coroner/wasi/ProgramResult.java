package dev.coroner.wasi;

import dev.coroner.coredump.CoreDump;
import dev.coroner.interpreter.TrapException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a run of a program fixture produced: its outcome, its output, and for a trap the coredump
 * (the model, and its canonical encoding taken the moment the trap happened).
 */
public final class ProgramResult {
  private final ProgramSpec spec;
  private final ProgramOutcome outcome;
  private final String stoppedBecause;
  private final byte[] stdout;
  private final byte[] stderr;
  private final boolean outputLimitReached;
  private final byte[] coredump;

  ProgramResult(ProgramSpec spec, ProgramOutcome outcome, String stoppedBecause, byte[] stdout,
      byte[] stderr, boolean outputLimitReached, byte[] coredump) {
    this.spec = spec;
    this.outcome = outcome;
    this.stoppedBecause = stoppedBecause;
    this.stdout = stdout.clone();
    this.stderr = stderr.clone();
    this.outputLimitReached = outputLimitReached;
    this.coredump = coredump == null ? null : coredump.clone();
  }

  public ProgramSpec spec() {
    return spec;
  }

  public ProgramOutcome outcome() {
    return outcome;
  }

  /** The exit code, when the program exited. */
  public OptionalLong exitCode() {
    return outcome instanceof ProgramOutcome.Exited e
        ? OptionalLong.of(e.exitCode()) : OptionalLong.empty();
  }

  /** The trap, when the program trapped (not when it was stopped). */
  public Optional<TrapException> trap() {
    return outcome instanceof ProgramOutcome.Trapped t ? Optional.of(t.trap()) : Optional.empty();
  }

  /** The coredump of the trap. Its memories are views of the finished run's store. */
  public Optional<CoreDump> coreDump() {
    return trap().flatMap(TrapException::coreDump);
  }

  /** The coredump's canonical encoding, taken at the trap. */
  public Optional<byte[]> coredumpBytes() {
    return Optional.ofNullable(coredump).map(byte[]::clone);
  }

  public byte[] stdout() {
    return stdout.clone();
  }

  public byte[] stderr() {
    return stderr.clone();
  }

  /** Standard output as UTF-8 text. */
  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** Standard error as UTF-8 text. */
  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }

  /** The outcome in words: {@code trap: unreachable (...)}, {@code exit code 3}, ... */
  public String describe() {
    if (outcome instanceof ProgramOutcome.Exited e) {
      return "exit code " + e.exitCode();
    }
    if (outcome instanceof ProgramOutcome.Trapped t) {
      return "trap: " + t.trap().getMessage();
    }
    return "stopped: " + stoppedBecause;
  }

  /**
   * How this result differs from the spec's expectation, one line per difference; empty when it
   * matches.
   */
  public List<String> mismatches() {
    List<String> out = new ArrayList<>();
    ProgramSpec.Expectation expect = spec.expect();
    if (expect.trap().isPresent()) {
      String want = expect.trap().get();
      boolean ok = outcome instanceof ProgramOutcome.Trapped t
          && t.trap().specMessage().equals(want);
      if (!ok) {
        out.add("expected trap \"" + want + "\", got " + describe());
      }
    } else {
      long want = expect.exitCode().getAsLong();
      if (exitCode().isEmpty() || exitCode().getAsLong() != want) {
        out.add("expected exit code " + want + ", got " + describe());
      }
    }
    if (outputLimitReached) {
      out.add("the program's output reached the runner's limit and was cut off");
    }
    expect.stdout().ifPresent(want -> {
      if (!want.equals(stdoutText())) {
        out.add("stdout differs: expected " + quote(want) + ", got " + quote(stdoutText()));
      }
    });
    expect.stdoutSha256().ifPresent(want -> {
      String got = sha256(stdout);
      if (!want.equals(got)) {
        out.add("stdout differs: expected SHA-256 " + want + ", got " + got + " ("
            + stdout.length + " bytes)");
      }
    });
    expect.stderr().ifPresent(want -> {
      if (!want.equals(stderrText())) {
        out.add("stderr differs: expected " + quote(want) + ", got " + quote(stderrText()));
      }
    });
    return out;
  }

  /** The SHA-256 of {@code bytes}, lowercase hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A short quoted rendering for messages: escapes, and long texts cut in the middle. */
  static String quote(String s) {
    String body = s.length() <= 400 ? s : s.substring(0, 200) + "[... " + (s.length() - 400)
        + " chars ...]" + s.substring(s.length() - 200);
    return "\"" + body.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
        .replace("\"", "\\\"") + "\"";
  }
}
