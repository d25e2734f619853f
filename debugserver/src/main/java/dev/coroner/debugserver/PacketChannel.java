package dev.coroner.debugserver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GDB remote serial protocol framing on one connection: {@code $payload#cs} packets with a
 * modulo-256 checksum, {@code +}/{@code -} acknowledgements (until the client turns them off),
 * {@code }} escapes and the {@code 0x03} interrupt byte.
 *
 * <p>Bounded: a request longer than {@link #MAX_REQUEST} bytes is consumed to its end without
 * being kept and reported as {@link TooLong}; bytes outside packets are skipped. Payloads are
 * carried as ISO-8859-1 strings, one char per byte.
 */
final class PacketChannel {

  /** The longest request payload kept, in bytes; this server's requests are all far shorter. */
  static final int MAX_REQUEST = 16 * 1024;

  /** What the client sent next. */
  sealed interface Incoming permits Packet, Interrupt, BadChecksum, TooLong {}

  /** A well-formed packet with a matching checksum. */
  record Packet(String payload) implements Incoming {}

  /** The interrupt byte {@code 0x03} (outside a packet). */
  record Interrupt() implements Incoming {}

  /** A packet whose checksum is not hex or does not match its payload. */
  record BadChecksum(String payloadStart, String checksum) implements Incoming {}

  /** A packet longer than {@link #MAX_REQUEST}. */
  record TooLong(long length) implements Incoming {}

  private final InputStream in;
  private final OutputStream out;
  private final StringBuilder payload = new StringBuilder();
  private boolean acks = true;
  private byte[] lastSent = new byte[0];

  PacketChannel(InputStream in, OutputStream out) {
    this.in = new BufferedInputStream(in);
    this.out = new BufferedOutputStream(out, 64 * 1024);
  }

  /** Whether this side still sends and expects acknowledgements. */
  boolean acks() {
    return acks;
  }

  /** Stops acknowledging (after replying OK to {@code QStartNoAckMode}). */
  void stopAcks() {
    acks = false;
  }

  /**
   * Reads up to the next packet or interrupt, acknowledging it when acknowledgements are on (a
   * {@code -} for a bad checksum, so the client resends). A {@code -} from the client resends
   * the last reply.
   *
   * @return what came, or null at the end of the stream (also in the middle of a packet)
   */
  Incoming next() throws IOException {
    while (true) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      if (b == 0x03) {
        return new Interrupt();
      }
      if (b == '-' && acks && lastSent.length > 0) {
        out.write(lastSent);
        out.flush();
        continue;
      }
      if (b != '$') {
        continue; // '+' acknowledgements and stray bytes between packets
      }
      Incoming packet = readPacket();
      if (packet == null) {
        return null;
      }
      if (acks) {
        out.write(packet instanceof BadChecksum ? '-' : '+');
        out.flush();
        if (packet instanceof BadChecksum) {
          continue;
        }
      }
      return packet;
    }
  }

  /** The rest of a packet after its {@code $}. */
  private Incoming readPacket() throws IOException {
    payload.setLength(0);
    long length = 0;
    int sum = 0;
    boolean escaped = false;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      if (b == '#') {
        break;
      }
      if (b == '$') {
        // A new packet starts: the client gave up on the previous one.
        payload.setLength(0);
        length = 0;
        sum = 0;
        escaped = false;
        continue;
      }
      sum = (sum + b) & 0xFF;
      length++;
      if (length > MAX_REQUEST) {
        continue;
      }
      if (escaped) {
        payload.append((char) (b ^ 0x20));
        escaped = false;
      } else if (b == '}') {
        escaped = true;
      } else {
        payload.append((char) b);
      }
    }
    int hi = in.read();
    int lo = in.read();
    if (hi < 0 || lo < 0) {
      return null;
    }
    int expected = Character.digit(hi, 16) << 4 | Character.digit(lo, 16);
    String cs = "" + (char) hi + (char) lo;
    if (Character.digit(hi, 16) < 0 || Character.digit(lo, 16) < 0 || expected != sum) {
      return new BadChecksum(payload.substring(0, Math.min(payload.length(), 40)), cs);
    }
    if (length > MAX_REQUEST) {
      return new TooLong(length);
    }
    return new Packet(payload.toString());
  }

  /**
   * Sends a reply: the payload escaped ({@code $ # } *} as {@code }} plus the byte xor 0x20),
   * framed and checksummed.
   */
  void send(String reply) throws IOException {
    byte[] raw = reply.getBytes(StandardCharsets.ISO_8859_1);
    int escapes = 0;
    for (byte b : raw) {
      if (special(b)) {
        escapes++;
      }
    }
    byte[] framed = new byte[raw.length + escapes + 4];
    int n = 0;
    int sum = 0;
    framed[n++] = '$';
    for (byte b : raw) {
      if (special(b)) {
        framed[n++] = '}';
        framed[n++] = (byte) (b ^ 0x20);
        sum += '}' + (b ^ 0x20);
      } else {
        framed[n++] = b;
        sum += b & 0xFF;
      }
    }
    framed[n++] = '#';
    framed[n++] = (byte) Character.forDigit((sum >> 4) & 0xF, 16);
    framed[n] = (byte) Character.forDigit(sum & 0xF, 16);
    lastSent = framed;
    out.write(framed);
    out.flush();
  }

  private static boolean special(byte b) {
    return b == '$' || b == '#' || b == '}' || b == '*';
  }
}
