package dev.coroner.debugserver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A hand-driven GDB-remote client for protocol tests: sends exact bytes (well-formed packets or
 * not) and reads replies. Acknowledgements stay on unless {@link #noAck()} is called.
 */
final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private boolean acks = true;

  RawClient(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  static String frame(String payload) {
    int sum = 0;
    for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) {
      sum += b & 0xFF;
    }
    return "$" + payload + "#" + String.format("%02x", sum & 0xFF);
  }

  void sendRaw(String bytes) throws IOException {
    out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Sends a packet and returns the reply's payload (after the server's '+', if acks are on). */
  String ask(String payload) throws IOException {
    sendRaw(frame(payload));
    if (acks) {
      int ack = in.read();
      if (ack != '+') {
        throw new IOException("expected '+', got " + ack);
      }
    }
    return reply();
  }

  /** Reads one reply packet, checks its checksum, unescapes it and acknowledges it. */
  String reply() throws IOException {
    int b;
    do {
      b = in.read();
      if (b < 0) {
        throw new IOException("connection closed");
      }
    } while (b != '$');
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    int sum = 0;
    boolean escaped = false;
    while ((b = in.read()) != '#') {
      if (b < 0) {
        throw new IOException("connection closed in a reply");
      }
      sum += b;
      if (escaped) {
        payload.write(b ^ 0x20);
        escaped = false;
      } else if (b == '}') {
        escaped = true;
      } else {
        payload.write(b);
      }
    }
    String cs = "" + (char) in.read() + (char) in.read();
    if (Integer.parseInt(cs, 16) != (sum & 0xFF)) {
      throw new IOException("bad checksum " + cs + " on a reply");
    }
    if (acks) {
      out.write('+');
      out.flush();
    }
    return payload.toString(StandardCharsets.ISO_8859_1);
  }

  /** The next byte from the server (for acknowledgements). */
  int read() throws IOException {
    return in.read();
  }

  void noAck() throws IOException {
    if (!"OK".equals(ask("QStartNoAckMode"))) {
      throw new IOException("QStartNoAckMode refused");
    }
    acks = false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
