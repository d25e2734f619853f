package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DebugCommandTest {

  private static final Path PROGRAMS = Cli.repo().resolve("debugserver/src/test/resources/programs");
  private static final Path CORE = PROGRAMS.resolve("inventory-O0.wasm.core");
  private static final Path WASM = PROGRAMS.resolve("inventory-O0.wasm");

  @TempDir Path tmp;

  @Test
  void printsTheLldbCommandAndServesUntilTheClientDetaches() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> cli.execute("debug", CORE.toString(), "--wasm", WASM.toString()));
    Pattern command = Pattern.compile(
        "  (lldb(-22)?) -o \"process connect --plugin wasm connect://127\\.0\\.0\\.1:(\\d+)\"");
    Matcher m = command.matcher("");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!m.reset(out.toString()).find()) {
      assertTrue(System.nanoTime() < deadline, () -> "no LLDB command printed:\n" + out + err);
      assertTrue(!exit.isDone(), () -> "ended early:\n" + out + err);
      Thread.sleep(20);
    }
    String banner = out.toString();
    assertTrue(banner.contains("stop reason: trap: integer divide by zero (i32.div_s)"), banner);
    assertTrue(banner.contains("module 0 \"inventory-O0.wasm\": " + WASM
        + " (matched by name section)"), banner);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(3)))) {
      s.setSoTimeout(10_000);
      OutputStream o = s.getOutputStream();
      InputStream i = s.getInputStream();
      o.write("$D#44".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      byte[] reply = i.readNBytes(7); // '+' then "$OK#9a"
      assertEquals("+$OK#9a", new String(reply, StandardCharsets.US_ASCII));
    }
    assertEquals(0, exit.get(30, TimeUnit.SECONDS), () -> out + "\n" + err);
    assertTrue(err.toString().contains("client detached; the server ends"), err::toString);
  }

  @Test
  void logPacketsPrintsEveryPacketInBothDirections() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(
        "debug", CORE.toString(), "--wasm", WASM.toString(), "--log-packets"));
    Matcher m = Pattern.compile("connect://127\\.0\\.0\\.1:(\\d+)\"").matcher("");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!m.reset(out.toString()).find()) {
      assertTrue(System.nanoTime() < deadline, () -> "no LLDB command printed:\n" + out + err);
      assertTrue(!exit.isDone(), () -> "ended early:\n" + out + err);
      Thread.sleep(20);
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)))) {
      s.setSoTimeout(10_000);
      OutputStream o = s.getOutputStream();
      InputStream i = s.getInputStream();
      o.write("$?#3f".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      assertEquals('+', i.read());
      assertEquals('$', i.read());
      StringBuilder stop = new StringBuilder();
      for (int c = i.read(); c != '#'; c = i.read()) {
        assertTrue(c >= 0, "the server closed the connection");
        stop.append((char) c);
      }
      i.readNBytes(2); // checksum
      o.write("+$D#44".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      assertEquals("+$OK#9a", new String(i.readNBytes(7), StandardCharsets.US_ASCII));
      assertEquals(0, exit.get(30, TimeUnit.SECONDS), () -> out + "\n" + err);
      String log = err.toString();
      assertTrue(stop.toString().startsWith("T05"), stop::toString);
      for (String line : new String[] {"coroner debug: <- ?", "coroner debug: -> " + stop,
          "coroner debug: <- D", "coroner debug: -> OK"}) {
        assertTrue(log.lines().anyMatch(line::equals), () -> "no line \"" + line + "\" in:\n"
            + log);
      }
    }
  }

  @Test
  void aPortThatIsTakenIsAUsageError() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Result r = Cli.run("debug", CORE, "--wasm", WASM, "--port", taken.getLocalPort());
      assertEquals(2, r.exit(), r::toString);
      assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
          r::toString);
    }
  }

  @Test
  void aModuleThatDoesNotMatchTheFramesIsRefused() throws Exception {
    Path other = tmp.resolve("other.wasm");
    Files.write(other, Cli.modules("(module (func))").get(0));
    Cli.Result r = Cli.run("debug", CORE, "--wasm", other);
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().startsWith(CORE + ": [ModuleMismatch] frame #0 of thread 0 \"main\""),
        r::toString);
  }

  @Test
  void aFileThatIsNotAModuleIsRefused() {
    Cli.Result r = Cli.run("debug", CORE, "--wasm", CORE.resolveSibling("inventory.c"));
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().contains("inventory.c: not a WebAssembly module"), r::toString);
  }

  @Test
  void usageErrors() {
    assertEquals(2, Cli.run("debug", tmp.resolve("missing.core")).exit());
    assertEquals(2, Cli.run("debug", CORE, "--port", "70000").exit());
    assertEquals(2, Cli.run("debug").exit());
  }

  @Test
  void helpExplainsTheCommand() {
    Cli.Result r = Cli.run("debug", "--help");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("--wasm=MODULE.wasm"), r::toString);
    assertTrue(r.out().contains("--port=N"), r::toString);
  }
}
