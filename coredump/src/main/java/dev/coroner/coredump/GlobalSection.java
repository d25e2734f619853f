package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.List;

/**
 * The global section (id 6): {@code vec(valtype mut:byte init:constexpr)}. The init expression is
 * one constant instruction of the global's type, then {@code end}: {@code i32.const} / {@code
 * i64.const} (signed LEB128), {@code f32.const} / {@code f64.const} (raw little-endian bits),
 * {@code v128.const} ({@code 0xFD 12} and 16 bytes) or {@code ref.null} (heap type {@code 0x70} or
 * {@code 0x6F}).
 *
 * <p>The mutability byte is written as {@link Global#mutable()} says. The capturing interpreter
 * always passes immutable globals (section B.7); Wasmtime keeps the original flag, so decoded dumps
 * may hold mutable ones, and the canonical check reports them.
 */
final class GlobalSection {

  static final int I32_CONST = 0x41;
  static final int I64_CONST = 0x42;
  static final int F32_CONST = 0x43;
  static final int F64_CONST = 0x44;
  static final int SIMD_PREFIX = 0xFD;
  static final int V128_CONST = 12;
  static final int REF_NULL = 0xD0;

  private GlobalSection() {}

  static void encodeTo(ByteSink out, List<Global> globals) {
    ByteSink.Growable payload = ByteSink.growable();
    Leb128.writeU32(payload, globals.size());
    for (Global g : globals) {
      payload.writeByte(g.type().code());
      payload.writeByte(g.mutable() ? 1 : 0);
      switch (g.type()) {
        case I32:
          payload.writeByte(I32_CONST);
          Leb128.writeS32(payload, (int) g.lowBits());
          break;
        case I64:
          payload.writeByte(I64_CONST);
          Leb128.writeS64(payload, g.lowBits());
          break;
        case F32:
          payload.writeByte(F32_CONST);
          CoreStackSection.writeFixed(payload, g.lowBits(), 4);
          break;
        case F64:
          payload.writeByte(F64_CONST);
          CoreStackSection.writeFixed(payload, g.lowBits(), 8);
          break;
        case V128:
          payload.writeByte(SIMD_PREFIX);
          Leb128.writeU32(payload, V128_CONST);
          CoreStackSection.writeFixed(payload, g.lowBits(), 8);
          CoreStackSection.writeFixed(payload, g.highBits(), 8);
          break;
        default: // FUNCREF, EXTERNREF
          payload.writeByte(REF_NULL);
          payload.writeByte(g.type().code());
          break;
      }
      payload.writeByte(Sections.END);
    }
    Sections.writeSection(out, Sections.GLOBAL_ID, payload);
  }

  static List<Global> decode(ByteReader r) throws CoreDumpFormatException {
    int count = r.readCount("global", Limits.MAX_GLOBALS, 4);
    List<Global> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = r.position();
      int code = r.readByte("global type");
      ValueType type = ValueType.fromCode(code);
      if (type == null) {
        throw CoreDumpFormatException.unknownByte(at, "global type", code);
      }
      at = r.position();
      int mut = r.readByte("global mutability");
      if (mut > 1) {
        throw CoreDumpFormatException.unknownByte(at, "global mutability", mut);
      }
      Global g = readInit(r, type).withMutable(mut == 1);
      r.expectByte(Sections.END, "end of constant expression");
      out.add(g);
    }
    r.expectEnd("global");
    return out;
  }

  private static Global readInit(ByteReader r, ValueType type) throws CoreDumpFormatException {
    int at = r.position();
    int op = r.readByte("constant expression");
    ValueType found;
    Global g;
    switch (op) {
      case I32_CONST:
        found = ValueType.I32;
        g = Global.i32(r.readS32("i32.const"));
        break;
      case I64_CONST:
        found = ValueType.I64;
        g = Global.i64(r.readS64("i64.const"));
        break;
      case F32_CONST:
        found = ValueType.F32;
        g = Global.f32Bits((int) r.readFixed(4, "f32.const"));
        break;
      case F64_CONST:
        found = ValueType.F64;
        g = Global.f64Bits(r.readFixed(8, "f64.const"));
        break;
      case SIMD_PREFIX:
        {
          int subAt = r.position();
          int sub = r.readU32("SIMD opcode");
          if (sub != V128_CONST) {
            throw CoreDumpFormatException.malformed(
                subAt,
                "unsupported constant expression opcode 0xfd " + Integer.toUnsignedString(sub)
                    + ", expected v128.const (0xfd 12)");
          }
          found = ValueType.V128;
          long low = r.readFixed(8, "v128.const");
          long high = r.readFixed(8, "v128.const");
          g = Global.v128(low, high);
          break;
        }
      case REF_NULL:
        {
          int heapAt = r.position();
          int heap = r.readByte("heap type");
          ValueType t = ValueType.fromCode(heap);
          if (t == null || !t.isReference()) {
            throw CoreDumpFormatException.unknownByte(heapAt, "heap type", heap);
          }
          found = t;
          g = Global.nullRef(t);
          break;
        }
      default:
        throw CoreDumpFormatException.malformed(
            at,
            "unsupported constant expression opcode " + Checks.hexByte(op)
                + " (a coredump global holds a single constant)");
    }
    if (found != type) {
      throw CoreDumpFormatException.malformed(
          at,
          "constant of type " + found.textName() + " initializes a global of type "
              + type.textName());
    }
    return g;
  }
}
