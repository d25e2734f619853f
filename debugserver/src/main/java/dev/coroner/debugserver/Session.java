package dev.coroner.debugserver;

import java.io.IOException;
import java.net.Socket;
import java.util.function.Consumer;

/** One client connection: reads packets, answers them, until the client leaves or ends it. */
final class Session {

  /** How a session ended. */
  enum End {
    /** The client detached or killed: the server ends. */
    CLIENT_ENDED,
    /** The connection closed (or failed) without a detach: the server waits for another client. */
    DISCONNECTED
  }

  private final Socket socket;
  private final Responder responder;
  private final Consumer<String> log;
  private final boolean logPackets;

  Session(Socket socket, CoreTarget target, Consumer<String> log, boolean logPackets) {
    this.socket = socket;
    this.responder = new Responder(target);
    this.log = log;
    this.logPackets = logPackets;
  }

  End run() {
    try (socket) {
      PacketChannel channel = new PacketChannel(socket.getInputStream(), socket.getOutputStream());
      while (true) {
        PacketChannel.Incoming in = channel.next();
        if (in == null) {
          return End.DISCONNECTED;
        }
        String reply;
        boolean ends = false;
        boolean noAck = false;
        if (in instanceof PacketChannel.Packet p) {
          Responder.Reply r = answer(p.payload());
          packet("<-", p.payload());
          if (!r.console().isEmpty()) {
            channel.send("O" + Hex.text(r.console()));
          }
          reply = r.payload();
          ends = r.endsSession();
          noAck = Responder.startsNoAckMode(p.payload());
        } else if (in instanceof PacketChannel.Interrupt) {
          // The process is always stopped: an interrupt is answered with the stop reply.
          reply = responder.respond("?").payload();
          packet("<-", "\\x03 (interrupt)");
        } else if (in instanceof PacketChannel.BadChecksum b) {
          reply = responder.badChecksum();
          log.accept("bad checksum " + b.checksum() + " on a packet starting \"" + b.payloadStart()
              + "\"");
        } else {
          long length = ((PacketChannel.TooLong) in).length();
          reply = responder.tooLong(length);
          log.accept("ignored a packet of " + length + " bytes (longest kept: "
              + PacketChannel.MAX_REQUEST + ")");
        }
        channel.send(reply);
        packet("->", reply);
        if (noAck) {
          channel.stopAcks();
        }
        if (ends) {
          return End.CLIENT_ENDED;
        }
      }
    } catch (IOException e) {
      return End.DISCONNECTED;
    }
  }

  /** The responder's reply; an unexpected exception becomes an error reply, never a crash. */
  private Responder.Reply answer(String payload) {
    try {
      return responder.respond(payload);
    } catch (RuntimeException e) {
      log.accept("internal error answering \"" + payload + "\": " + e);
      return Responder.Reply.of("E7f");
    }
  }

  private void packet(String direction, String payload) {
    if (logPackets) {
      String shown = payload.length() > 200
          ? payload.substring(0, 200) + "... (" + payload.length() + " bytes)"
          : payload;
      log.accept(direction + " " + shown);
    }
  }
}
