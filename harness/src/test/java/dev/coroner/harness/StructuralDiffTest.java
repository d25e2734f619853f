package dev.coroner.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.Value;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StructuralDiffTest {

  private static CoreDump dump(byte[] memory, Global global, Frame... frames) {
    CoreDump.Builder b = CoreDump.builder("fixture.wast");
    b.addModule("A");
    b.addInstance(new Instance(0, List.of(0), List.of(0)));
    b.addMemory(Memory.of(MemoryContents.of(memory), OptionalLong.of(2)));
    b.addGlobal(global);
    b.addThread(new CoreStack("main", List.of(frames)));
    return b.build();
  }

  private static Frame frame(int offset, Value... locals) {
    return new Frame(0, 1, offset, List.of(locals), List.of(Value.i32(7)));
  }

  @Test
  void equalDumpsHaveNoDifferences() {
    byte[] mem = new byte[Memory.PAGE_SIZE];
    mem[5] = 1;
    CoreDump a = dump(mem, Global.i32(3), frame(4, Value.i64(1)));
    CoreDump b = dump(mem.clone(), Global.i32(3), frame(4, Value.i64(1)));
    assertEquals(List.of(), StructuralDiff.between(a, b));
  }

  @Test
  void namesTheFrameAndLocalThatDiffer() {
    byte[] mem = new byte[Memory.PAGE_SIZE];
    CoreDump a = dump(mem, Global.i32(3), frame(4, Value.i64(1)), frame(9, Value.i32(2)));
    CoreDump b = dump(mem, Global.i32(3), frame(4, Value.i64(1)), frame(9, Value.i32(5)));
    List<Difference> d = StructuralDiff.between(a, b);
    assertEquals(
        List.of(new Difference("corestack", "thread 0 \"main\" / frame #1 local 0", "i32:2",
            "i32:5")),
        d);
  }

  @Test
  void namesCodeOffsetAndGlobalDifferences() {
    byte[] mem = new byte[Memory.PAGE_SIZE];
    CoreDump a = dump(mem, Global.i32(3), frame(4));
    CoreDump b = dump(mem, Global.i32(3).withMutable(true), frame(6));
    List<Difference> d = StructuralDiff.between(a, b);
    assertEquals(2, d.size());
    assertEquals("global 0 mutability", d.get(0).location());
    assertEquals("0x4", d.get(1).expected());
    assertEquals("0x6", d.get(1).actual());
    assertEquals("corestack", d.get(1).section());
  }

  @Test
  void groupsDifferingMemoryBytesIntoRanges() {
    byte[] x = new byte[Memory.PAGE_SIZE];
    byte[] y = x.clone();
    y[0x100] = 1;
    y[0x104] = 2; // within the gap: same range
    y[0x9000] = (byte) 0xff; // far away: second range
    List<Difference> d =
        StructuralDiff.between(dump(x, Global.i32(0), frame(1)), dump(y, Global.i32(0), frame(1)));
    assertEquals(2, d.size());
    assertEquals("data", d.get(0).section());
    assertEquals("memory 0 bytes [0x100, 0x105)", d.get(0).location());
    assertEquals("00 00 00 00 00", d.get(0).expected());
    assertEquals("01 00 00 00 02", d.get(0).actual());
    assertEquals("memory 0 bytes [0x9000, 0x9001)", d.get(1).location());
  }

  @Test
  void reportsCountMismatchesAndStopsAtTheLimit() {
    byte[] x = new byte[Memory.PAGE_SIZE];
    Frame[] many = new Frame[StructuralDiff.MAX_DIFFERENCES + 10];
    Frame[] other = new Frame[many.length];
    for (int i = 0; i < many.length; i++) {
      many[i] = frame(i);
      other[i] = frame(i + 1);
    }
    List<Difference> d =
        StructuralDiff.between(dump(x, Global.i32(0), many), dump(x, Global.i32(0), other));
    assertEquals(StructuralDiff.MAX_DIFFERENCES + 1, d.size());
    assertTrue(d.get(d.size() - 1).actual().startsWith("10 more"), d.toString());
  }
}
