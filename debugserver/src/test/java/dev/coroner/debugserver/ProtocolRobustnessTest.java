package dev.coroner.debugserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw socket client against a running server: whatever it sends, the server keeps serving. */
class ProtocolRobustnessTest {

  private final List<String> log = new ArrayList<>();
  private DebugServer server;

  @TempDir Path tmp;

  private DebugServer start(CoreTarget target) throws IOException {
    server = DebugServer.start(target, 0, line -> {
      synchronized (log) {
        log.add(line);
      }
    }, false);
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String stopReply() throws Exception {
    return new Responder(Targets.inventory()).respond("?").payload();
  }

  @Test
  void malformedPacketsGetErrorsAndTheSessionGoesOn() throws Exception {
    start(Targets.inventory());
    try (RawClient c = new RawClient(server.port())) {
      assertEquals("E01", c.ask("mzz,4"));
      assertEquals("E01", c.ask("qWasmLocal:x;y"));
      assertEquals("E01", c.ask("Hgzz"));
      c.sendRaw("junk between packets+++");
      assertEquals(stopReply(), c.ask("?"));
    }
  }

  @Test
  void badChecksumsAreRefusedThenTheResentPacketIsAnswered() throws Exception {
    start(Targets.inventory());
    try (RawClient c = new RawClient(server.port())) {
      c.sendRaw("$qC#00");
      assertEquals('-', c.read());
      c.sendRaw("$qC#zz");
      assertEquals('-', c.read());
      assertEquals("QC1", c.ask("qC"));
      c.noAck();
      c.sendRaw("$qC#00");
      assertEquals("E01", c.reply());
      assertEquals("QC1", c.ask("qC"));
    }
  }

  @Test
  void unknownPacketsGetTheEmptyReply() throws Exception {
    start(Targets.inventory());
    try (RawClient c = new RawClient(server.port())) {
      assertEquals("", c.ask("qNoSuchThing"));
      assertEquals("", c.ask("jSomething:{}"));
      assertEquals("", c.ask("vNoSuchThing"));
      assertEquals("QC1", c.ask("qC"));
    }
  }

  @Test
  void aRequestToRunIsRefusedAndTheCoredumpStaysAsItWas() throws Exception {
    start(Targets.inventory());
    try (RawClient c = new RawClient(server.port())) {
      c.noAck();
      c.sendRaw(RawClient.frame("c"));
      String console = c.reply();
      assertTrue(console.startsWith("O"), console);
      String text = new String(HexFormat.of().parseHex(console.substring(1)));
      assertTrue(text.contains("the process is a coredump"), text);
      assertTrue(c.reply().startsWith("E05"));
      assertTrue(c.ask("M10000,4:00000000").startsWith("E05"));
      assertTrue(c.ask("Z0,4000000000000080,1").startsWith("E05"));
      assertEquals(stopReply(), c.ask("?"));
    }
  }

  @Test
  void anInterruptIsAnsweredWithTheStopReply() throws Exception {
    start(Targets.inventory());
    try (RawClient c = new RawClient(server.port())) {
      c.sendRaw("\u0003");
      assertEquals(stopReply(), c.reply());
    }
  }

  @Test
  void aTooLongPacketIsRefusedWithoutKeepingIt() throws Exception {
    start(Targets.inventory());
    try (RawClient c = new RawClient(server.port())) {
      c.noAck();
      assertEquals("E01", c.ask("q" + "x".repeat(200_000)));
      assertEquals("QC1", c.ask("qC"));
    }
  }

  @Test
  void aHugeMemoryReadIsAnsweredInABoundedChunk() throws Exception {
    // A 4 GiB memory, all zeros but its last 16 bytes: reads never allocate more than a chunk.
    byte[] tail = new byte[16];
    for (int i = 0; i < 16; i++) {
      tail[i] = (byte) (0xF0 + i);
    }
    long size = 65536L * Memory.PAGE_SIZE;
    MemoryContents contents = new MemoryContents() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public void read(long offset, byte[] dst, int dstOffset, int length) {
        for (int i = 0; i < length; i++) {
          long at = offset + i;
          dst[dstOffset + i] = at >= size - 16 ? tail[(int) (at - (size - 16))] : 0;
        }
      }
    };
    CoreDump inventory = Targets.inventoryDump();
    List<Memory> memories = List.of(new Memory(65536, OptionalLong.empty(), false, false,
        contents));
    CoreDump huge = new CoreDump(inventory.processName(), inventory.modules(),
        List.of(new Instance(0, List.of(0), inventory.instances().get(0).globals())), memories,
        inventory.globals(), inventory.threads());
    start(Targets.of(huge, Targets.image(Targets.inventoryWasm())));
    Runtime rt = Runtime.getRuntime();
    try (RawClient c = new RawClient(server.port())) {
      c.noAck();
      for (int i = 0; i < 16; i++) {
        String chunk = c.ask("m" + Long.toHexString((long) i * 0x1000_0000L) + ",ffffffff");
        assertEquals(2 * Responder.MAX_READ, chunk.length());
      }
      assertEquals(HexFormat.of().formatHex(tail), c.ask("mfffffff0,ffffffff"));
      assertTrue(c.ask("m100000000,10").startsWith("E04"), "past the end of instance 0");
      assertTrue(c.ask("mffffffffffffffff,10").startsWith("E04"));
      assertTrue(c.ask("m4000000000000000,ffffffffffffffff").length()
          <= 2 * Responder.MAX_READ);
    }
    assertTrue(rt.totalMemory() - rt.freeMemory() < 512L << 20, "heap stays small");
  }

