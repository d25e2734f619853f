package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code corestack} custom section: {@code 0x00 thread-name:name vec(frame)}, with {@code frame
 * ::= 0x00 instanceidx:u32 funcidx:u32 codeoffset:u32 locals:vec(value) stack:vec(value)}.
 */
final class CoreStackSection {

  static final String NAME = "corestack";

  private CoreStackSection() {}

  static void encodeTo(ByteSink out, CoreStack stack) {
    ByteSink.Growable payload = ByteSink.growable();
    encodePayload(payload, stack);
    Sections.writeCustom(out, NAME, payload);
  }

  /** The payload alone (after the section name). */
  static void encodePayload(ByteSink payload, CoreStack stack) {
    payload.writeByte(0x00);
    Sections.writeName(payload, stack.threadName());
    Leb128.writeU32(payload, stack.frames().size());
    for (Frame f : stack.frames()) {
      payload.writeByte(0x00);
      Leb128.writeU32(payload, f.instanceIndex());
      Leb128.writeU32(payload, f.functionIndex());
      Leb128.writeU32(payload, f.codeOffset());
      writeValues(payload, f.locals());
      writeValues(payload, f.stack());
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

  static void writeFixed(ByteSink out, long bits, int width) {
    for (int i = 0; i < width; i++) {
      out.writeByte((int) (bits >>> (8 * i)) & 0xFF);
    }
  }

  static CoreStack decode(ByteReader r, IndexRefs refs) throws CoreDumpFormatException {
    r.expectByte(0x00, "corestack section");
    String thread = r.readName("thread name");
    int count = r.readCount("frame", Limits.MAX_FRAMES, 6);
    List<Frame> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      r.expectByte(0x00, "frame");
      int at = r.position();
      int instance = r.readU32("instance index");
      refs.add(IndexRefs.Space.INSTANCE, instance, at);
      int func = r.readU32("function index");
      int codeOffset = r.readU32("code offset");
      List<Value> locals = readValues(r, "local", Limits.MAX_LOCALS);
      List<Value> stack = readValues(r, "stack value", Limits.MAX_STACK_VALUES);
      frames.add(new Frame(instance, func, codeOffset, locals, stack));
    }
    r.expectEnd(NAME);
    return new CoreStack(thread, frames);
  }

  private static List<Value> readValues(ByteReader r, String what, int max)
      throws CoreDumpFormatException {
    int count = r.readCount(what, max, 1);
    List<Value> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = r.position();
      int tag = r.readByte("value tag");
      Value.Kind kind = Value.Kind.fromTag(tag);
      if (kind == null) {
        throw CoreDumpFormatException.unknownByte(at, "value tag", tag);
      }
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
}
