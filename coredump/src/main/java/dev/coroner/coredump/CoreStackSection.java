package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code corestack} custom section: {@code 0x00 thread-name:name vec(frame)}, with {@code frame
 * ::= 0x00 instanceidx:u32 funcidx:u32 codeoffset:u32 locals:vec(value) stack:vec(value)}.
 *
 * <p>Also reads and writes the frame layouts of other producers ({@link Dialect}); every method
 * without a dialect parameter uses {@link Dialect#SPEC}.
 */
final class CoreStackSection {

  static final String NAME = KnownCustomSection.CORE_STACK.sectionName();

  private CoreStackSection() {}

  static void encodeTo(ByteSink out, CoreStack stack) {
    encodeTo(out, stack, Dialect.SPEC);
  }

  static void encodeTo(ByteSink out, CoreStack stack, Dialect dialect) {
    ByteSink.Growable payload = ByteSink.growable();
    encodePayload(payload, stack, dialect);
    Sections.writeCustom(out, NAME, payload);
  }

  /** The payload alone (after the section name). */
  static void encodePayload(ByteSink payload, CoreStack stack) {
    encodePayload(payload, stack, Dialect.SPEC);
  }

  /**
   * The payload in {@code dialect}'s layout. Instance indices are left out where the layout has
   * none, and operand stacks where it has none ({@link Dialect#FIXED_U32}).
   */
  static void encodePayload(ByteSink payload, CoreStack stack, Dialect dialect) {
    payload.writeByte(0x00);
    Sections.writeName(payload, stack.threadName());
    if (dialect == Dialect.FIXED_U32) {
      writeFixed(payload, stack.frames().size(), 4);
      writeFixed(payload, 0, 4); // reserved
      for (Frame f : stack.frames()) {
        writeFixed(payload, Integer.toUnsignedLong(f.functionIndex()), 4);
        writeFixed(payload, Integer.toUnsignedLong(f.codeOffset()), 4);
        writeFixed(payload, f.locals().size(), 4);
        writeFixedValues(payload, f.locals());
      }
      return;
    }
    Leb128.writeU32(payload, stack.frames().size());
    for (Frame f : stack.frames()) {
      payload.writeByte(0x00);
      if (dialect.hasInstanceIndex()) {
        Leb128.writeU32(payload, f.instanceIndex());
      }
      Leb128.writeU32(payload, f.functionIndex());
      Leb128.writeU32(payload, f.codeOffset());
      if (dialect == Dialect.WASMGDB) {
        Leb128.writeU32(payload, f.locals().size());
        Leb128.writeU32(payload, f.stack().size());
        writeFixedValues(payload, f.locals());
        writeFixedValues(payload, f.stack());
      } else {
        writeValues(payload, f.locals());
        writeValues(payload, f.stack());
      }
    }
  }

  private static void writeValues(ByteSink out, List<Value> values) {
    Leb128.writeU32(out, values.size());
    for (Value v : values) {
      out.writeByte(v.kind().tag());
      switch (v.kind()) {
        case I32:
          Leb128.writeS32(out, v.asI32());
          break;
        case I64:
          Leb128.writeS64(out, v.asI64());
          break;
        case F32:
          writeFixed(out, v.bits(), 4);
          break;
        case F64:
          writeFixed(out, v.bits(), 8);
          break;
        default:
          break; // MISSING: tag only
      }
    }
  }

  /** Values as the wasmgdb and fixed-u32 layouts write them: tag, then fixed-width bits. */
  private static void writeFixedValues(ByteSink out, List<Value> values) {
    for (Value v : values) {
      out.writeByte(v.kind().tag());
      int width = fixedWidth(v.kind());
      writeFixed(out, v.bits(), width);
    }
  }

  private static int fixedWidth(Value.Kind kind) {
    switch (kind) {
      case I32:
      case F32:
        return 4;
      case I64:
      case F64:
        return 8;
      default:
        return 0;
    }
  }

  static void writeFixed(ByteSink out, long bits, int width) {
    for (int i = 0; i < width; i++) {
      out.writeByte((int) (bits >>> (8 * i)) & 0xFF);
    }
  }

  static CoreStack decode(ByteReader r, IndexRefs refs) throws CoreDumpFormatException {
    return decode(r, refs, Dialect.SPEC);
  }

  /** Decodes the payload in {@code dialect}'s layout and checks it is used up. */
  static CoreStack decode(ByteReader r, IndexRefs refs, Dialect dialect)
      throws CoreDumpFormatException {
    r.expectByte(0x00, "corestack section");
    String thread = r.readName("thread name");
    List<Frame> frames =
        dialect == Dialect.FIXED_U32 ? readFixedFrames(r) : readFrames(r, refs, dialect);
    r.expectEnd(NAME);
    return new CoreStack(thread, frames);
  }

  private static List<Frame> readFrames(ByteReader r, IndexRefs refs, Dialect dialect)
      throws CoreDumpFormatException {
    int minFrameBytes = dialect.hasInstanceIndex() ? 6 : 5;
    int count = r.readCount("frame", Limits.MAX_FRAMES, minFrameBytes);
    List<Frame> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      r.expectByte(0x00, "frame");
      int instance = 0;
      if (dialect.hasInstanceIndex()) {
        int at = r.position();
        instance = r.readU32("instance index");
        refs.add(IndexRefs.Space.INSTANCE, instance, at);
      }
      int func = r.readU32("function index");
      int codeOffset = r.readU32("code offset");
      List<Value> locals;
      List<Value> stack;
      if (dialect == Dialect.WASMGDB) {
        int localCount = r.readCount("local", Limits.MAX_LOCALS, 1);
        int stackCount = r.readCount("stack value", Limits.MAX_STACK_VALUES, 1);
        locals = readFixedValues(r, localCount);
        stack = readFixedValues(r, stackCount);
      } else {
        locals = readValues(r, "local", Limits.MAX_LOCALS);
        stack = readValues(r, "stack value", Limits.MAX_STACK_VALUES);
      }
      frames.add(new Frame(instance, func, codeOffset, locals, stack));
    }
    return frames;
  }

  private static List<Frame> readFixedFrames(ByteReader r) throws CoreDumpFormatException {
    int count = readFixedCount(r, "frame", Limits.MAX_FRAMES, 12);
    int reservedAt = r.position();
    long reserved = r.readFixed(4, "reserved field");
    if (reserved != 0) {
      throw CoreDumpFormatException.malformed(
          reservedAt, "reserved field of the fixed-u32 layout is " + reserved + ", expected 0");
    }
    List<Frame> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int func = (int) r.readFixed(4, "function index");
      int codeOffset = (int) r.readFixed(4, "code offset");
      int localCount = readFixedCount(r, "local", Limits.MAX_LOCALS, 1);
      frames.add(new Frame(0, func, codeOffset, readFixedValues(r, localCount), List.of()));
    }
    return frames;
  }

  /** A 4-byte little-endian count, checked like {@link ByteReader#readCount}. */
  private static int readFixedCount(ByteReader r, String what, int max, int minElementBytes)
      throws CoreDumpFormatException {
    int at = r.position();
    long count = r.readFixed(4, what + " count");
    if (count > max) {
      throw CoreDumpFormatException.tooLarge(at, what + " count", count, "limit " + max);
    }
    if (count * minElementBytes > r.remaining()) {
      throw CoreDumpFormatException.tooLarge(
          at, what + " count", count, "only " + r.remaining() + " bytes left in the corestack section");
    }
    return (int) count;
  }

  private static List<Value> readValues(ByteReader r, String what, int max)
      throws CoreDumpFormatException {
    int count = r.readCount(what, max, 1);
    List<Value> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Value.Kind kind = readTag(r);
      switch (kind) {
        case I32:
          values.add(Value.i32(r.readS32("i32 value")));
          break;
        case I64:
          values.add(Value.i64(r.readS64("i64 value")));
          break;
        case F32:
          values.add(Value.f32Bits((int) r.readFixed(4, "f32 value")));
          break;
        case F64:
          values.add(Value.f64Bits(r.readFixed(8, "f64 value")));
          break;
        default:
          values.add(Value.MISSING);
          break;
      }
    }
    return values;
  }

  /** {@code count} values of the wasmgdb and fixed-u32 layouts: tag, then fixed-width bits. */
  private static List<Value> readFixedValues(ByteReader r, int count)
      throws CoreDumpFormatException {
    List<Value> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Value.Kind kind = readTag(r);
      int width = fixedWidth(kind);
      long bits = width == 0 ? 0 : r.readFixed(width, kind.textName() + " value");
      values.add(kind == Value.Kind.MISSING ? Value.MISSING : new Value(kind, bits));
    }
    return values;
  }

  private static Value.Kind readTag(ByteReader r) throws CoreDumpFormatException {
    int at = r.position();
    int tag = r.readByte("value tag");
    Value.Kind kind = Value.Kind.fromTag(tag);
    if (kind == null) {
      throw CoreDumpFormatException.unknownByte(at, "value tag", tag);
    }
    return kind;
  }
}
