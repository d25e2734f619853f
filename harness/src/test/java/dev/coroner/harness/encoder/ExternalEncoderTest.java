package dev.coroner.harness.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coroner.coredump.CoreDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalEncoderTest {

  private static final String PYTHON_EXAMPLE = "examples/python-encoder/encode.py";

  @TempDir Path temp;

  /** The repository root: the nearest directory upwards that holds the Python example. */
  private static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(PYTHON_EXAMPLE))) {
        return p;
      }
    }
    throw new AssertionError(PYTHON_EXAMPLE + " not found above " + Path.of("").toAbsolutePath());
  }

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static EncoderException exception(String template, Duration timeout, Path dir) {
    ExternalEncoder enc = new ExternalEncoder(template, dir, timeout);
    CoreDump dump = SyntheticGoldens.dumps().get("empty.wast/3.core");
    return assertThrows(EncoderException.class, () -> enc.encode(dump));
  }

  private static String failure(String template, Duration timeout, Path dir) {
    EncoderException e = exception(template, timeout, dir);
    assertEquals(EncoderException.Kind.FAILED, e.kind(), e.getMessage());
    return e.getMessage();
  }

  @Test
  void pythonExampleIsByteIdenticalOnEveryGolden() throws IOException {
    assumeTrue(runs("python3", "--version"),
        "python3 is not on the PATH: skipping the Python example encoder");
    Path root = SyntheticGoldens.rootOr(temp);
    ExternalEncoder python =
        new ExternalEncoder("python3 " + PYTHON_EXAMPLE + " {state} {out}", repoRoot(),
            Duration.ofSeconds(60));
    EncoderReport report = EncoderSuite.run(root, python, Mode.EXACT);
    assertTrue(report.judged() > 0, report.render());
    assertTrue(report.allPass(), report.render());
  }

  @Test
  void commandNotFound() {
    EncoderException e =
        exception("no-such-encoder-xyz {state} {out}", Duration.ofSeconds(10), temp);
    assertEquals(EncoderException.Kind.CANNOT_START, e.kind());
    assertTrue(e.getMessage().startsWith(
        "cannot start encoder command no-such-encoder-xyz (not found"), e.getMessage());
  }

  @Test
  void aCommandThatCannotStartIsReportedOnceNotPerGolden() throws IOException {
    Path root = SyntheticGoldens.writeTree(temp.resolve("golden"));
    EncoderReport report = EncoderSuite.run(root,
        new ExternalEncoder("no-such-encoder-xyz {state} {out}", temp, Duration.ofSeconds(10)),
        Mode.EXACT);
    assertFalse(report.ok());
    String text = report.render();
    assertEquals(1, text.split("cannot start encoder command", -1).length - 1, text);
    assertTrue(report.stopped().orElseThrow().startsWith("the encoder cannot run: cannot start"),
        text);
  }

  @Test
  void nonZeroExitQuotesStandardError() {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
    String m = failure("/bin/sh -c 'echo boom >&2; exit 3' sh {state} {out}",
        Duration.ofSeconds(10), temp);
    assertTrue(m.startsWith("encoder command exited with status 3: /bin/sh -c"), m);
    assertTrue(m.endsWith("standard error:\nboom\n"), m);
  }

  @Test
  void noOutputWritten() {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
    String m = failure("/bin/sh -c 'exit 0' sh {state} {out}", Duration.ofSeconds(10), temp);
    assertTrue(m.startsWith("encoder command exited normally but wrote no output to {out}"), m);
  }

  @Test
  void timeoutKillsTheCommand() {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
    long start = System.nanoTime();
    EncoderException e =
        exception("/bin/sh -c 'sleep 20' sh {state} {out}", Duration.ofSeconds(1), temp);
    assertEquals(EncoderException.Kind.TIMED_OUT, e.kind());
    String m = e.getMessage();
    assertTrue(m.startsWith("encoder command timed out after 1 s and was killed"), m);
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
  }

  @Test
  void aHangingCommandStopsTheRunAfterTwoTimeouts() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
    Path root = SyntheticGoldens.writeTree(temp.resolve("golden"));
    long start = System.nanoTime();
    EncoderReport report = EncoderSuite.run(root,
        new ExternalEncoder("/bin/sh -c 'sleep 20' sh {state} {out}", temp,
            Duration.ofSeconds(1)),
        Mode.EXACT);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertTrue(report.stopped().orElseThrow().startsWith(
        "the encoder timed out on each of the first 2 goldens, so the other 2 were not tried"),
        report.render());
    assertTrue(seconds < 15, "took " + seconds + " s");
  }

  @Test
  void commandSeesTheStateFile() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
    ExternalEncoder copy =
        new ExternalEncoder("/bin/sh -c 'cp \"$0\" \"$1\"' {state} {out}", temp,
            Duration.ofSeconds(10));
    CoreDump dump = SyntheticGoldens.dumps().get("empty.wast/3.core");
    assertEquals(StateJson.write(dump), new String(copy.encode(dump), "UTF-8"));
  }

  @Test
  void templateNeedsBothPlaceholders() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ExternalEncoder("python3 enc.py {state}"));
    assertEquals("encoder command \"python3 enc.py {state}\" lacks the placeholder {out} (it "
        + "needs both {state} and {out})", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ExternalEncoder("a '{state} {out}"));
  }

  @Test
  void templateWordsAndQuotes() {
    assertEquals(List.of("a", "b c", "d'e", "{state}"),
        ExternalEncoder.split("  a 'b c' \"d'e\"\t{state} "));
    ExternalEncoder enc = new ExternalEncoder("x --in={state} {out}");
    assertEquals(List.of("x", "--in=/s", "/o"), enc.command(Path.of("/s"), Path.of("/o")));
    assertEquals("external: x --in={state} {out}", enc.name());
  }

  @Test
  void configuredFromProperties() {
    Properties p = new Properties();
    assertEquals(Optional.empty(), Encoders.fromProperties(p));
    p.setProperty(Encoders.COMMAND_PROPERTY, "python3 e.py {state} {out}");
    p.setProperty(Encoders.TIMEOUT_PROPERTY, "5");
    assertEquals("external: python3 e.py {state} {out}",
        Encoders.fromProperties(p).orElseThrow().name());
    p.setProperty(Encoders.TIMEOUT_PROPERTY, "soon");
    assertThrows(IllegalArgumentException.class, () -> Encoders.fromProperties(p));
  }
}
