package dev.coroner.chicory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.coroner.coredump.MemoryContents;
import org.junit.jupiter.api.Test;

class MemorySnapshotTest {

  private static final int PAGE = Memory.PAGE_SIZE;

  private static Memory threePages() {
    Memory m = new ByteBufferMemory(new MemoryLimits(3));
    m.write(PAGE - 2, new byte[] {1, 2, 3, 4}); // across the end of page 0
    m.writeByte(2 * PAGE + 7, (byte) 9);
    return m;
  }

  @Test
  void keepsTheBytesOfTheMomentItWasTaken() {
    Memory m = threePages();
    MemorySnapshot s = MemorySnapshot.of(m);
    m.write(PAGE - 2, new byte[] {0, 0, 0, 0});
    m.grow(1);
    assertEquals(3L * PAGE, s.size());
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 0}, s.bytes(PAGE - 3, 6));
    assertEquals(9, s.get(2 * PAGE + 7));
    assertEquals(MemoryContents.of(threePages().readBytes(0, 3 * PAGE)), s);
  }

  @Test
  void skipsOnlyBlocksThatAreAllZero() {
    MemorySnapshot s = MemorySnapshot.of(threePages());
    assertEquals(10, s.skipZeros(10)); // page 0 has data: no knowledge
    assertEquals(PAGE + 5, s.skipZeros(PAGE + 5)); // page 1 holds bytes 3 and 4
    Memory sparse = new ByteBufferMemory(new MemoryLimits(3));
    sparse.writeByte(2 * PAGE + 1, (byte) 1);
    MemorySnapshot t = MemorySnapshot.of(sparse);
    assertEquals(2L * PAGE, t.skipZeros(0));
    assertEquals(2L * PAGE + 1, t.skipZeros(2L * PAGE + 1));
    assertEquals(0, MemorySnapshot.of(new ByteBufferMemory(new MemoryLimits(0))).size());
  }

  @Test
  void readsOutsideTheMemoryAreRefused() {
    MemorySnapshot s = MemorySnapshot.of(threePages());
    assertThrows(IndexOutOfBoundsException.class, () -> s.bytes(3L * PAGE - 1, 2));
  }
}
