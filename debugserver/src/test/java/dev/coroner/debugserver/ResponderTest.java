package dev.coroner.debugserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replies to single packets, over the real -O0 program dump. */
class ResponderTest {

  private CoreTarget target;
  private CoreDump dump;
  private Responder r;

  @BeforeEach
  void setUp() throws Exception {
    target = Targets.inventory();
    dump = target.dump();
    r = new Responder(target);
  }

  private String ask(String packet) {
    return r.respond(packet).payload();
  }

  private static String le64(long v) {
    return Hex.le64(v);
  }

  @Test
  void announcesLibrariesNoAckModeAndAPacketSizeThatHoldsAFullRead() {
    String s = ask("qSupported:xmlRegisters=i386,arm;multiprocess+");
    assertTrue(s.contains("qXfer:libraries:read+"), s);
    assertTrue(s.contains("QStartNoAckMode+"), s);
    assertTrue(s.contains("PacketSize=" + Integer.toHexString(Responder.PACKET_SIZE)), s);
    assertTrue(Responder.PACKET_SIZE >= 2 * Responder.MAX_READ + 4);
  }

  @Test
  void describesAWasm32LittleEndianTarget() {
    String triple = HexFormat.of().formatHex("wasm32-unknown-unknown-wasm".getBytes());
    assertEquals("triple:" + triple + ";endian:little;ptrsize:4;", ask("qHostInfo"));
    assertTrue(ask("qProcessInfo").contains("name:"
        + HexFormat.of().formatHex("inventory-O0.wasm".getBytes())), ask("qProcessInfo"));
  }

  @Test
  void theStopReplySaysTrapWithItsCause() {
    String stop = ask("?");
    assertTrue(stop.startsWith("T05thread:1;"), stop);
    assertTrue(stop.contains("reason:exception;description:"
        + HexFormat.of().formatHex("trap: integer divide by zero (i32.div_s)".getBytes())
        + ";"), stop);
    assertTrue(stop.contains("00:" + le64(target.pc(0, 0)) + ";"), stop);
    assertEquals(stop, ask("qThreadStopInfo1"));
  }

  @Test
  void listsOneThreadAndItsCallStack() {
    assertEquals("m1", ask("qfThreadInfo"));
    assertEquals("l", ask("qsThreadInfo"));
    assertEquals("QC1", ask("qC"));
    StringBuilder pcs = new StringBuilder();
    for (int f = 0; f < target.frameCount(0); f++) {
      pcs.append(le64(target.pc(0, f)));
    }
    assertEquals(pcs.toString(), ask("qWasmCallStack:1"));
    assertTrue(ask("qWasmCallStack:2").startsWith("E02"));
    assertEquals("OK", ask("T1"));
    assertTrue(ask("T2").startsWith("E02"));
  }

  @Test
  void thePcIsTheOnlyRegister() {
    assertTrue(ask("qRegisterInfo0").contains("name:pc;"));
    assertTrue(ask("qRegisterInfo0").contains("generic:pc;"));
    assertEquals("E45", ask("qRegisterInfo1"));
    assertEquals(le64(target.pc(0, 0)), ask("p0"));
    assertEquals(le64(target.pc(0, 0)), ask("g"));
    assertTrue(ask("p1").startsWith("E02"));
  }

  @Test
  void localsGlobalsAndStackValuesComeFromTheDump() {
    Frame youngest = dump.threads().get(0).frames().get(0);
    Frame caller = dump.threads().get(0).frames().get(1);
    assertEquals(le32(youngest.locals().get(2)), ask("qWasmLocal:0;2"));
    assertEquals(le32(caller.locals().get(1)), ask("qWasmLocal:1;1"));
    assertEquals(le32(youngest.stack().get(2)), ask("qWasmStackValue:0;2"));
    long sp = dump.globals().get(dump.instances().get(0).globals().get(0)).lowBits();
    assertEquals(le32(Value.i32((int) sp)), ask("qWasmGlobal:0;0"));
    assertTrue(ask("qWasmLocal:0;99").startsWith("E02"));
    assertTrue(ask("qWasmLocal:9;0").startsWith("E02"));
  }

