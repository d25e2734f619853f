package dev.coroner.chicory;

import com.dylibso.chicory.runtime.Memory;
import dev.coroner.coredump.MemoryContents;
import java.util.Arrays;

/**
 * A copy of a Chicory memory's bytes taken at the trap, so that the dump keeps showing the state of
 * the trap however the program goes on. Only 64 KiB blocks that hold a non-zero byte are kept: a
 * large, mostly empty memory costs one read of its bytes, not a second copy of it.
 */
final class MemorySnapshot extends MemoryContents {

  private static final int BLOCK = Memory.PAGE_SIZE;

  private final long size;
  private final byte[][] blocks; // null: all zero

  private MemorySnapshot(long size, byte[][] blocks) {
    this.size = size;
    this.blocks = blocks;
  }

  /** Copies {@code memory}'s current bytes. */
  static MemorySnapshot of(Memory memory) {
    int pages = memory.pages();
    byte[][] blocks = new byte[pages][];
    for (int p = 0; p < pages; p++) {
      byte[] block = memory.readBytes(p * BLOCK, BLOCK);
      if (!allZero(block)) {
        blocks[p] = block;
      }
    }
    return new MemorySnapshot((long) pages * BLOCK, blocks);
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    java.util.Objects.checkFromIndexSize(dstOffset, length, dst.length);
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException(
          "range [" + offset + ", " + offset + " + " + length + ") outside memory of " + size);
    }
    int done = 0;
    while (done < length) {
      long at = offset + done;
      int block = (int) (at / BLOCK);
      int within = (int) (at % BLOCK);
      int n = Math.min(length - done, BLOCK - within);
      byte[] b = blocks[block];
      if (b == null) {
        Arrays.fill(dst, dstOffset + done, dstOffset + done + n, (byte) 0);
      } else {
        System.arraycopy(b, within, dst, dstOffset + done, n);
      }
      done += n;
    }
  }

  @Override
  public long skipZeros(long from) {
    super.skipZeros(from);
    int block = (int) (from / BLOCK);
    if (block < blocks.length && blocks[block] != null) {
      return from;
    }
    while (block < blocks.length && blocks[block] == null) {
      block++;
    }
    return Math.max(from, Math.min(size, (long) block * BLOCK));
  }
}
