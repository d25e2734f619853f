package dev.coroner.wasi;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.DataSegment;
import dev.coroner.interpreter.MemoryInstance;
import java.util.Arrays;

/**
 * Chicory's {@link com.dylibso.chicory.runtime.Memory} over the linear memory of the Coroner
 * instance that called a WASI function, so that Chicory's {@code WasiPreview1} reads and writes
 * Coroner's memory directly.
 *
 * <p>Every access is bounds-checked against the memory's current size, addresses taken as
 * unsigned 32-bit numbers (as WebAssembly does). An access outside memory throws {@link
 * MemoryFault}, which the binding turns into the WASI error {@code EFAULT}; it is never a trap.
 * A caller without a memory gets an adapter of size 0, on which every access faults.
 *
 * <p>Only what a WASI function can need is implemented: reads and writes of bytes and numbers,
 * {@code fill} and the size. Growing, data segments, atomics and waiting belong to the
 * interpreter, not to WASI, and throw {@link UnsupportedOperationException}.
 */
final class GuestMemory implements com.dylibso.chicory.runtime.Memory {
  private final MemoryInstance memory;
  /** An address whose i32 reads as {@link #overrideValue} (see {@link #withInt}), or -1. */
  private final long overrideAddress;
  private final int overrideValue;

  private GuestMemory(MemoryInstance memory, long overrideAddress, int overrideValue) {
    this.memory = memory;
    this.overrideAddress = overrideAddress;
    this.overrideValue = overrideValue;
  }

  /** The adapter over {@code memory}; null stands for "the caller has no memory". */
  static GuestMemory of(MemoryInstance memory) {
    return new GuestMemory(memory, -1, 0);
  }

  /**
   * A view of the same memory in which {@link #readInt} at {@code address} returns {@code value}
   * (nothing is written): used to present Chicory a shorter buffer than the guest gave, so that a
   * read or write becomes a legal short one instead of a huge host allocation.
   */
  GuestMemory withInt(int address, int value) {
    return new GuestMemory(memory, Integer.toUnsignedLong(address), value);
  }

  /** Current size in bytes. */
  long size() {
    return memory == null ? 0 : (long) memory.pages() * MemoryInstance.PAGE_SIZE;
  }

  /**
   * Checks that {@code length} bytes at {@code address} (both unsigned 32-bit) lie in memory.
   *
   * @return the address as an int index
   * @throws MemoryFault if they do not
   */
  int check(int address, long length) {
    long start = Integer.toUnsignedLong(address);
    if (length < 0 || start + length > size()) {
      throw new MemoryFault(start, length, size());
    }
    return address;
  }

  // ---- size ----

  @Override
  public int pages() {
    return memory == null ? 0 : memory.pages();
  }

  @Override
  public int initialPages() {
    return pages();
  }

  @Override
  public int maximumPages() {
    long max = memory == null ? 0 : memory.limits().max();
    return max < 0 ? MemoryInstance.IMPLEMENTATION_MAX_PAGES : (int) max;
  }

  @Override
  public boolean shared() {
    return false;
  }

  // ---- bytes ----

  @Override
  public byte read(int addr) {
    return memory.get(check(addr, 1));
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    check(addr, Integer.toUnsignedLong(len));
    byte[] out = new byte[len];
    memory.read(addr, out, 0, len);
    return out;
  }

  @Override
  public void write(int addr, byte[] data, int offset, int size) {
    if (offset < 0 || size < 0 || offset + size > data.length) {
      throw new IndexOutOfBoundsException(
          "source range " + offset + "+" + size + " of " + data.length + " bytes");
    }
    check(addr, size);
    memory.write(addr, data, offset, size);
  }

  @Override
  public void writeByte(int addr, byte data) {
    write(addr, new byte[] {data}, 0, 1);
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    long from = Integer.toUnsignedLong(fromIndex);
    long to = Integer.toUnsignedLong(toIndex);
    if (to < from) {
      throw new MemoryFault(from, to - from, size());
    }
    long length = to - from;
    check(fromIndex, length);
    byte[] bytes = new byte[(int) length];
    Arrays.fill(bytes, value);
    memory.write(fromIndex, bytes, 0, bytes.length);
  }

  @Override
  public void zero() {
    fill((byte) 0, 0, (int) size());
  }

  // ---- little-endian numbers ----

  private long readLE(int addr, int width) {
    check(addr, width);
    long v = 0;
    for (int i = width - 1; i >= 0; i--) {
      v = (v << 8) | (memory.get(addr + i) & 0xFF);
    }
    return v;
  }

  private void writeLE(int addr, long value, int width) {
    byte[] b = new byte[width];
    for (int i = 0; i < width; i++) {
      b[i] = (byte) (value >>> (8 * i));
    }
    write(addr, b, 0, width);
  }

  @Override
  public void writeI32(int addr, int data) {
    writeLE(addr, data, 4);
  }

  @Override
  public int readInt(int addr) {
    if (Integer.toUnsignedLong(addr) == overrideAddress) {
      return overrideValue;
    }
    return (int) readLE(addr, 4);
  }

  @Override
  public void writeLong(int addr, long data) {
    writeLE(addr, data, 8);
  }

  @Override
  public long readLong(int addr) {
    return readLE(addr, 8);
  }

  @Override
  public void writeShort(int addr, short data) {
    writeLE(addr, data, 2);
  }

  @Override
  public short readShort(int addr) {
    return (short) readLE(addr, 2);
  }

  @Override
  public long readU16(int addr) {
    return readLE(addr, 2);
  }

  @Override
  public void writeF32(int addr, float data) {
    writeI32(addr, Float.floatToRawIntBits(data));
  }

  @Override
  public long readF32(int addr) {
    return readLE(addr, 4);
  }

  @Override
  public float readFloat(int addr) {
    return Float.intBitsToFloat(readInt(addr));
  }

  @Override
  public void writeF64(int addr, double data) {
    writeLong(addr, Double.doubleToRawLongBits(data));
  }

  @Override
  public double readDouble(int addr) {
    return Double.longBitsToDouble(readLong(addr));
  }

  @Override
  public long readF64(int addr) {
    return readLong(addr);
  }

  // ---- not WASI's business ----

  @Override
  public int grow(int size) {
    throw unsupported("grow");
  }

  @Override
  public Object lock(int address) {
    throw unsupported("lock");
  }

  @Override
  public int waitOn(int address, int expected, long timeout) {
    throw unsupported("waitOn");
  }

  @Override
  public int waitOn(int address, long expected, long timeout) {
    throw unsupported("waitOn");
  }

  @Override
  public int notify(int address, int maxThreads) {
    throw unsupported("notify");
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments) {
    throw unsupported("initialize");
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    throw unsupported("initPassiveSegment");
  }

  @Override
  public void drop(int segment) {
    throw unsupported("drop");
  }

  private static UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException(
        "Memory." + what + " is not available to WASI functions in Coroner");
  }
}
