package dev.coroner.debugserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PacketChannelTest {

  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

  private PacketChannel channel(String input) {
    return new PacketChannel(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), sent);
  }

  private String sent() {
    return sent.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsAPacketAndAcknowledgesIt() throws Exception {
    PacketChannel c = channel("+$qC#b4");
    assertEquals(new PacketChannel.Packet("qC"), c.next());
    assertEquals("+", sent());
    assertNull(c.next());
  }

  @Test
  void aBadChecksumIsRefusedWithAMinusAndSkipped() throws Exception {
    PacketChannel c = channel("$qC#00$qC#zz$?#3f");
    assertEquals(new PacketChannel.Packet("?"), c.next());
    assertEquals("--+", sent());
  }

  @Test
  void withoutAcknowledgementsABadChecksumIsReturned() throws Exception {
    PacketChannel c = channel("$qC#00");
    c.stopAcks();
    PacketChannel.BadChecksum b = assertInstanceOf(PacketChannel.BadChecksum.class, c.next());
    assertEquals("00", b.checksum());
    assertEquals("qC", b.payloadStart());
    assertEquals("", sent());
  }

  @Test
  void unescapesPayloadsAndChecksumsTheBytesAsSent() throws Exception {
    // "a}]b" is "a" + escaped '}' + "b": 0x61 + 0x7d + 0x5d + 0x62 = 0x19d.
    PacketChannel c = channel("$a}]b#9d");
    assertEquals(new PacketChannel.Packet("a}b"), c.next());
  }

  @Test
  void theInterruptByteIsItsOwnMessage() throws Exception {
    assertInstanceOf(PacketChannel.Interrupt.class, channel("\u0003").next());
  }

  @Test
  void anEndInsideAPacketIsTheEnd() throws Exception {
    assertNull(channel("$qWasmCallSt").next());
    assertNull(channel("$qC#b").next());
  }

  @Test
  void aNewDollarRestartsAPacket() throws Exception {
    assertEquals(new PacketChannel.Packet("qC"), channel("$garbage$qC#b4").next());
  }

  @Test
  void aTooLongPacketIsConsumedButNotKept() throws Exception {
    String payload = "x".repeat(PacketChannel.MAX_REQUEST + 1);
    int sum = 0;
    for (char ch : payload.toCharArray()) {
      sum += ch;
    }
    PacketChannel c = channel("$" + payload + "#" + String.format("%02x", sum & 0xFF) + "$?#3f");
    assertEquals(new PacketChannel.TooLong(PacketChannel.MAX_REQUEST + 1), c.next());
    assertEquals(new PacketChannel.Packet("?"), c.next());
  }

  @Test
  void repliesAreFramedEscapedAndResentOnAMinus() throws Exception {
    PacketChannel c = channel("-");
    c.send("a$b");
    // '$' (0x24) is sent as '}' 0x04: 0x61 + 0x7d + 0x04 + 0x62 = 0x144.
    assertEquals("$a}\u0004b#44", sent());
    c.next();
    assertEquals("$a}\u0004b#44$a}\u0004b#44", sent());
  }
}