  @Test
  void aClientThatDisconnectsMidPacketLeavesTheServerServing() throws Exception {
    start(Targets.inventory());
    try (RawClient c = new RawClient(server.port())) {
      c.sendRaw("$qWasmCallSt");
    }
    try (RawClient c = new RawClient(server.port())) {
      assertEquals("QC1", c.ask("qC"));
    }
    assertFalse(server.awaitEnd(100, TimeUnit.MILLISECONDS));
  }

  @Test
  void twoClientsOneAfterTheOtherThenADetachEndsTheServer() throws Exception {
    start(Targets.inventory());
    String first;
    try (RawClient c = new RawClient(server.port())) {
      first = c.ask("qWasmCallStack:1");
    }
    try (RawClient c = new RawClient(server.port())) {
      assertEquals(first, c.ask("qWasmCallStack:1"));
      assertEquals("OK", c.ask("D"));
    }
    assertTrue(server.awaitEnd(10, TimeUnit.SECONDS));
    assertEquals(2, server.sessions());
  }

  @Test
  void aKillEndsTheServer() throws Exception {
    start(Targets.inventory());
    try (RawClient c = new RawClient(server.port())) {
      assertEquals("X09", c.ask("k"));
    }
    assertTrue(server.awaitEnd(10, TimeUnit.SECONDS));
  }

  @Test
  void aSecondClientWhileOneIsConnectedIsTurnedAway() throws Exception {
    start(Targets.inventory());
    try (RawClient first = new RawClient(server.port())) {
      assertEquals("QC1", first.ask("qC"));
      try (RawClient second = new RawClient(server.port())) {
        try {
          assertEquals(-1, second.read(), "the second connection is closed at once");
        } catch (SocketTimeoutException | java.net.SocketException e) {
          throw new AssertionError("the second client was not turned away", e);
        }
      }
      assertEquals("QC1", first.ask("qC"));
    }
    synchronized (log) {
      assertTrue(log.stream().anyMatch(l -> l.startsWith("refused a connection")), log::toString);
    }
  }

  @Test
  void libraryNamesWithProtocolCharactersArriveIntact() throws Exception {
    Path weird = tmp.resolve("we$ird#na}me*&<x>.wasm");
    Files.copy(Targets.inventoryWasm(), weird);
    CoreDump dump = Targets.inventoryDump();
    start(Targets.of(dump, Targets.image(weird)));
    try (RawClient c = new RawClient(server.port())) {
      String xml = c.ask("qXfer:libraries:read::0,ffff");
      String escaped = weird.toAbsolutePath().toString().replace("&", "&amp;")
          .replace("<", "&lt;").replace(">", "&gt;");
      assertTrue(xml.contains("name=\"" + escaped + "\""), xml);
    }
  }

  @Test
  void aDumpWithNoThreadsStillAnswers() throws Exception {
    CoreDump d = Targets.inventoryDump();
    CoreDump none = new CoreDump(d.processName(), d.modules(), d.instances(), d.memories(),
        d.globals(), List.<CoreStack>of());
    start(Targets.of(none));
    try (RawClient c = new RawClient(server.port())) {
      assertEquals("l", c.ask("qfThreadInfo"));
      assertTrue(c.ask("p0").startsWith("E02"));
      assertTrue(c.ask("qWasmLocal:0;0").startsWith("E02"));
      assertEquals("QC1", c.ask("qC"));
    }
  }

  @Test
  void aThreadWithoutFramesHasNoCallStack() throws Exception {
    CoreDump d = Targets.inventoryDump();
    CoreDump empty = new CoreDump(d.processName(), d.modules(), d.instances(), d.memories(),
        d.globals(), List.of(new CoreStack("main", List.<Frame>of())));
    start(Targets.of(empty));
    try (RawClient c = new RawClient(server.port())) {
      assertTrue(c.ask("qWasmCallStack:1").startsWith("E02"));
      assertTrue(c.ask("?").startsWith("T05thread:1;"));
    }
  }
}
