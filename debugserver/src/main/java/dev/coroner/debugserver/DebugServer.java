package dev.coroner.debugserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A read-only GDB-remote server on the loopback interface that shows a {@link CoreTarget} to
 * LLDB's WebAssembly process plugin ({@code process connect --plugin wasm
 * connect://127.0.0.1:PORT}).
 *
 * <p>One client at a time: a connection made while another client is being served is closed
 * (after a short grace period, in case that client is just leaving). The server ends when its client detaches ({@code D}) or kills ({@code k}), or on {@link
 * #close()}; a client that just disconnects leaves the server waiting for the next one.
 */
public final class DebugServer implements AutoCloseable {

  /** How long a new connection waits for the previous client's session to wind down. */
  static final long HANDOVER_MILLIS = 1000;

  private final CoreTarget target;
  private final ServerSocket server;
  private final Consumer<String> log;
  private final boolean logPackets;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<Socket> client = new AtomicReference<>();
  private final AtomicInteger sessions = new AtomicInteger();
  private final CountDownLatch ended = new CountDownLatch(1);

  private DebugServer(
      CoreTarget target, ServerSocket server, Consumer<String> log, boolean logPackets) {
    this.target = target;
    this.server = server;
    this.log = log;
    this.logPackets = logPackets;
  }

  /**
   * Binds {@code 127.0.0.1:port} ({@code 0}: a free port) and starts accepting clients on a
   * background thread.
   *
   * @param log receives one line per event (client connected, refused, gone; with {@code
   *     logPackets}, every packet in both directions)
   * @throws IOException if the port cannot be bound
   */
  public static DebugServer start(
      CoreTarget target, int port, Consumer<String> log, boolean logPackets) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(log, "log");
    ServerSocket socket = new ServerSocket();
    try {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    DebugServer server = new DebugServer(target, socket, log, logPackets);
    Thread acceptor = new Thread(server::acceptLoop, "coroner-debug-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** The LLDB command that connects to this server, with {@code lldb} as LLDB's executable. */
  public String connectCommand(String lldb) {
    return lldb + " -o \"process connect --plugin wasm connect://127.0.0.1:" + port() + "\"";
  }

  /** How many client sessions have been served (finished or running). */
  public int sessions() {
    return sessions.get();
  }

  /** Waits until the server has ended (client detached or killed, or {@link #close()}). */
  public void awaitEnd() throws InterruptedException {
    ended.await();
  }

  /** As {@link #awaitEnd()}, at most {@code timeout}; true if the server has ended. */
  public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
    return ended.await(timeout, unit);
  }

  /** Stops accepting clients and drops the current one. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    Socket current = client.get();
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    ended.countDown();
  }

  private void acceptLoop() {
    while (!closed.get()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        break; // closed
      }
      if (!claim()) {
        log.accept("refused a connection from " + socket.getRemoteSocketAddress()
            + ": another client is connected");
        closeQuietly(socket);
        continue;
      }
      client.set(socket);
      sessions.incrementAndGet();
      Thread session = new Thread(() -> serve(socket), "coroner-debug-session");
      session.setDaemon(true);
      session.start();
    }
    close();
  }

  /**
   * Takes the one client slot, waiting up to {@link #HANDOVER_MILLIS} for a client that has just
   * left to be cleaned up (so a quick reconnect is not turned away).
   */
  private boolean claim() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANDOVER_MILLIS);
    while (!busy.compareAndSet(false, true)) {
      if (System.nanoTime() > deadline || closed.get()) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void serve(Socket socket) {
    log.accept("client connected from " + socket.getRemoteSocketAddress());
    Session.End end;
    try {
      socket.setTcpNoDelay(true);
      end = new Session(socket, target, log, logPackets).run();
    } catch (IOException e) {
      end = Session.End.DISCONNECTED;
    } finally {
      client.set(null);
      closeQuietly(socket);
      busy.set(false);
    }
    if (end == Session.End.CLIENT_ENDED) {
      log.accept("client detached; the server ends");
      close();
    } else if (!closed.get()) {
      log.accept("client disconnected; waiting for the next client on port " + port());
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
