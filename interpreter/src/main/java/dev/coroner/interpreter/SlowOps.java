package dev.coroner.interpreter;

import static dev.coroner.interpreter.Bits.bits;
import static dev.coroner.interpreter.Bits.f32;
import static dev.coroner.interpreter.Bits.f64;

import dev.coroner.interpreter.validate.Op;

/**
 * The less frequent numeric instructions (bit counts, rotations, float rounding, min/max,
 * conversions), kept out of {@link Machine}'s loop so the loop stays small enough for the JIT. None
 * has immediates; each works on the value stack in place and returns the new stack pointer.
 * Trapping conversions throw {@link Numerics.NumericTrap}, which the loop turns into a positioned
 * trap.
 */
final class SlowOps {
  private static final long U32 = 0xFFFFFFFFL;

  private SlowOps() {}

  /** Executes numeric instruction {@code op}; returns the new stack pointer, or -1 if unknown. */
  static int exec(int op, long[] st, int sp) {
    switch (op) {
      case 0x5B: sp--; st[sp - 1] = f32(st[sp - 1]) == f32(st[sp]) ? 1 : 0; return sp;
      case 0x5C: sp--; st[sp - 1] = f32(st[sp - 1]) != f32(st[sp]) ? 1 : 0; return sp;
      case 0x5D: sp--; st[sp - 1] = f32(st[sp - 1]) < f32(st[sp]) ? 1 : 0; return sp;
      case 0x5E: sp--; st[sp - 1] = f32(st[sp - 1]) > f32(st[sp]) ? 1 : 0; return sp;
      case 0x5F: sp--; st[sp - 1] = f32(st[sp - 1]) <= f32(st[sp]) ? 1 : 0; return sp;
      case 0x60: sp--; st[sp - 1] = f32(st[sp - 1]) >= f32(st[sp]) ? 1 : 0; return sp;
      case 0x67: st[sp - 1] = Integer.numberOfLeadingZeros((int) st[sp - 1]); return sp;
      case 0x68: st[sp - 1] = Integer.numberOfTrailingZeros((int) st[sp - 1]); return sp;
      case 0x69: st[sp - 1] = Integer.bitCount((int) st[sp - 1]); return sp;
      case 0x77:
        sp--;
        st[sp - 1] = Integer.rotateLeft((int) st[sp - 1], (int) st[sp]);
        return sp;
      case 0x78:
        sp--;
        st[sp - 1] = Integer.rotateRight((int) st[sp - 1], (int) st[sp]);
        return sp;
      case 0x79: st[sp - 1] = Long.numberOfLeadingZeros(st[sp - 1]); return sp;
      case 0x7A: st[sp - 1] = Long.numberOfTrailingZeros(st[sp - 1]); return sp;
      case 0x7B: st[sp - 1] = Long.bitCount(st[sp - 1]); return sp;
      case 0x89: sp--; st[sp - 1] = Long.rotateLeft(st[sp - 1], (int) st[sp]); return sp;
      case 0x8A: sp--; st[sp - 1] = Long.rotateRight(st[sp - 1], (int) st[sp]); return sp;
      case 0x8B: st[sp - 1] = st[sp - 1] & 0x7FFFFFFFL; return sp; // abs
      case 0x8C: st[sp - 1] = (st[sp - 1] ^ Numerics.F32_SIGN) & U32; return sp; // neg
      case 0x8D: st[sp - 1] = bits(Numerics.ceil(f32(st[sp - 1]))); return sp;
      case 0x8E: st[sp - 1] = bits(Numerics.floor(f32(st[sp - 1]))); return sp;
      case 0x8F: st[sp - 1] = bits(Numerics.trunc(f32(st[sp - 1]))); return sp;
      case 0x90: st[sp - 1] = bits(Numerics.nearest(f32(st[sp - 1]))); return sp;
      case 0x91: st[sp - 1] = bits(Numerics.sqrt(f32(st[sp - 1]))); return sp;
      case 0x92: sp--; st[sp - 1] = bits(f32(st[sp - 1]) + f32(st[sp])); return sp;
      case 0x93: sp--; st[sp - 1] = bits(f32(st[sp - 1]) - f32(st[sp])); return sp;
      case 0x94: sp--; st[sp - 1] = bits(f32(st[sp - 1]) * f32(st[sp])); return sp;
      case 0x95: sp--; st[sp - 1] = bits(f32(st[sp - 1]) / f32(st[sp])); return sp;
      case 0x96:
        sp--;
        st[sp - 1] = bits(Numerics.fmin(f32(st[sp - 1]), f32(st[sp])));
        return sp;
      case 0x97:
        sp--;
        st[sp - 1] = bits(Numerics.fmax(f32(st[sp - 1]), f32(st[sp])));
        return sp;
      case 0x98: // copysign
        sp--;
        st[sp - 1] = (st[sp - 1] & 0x7FFFFFFFL) | (st[sp] & Numerics.F32_SIGN);
        return sp;
      case 0x99: st[sp - 1] = st[sp - 1] & ~Numerics.F64_SIGN; return sp;
      case 0x9A: st[sp - 1] = st[sp - 1] ^ Numerics.F64_SIGN; return sp;
      case 0x9B: st[sp - 1] = bits(Numerics.ceil(f64(st[sp - 1]))); return sp;
      case 0x9C: st[sp - 1] = bits(Numerics.floor(f64(st[sp - 1]))); return sp;
      case 0x9D: st[sp - 1] = bits(Numerics.trunc(f64(st[sp - 1]))); return sp;
      case 0x9E: st[sp - 1] = bits(Numerics.nearest(f64(st[sp - 1]))); return sp;
      case 0xA4:
        sp--;
        st[sp - 1] = bits(Numerics.fmin(f64(st[sp - 1]), f64(st[sp])));
        return sp;
      case 0xA5:
        sp--;
        st[sp - 1] = bits(Numerics.fmax(f64(st[sp - 1]), f64(st[sp])));
        return sp;
      case 0xA6:
        sp--;
        st[sp - 1] = (st[sp - 1] & ~Numerics.F64_SIGN) | (st[sp] & Numerics.F64_SIGN);
        return sp;
      case 0xA8: st[sp - 1] = Numerics.i32TruncF32S(f32(st[sp - 1])); return sp;
      case 0xA9: st[sp - 1] = Numerics.i32TruncF32U(f32(st[sp - 1])); return sp;
      case 0xAA: st[sp - 1] = Numerics.i32TruncF64S(f64(st[sp - 1])); return sp;
      case 0xAB: st[sp - 1] = Numerics.i32TruncF64U(f64(st[sp - 1])); return sp;
      case 0xAE: st[sp - 1] = Numerics.i64TruncF32S(f32(st[sp - 1])); return sp;
      case 0xAF: st[sp - 1] = Numerics.i64TruncF32U(f32(st[sp - 1])); return sp;
      case 0xB0: st[sp - 1] = Numerics.i64TruncF64S(f64(st[sp - 1])); return sp;
      case 0xB1: st[sp - 1] = Numerics.i64TruncF64U(f64(st[sp - 1])); return sp;
      case 0xB2: st[sp - 1] = bits((float) (int) st[sp - 1]); return sp;
      case 0xB3: st[sp - 1] = bits((float) (st[sp - 1] & U32)); return sp;
      case 0xB4: st[sp - 1] = bits((float) st[sp - 1]); return sp;
      case 0xB5: st[sp - 1] = bits(Numerics.f32ConvertI64U(st[sp - 1])); return sp;
      case 0xB6: st[sp - 1] = bits((float) f64(st[sp - 1])); return sp;
      case 0xB7: st[sp - 1] = bits((double) (int) st[sp - 1]); return sp;
      case 0xB8: st[sp - 1] = bits((double) (st[sp - 1] & U32)); return sp;
      case 0xB9: st[sp - 1] = bits((double) st[sp - 1]); return sp;
      case 0xBA: st[sp - 1] = bits(Numerics.f64ConvertI64U(st[sp - 1])); return sp;
      case 0xBB: st[sp - 1] = bits((double) f32(st[sp - 1])); return sp;
      case 0xBC: st[sp - 1] = st[sp - 1] & U32; return sp; // i32.reinterpret_f32
      case 0xBD: return sp; // i64.reinterpret_f64
      case 0xBE: st[sp - 1] = st[sp - 1] & U32; return sp; // f32.reinterpret_i32
      case 0xBF: return sp; // f64.reinterpret_i64
      case 0xC0: st[sp - 1] = (byte) st[sp - 1]; return sp;
      case 0xC1: st[sp - 1] = (short) st[sp - 1]; return sp;
      case 0xC2: st[sp - 1] = (byte) st[sp - 1]; return sp;
      case 0xC3: st[sp - 1] = (short) st[sp - 1]; return sp;
      case 0xC4: st[sp - 1] = (int) st[sp - 1]; return sp;
      // ---- references ----
      case Op.REF_NULL:
        st[sp++] = Store.NULL_REF;
        return sp;
      case Op.PREFIX_FC: st[sp - 1] = (int) f32(st[sp - 1]); return sp;
      case Op.PREFIX_FC + 1:
        st[sp - 1] = Numerics.i32TruncSatF32U(f32(st[sp - 1]));
        return sp;
      case Op.PREFIX_FC + 2: st[sp - 1] = (int) f64(st[sp - 1]); return sp;
      case Op.PREFIX_FC + 3:
        st[sp - 1] = Numerics.i32TruncSatF64U(f64(st[sp - 1]));
        return sp;
      case Op.PREFIX_FC + 4: st[sp - 1] = (long) f32(st[sp - 1]); return sp;
      case Op.PREFIX_FC + 5:
        st[sp - 1] = Numerics.i64TruncSatF64U(f32(st[sp - 1]));
        return sp;
      case Op.PREFIX_FC + 6: st[sp - 1] = (long) f64(st[sp - 1]); return sp;
      case Op.PREFIX_FC + 7:
        st[sp - 1] = Numerics.i64TruncSatF64U(f64(st[sp - 1]));
        return sp;
      default:
        return -1;
    }
  }
}