  @Test
  void errorsCarryAMessageOnceTheClientAsks() {
    assertEquals("E02", ask("qWasmLocal:0;99"));
    assertEquals("OK", ask("QEnableErrorStrings"));
    String e = ask("qWasmLocal:0;99");
    assertTrue(e.startsWith("E02;"), e);
    String message = new String(HexFormat.of().parseHex(e.substring(4)), StandardCharsets.UTF_8);
    assertEquals("frame 0 has 6 locals, not 100", message);
  }

  @Test
  void readsMemoryOfTheDumpInBoundedChunks() {
    byte[] expected = dump.memories().get(0).contents().bytes(0x10030, 16);
    assertEquals(HexFormat.of().formatHex(expected), ask("m10030,10"));
    String huge = ask("m0,ffffffff");
    assertEquals(2 * Responder.MAX_READ, huge.length());
    long size = dump.memories().get(0).contents().size();
    assertEquals(2 * 16, ask("m" + Long.toHexString(size - 16) + ",100").length());
    assertTrue(ask("m" + Long.toHexString(size) + ",1").startsWith("E04"));
    assertEquals("", ask("m10030,0"));
  }

  @Test
  void readsTheModuleInTheObjectSpace() throws Exception {
    byte[] wasm = Files.readAllBytes(Targets.inventoryWasm());
    String reply = ask("m4000000000000000,ffffffff");
    assertEquals(HexFormat.of().formatHex(wasm, 0, Math.min(wasm.length, Responder.MAX_READ)),
        reply);
    assertTrue(ask("m4000000100000000,4").startsWith("E04"), "no instance 1");
  }

  @Test
  void listsTheModuleFileAsALibraryInChunks() {
    String path = Targets.inventoryWasm().toAbsolutePath().normalize().toString();
    String all = ask("qXfer:libraries:read::0,ffff");
    assertEquals("l<library-list><library name=\"" + path
        + "\"><section address=\"0x4000000000000000\"/></library></library-list>", all);
    String first = ask("qXfer:libraries:read::0,10");
    assertEquals("m" + all.substring(1, 17), first);
    String rest = ask("qXfer:libraries:read::10,ffff");
    assertEquals("l" + all.substring(17), rest);
    assertEquals("l", ask("qXfer:libraries:read::ffff,10"));
    assertEquals("", ask("qXfer:features:read:target.xml:0,ffff"));
  }

  @Test
  void refusesEverythingThatWouldRunOrChangeTheProcess() {
    for (String p : List.of("c", "C05", "s", "S05", "vCont;c", "vCont;s:1", "M10000,1:00",
        "X10000,1:a", "P0=0000000000000000", "G00", "Z0,4000000000000010,1",
        "z0,4000000000000010,1", "QSaveRegisterState", "vRun;61", "vAttach;1", "_M100,rwx",
        "A1,0,61", "R00")) {
      Responder.Reply reply = r.respond(p);
      assertTrue(reply.payload().startsWith("E05"), p + " -> " + reply.payload());
      assertFalse(reply.endsSession(), p);
    }
    assertFalse(r.respond("c").console().isEmpty(), "a refused continue explains itself");
  }

  @Test
  void unknownPacketsGetTheEmptyReply() {
    for (String p : List.of("qFooBar", "jThreadsInfo", "vMustReplyEmpty", "QFoo", "x0,0", "!",
        "qMemoryRegionInfo:10000", "qModuleInfo:2f;77", "vFile:open:2f,0,0", "qOffsets", "")) {
      assertEquals("", ask(p), p);
    }
  }

  @Test
  void malformedPacketsGetE01() {
    for (String p : List.of("mzz,4", "m10000", "m,", "m10000,zz", "m" + "f".repeat(17) + ",1",
        "qWasmLocal:", "qWasmLocal:a;b", "qWasmLocal:0", "qWasmGlobal:1;", "pzz", "Hgzz",
        "qXfer:libraries:read::zz,10", "qRegisterInfozz", "qWasmCallStack:")) {
      assertTrue(ask(p).startsWith("E01"), p + " -> " + ask(p));
    }
  }

  @Test
  void detachAndKillEndTheSession() {
    assertEquals(new Responder.Reply("OK", true, ""), r.respond("D"));
    assertEquals(new Responder.Reply("OK", true, ""), r.respond("D;1"));
    assertEquals(new Responder.Reply("X09", true, ""), r.respond("k"));
    assertEquals(new Responder.Reply("X09", true, ""), r.respond("vKill;1"));
  }

  private static String le32(Value v) {
    return Hex.le64(v.bits()).substring(0, 8);
  }
}
