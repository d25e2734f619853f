package dev.coroner.interpreter;

import static dev.coroner.interpreter.Bits.bits;
import static dev.coroner.interpreter.Bits.f32;
import static dev.coroner.interpreter.Bits.f64;

import dev.coroner.interpreter.semantics.F32;
import dev.coroner.interpreter.semantics.F64;
import dev.coroner.interpreter.semantics.I32;
import dev.coroner.interpreter.semantics.I64;

/**
 * The less frequent numeric instructions (f32 arithmetic and comparisons, bit counts, i64
 * rotations, float rounding, min/max, conversions) and {@link Op#REF_NULL}, kept out of {@link
 * Machine}'s loop so the loop stays small enough for the JIT. None has immediates; each moves its
 * operands between the value stack and its semantics, in place, and returns the new stack pointer.
 * Trapping conversions throw {@link dev.coroner.interpreter.semantics.Trap}, which the loop turns
 * into a positioned trap.
 *
 * <p>Slot bits: i32 results are stored sign-extended, f32 arithmetic results as their raw bits
 * sign-extended, and the f32 bit operations and reinterpretations zero-extended, exactly as the
 * loop's own handlers do; readers look only at the low 32 bits.
 */
final class SlowOps {
  private static final long U32 = 0xFFFFFFFFL;

  private SlowOps() {}

  /** Executes instruction {@code op}; returns the new stack pointer, or -1 if unknown. */
  static int exec(int op, long[] st, int sp) {
    switch (op) {
      // ---- f32 comparisons ----
      case Op.F32_EQ: sp--; st[sp - 1] = F32.eq(f32(st[sp - 1]), f32(st[sp])); return sp;
      case Op.F32_NE: sp--; st[sp - 1] = F32.ne(f32(st[sp - 1]), f32(st[sp])); return sp;
      case Op.F32_LT: sp--; st[sp - 1] = F32.lt(f32(st[sp - 1]), f32(st[sp])); return sp;
      case Op.F32_GT: sp--; st[sp - 1] = F32.gt(f32(st[sp - 1]), f32(st[sp])); return sp;
      case Op.F32_LE: sp--; st[sp - 1] = F32.le(f32(st[sp - 1]), f32(st[sp])); return sp;
      case Op.F32_GE: sp--; st[sp - 1] = F32.ge(f32(st[sp - 1]), f32(st[sp])); return sp;
      // ---- integer bit operations ----
      case Op.I32_CLZ: st[sp - 1] = I32.clz((int) st[sp - 1]); return sp;
      case Op.I32_CTZ: st[sp - 1] = I32.ctz((int) st[sp - 1]); return sp;
      case Op.I32_POPCNT: st[sp - 1] = I32.popcnt((int) st[sp - 1]); return sp;
      case Op.I64_CLZ: st[sp - 1] = I64.clz(st[sp - 1]); return sp;
      case Op.I64_CTZ: st[sp - 1] = I64.ctz(st[sp - 1]); return sp;
      case Op.I64_POPCNT: st[sp - 1] = I64.popcnt(st[sp - 1]); return sp;
      case Op.I64_ROTL: sp--; st[sp - 1] = I64.rotl(st[sp - 1], st[sp]); return sp;
      case Op.I64_ROTR: sp--; st[sp - 1] = I64.rotr(st[sp - 1], st[sp]); return sp;
      // ---- f32 arithmetic ----
      case Op.F32_ABS: st[sp - 1] = F32.abs((int) st[sp - 1]) & U32; return sp;
      case Op.F32_NEG: st[sp - 1] = F32.neg((int) st[sp - 1]) & U32; return sp;
      case Op.F32_CEIL: st[sp - 1] = bits(F32.ceil(f32(st[sp - 1]))); return sp;
      case Op.F32_FLOOR: st[sp - 1] = bits(F32.floor(f32(st[sp - 1]))); return sp;
      case Op.F32_TRUNC: st[sp - 1] = bits(F32.trunc(f32(st[sp - 1]))); return sp;
      case Op.F32_NEAREST: st[sp - 1] = bits(F32.nearest(f32(st[sp - 1]))); return sp;
      case Op.F32_SQRT: st[sp - 1] = bits(F32.sqrt(f32(st[sp - 1]))); return sp;
      case Op.F32_ADD: sp--; st[sp - 1] = bits(F32.add(f32(st[sp - 1]), f32(st[sp]))); return sp;
      case Op.F32_SUB: sp--; st[sp - 1] = bits(F32.sub(f32(st[sp - 1]), f32(st[sp]))); return sp;
      case Op.F32_MUL: sp--; st[sp - 1] = bits(F32.mul(f32(st[sp - 1]), f32(st[sp]))); return sp;
      case Op.F32_DIV: sp--; st[sp - 1] = bits(F32.div(f32(st[sp - 1]), f32(st[sp]))); return sp;
      case Op.F32_MIN: sp--; st[sp - 1] = bits(F32.min(f32(st[sp - 1]), f32(st[sp]))); return sp;
      case Op.F32_MAX: sp--; st[sp - 1] = bits(F32.max(f32(st[sp - 1]), f32(st[sp]))); return sp;
      case Op.F32_COPYSIGN:
        sp--;
        st[sp - 1] = F32.copysign((int) st[sp - 1], (int) st[sp]) & U32;
        return sp;
      // ---- f64 arithmetic ----
      case Op.F64_ABS: st[sp - 1] = F64.abs(st[sp - 1]); return sp;
      case Op.F64_NEG: st[sp - 1] = F64.neg(st[sp - 1]); return sp;
      case Op.F64_CEIL: st[sp - 1] = bits(F64.ceil(f64(st[sp - 1]))); return sp;
      case Op.F64_FLOOR: st[sp - 1] = bits(F64.floor(f64(st[sp - 1]))); return sp;
      case Op.F64_TRUNC: st[sp - 1] = bits(F64.trunc(f64(st[sp - 1]))); return sp;
      case Op.F64_NEAREST: st[sp - 1] = bits(F64.nearest(f64(st[sp - 1]))); return sp;
      case Op.F64_MIN: sp--; st[sp - 1] = bits(F64.min(f64(st[sp - 1]), f64(st[sp]))); return sp;
      case Op.F64_MAX: sp--; st[sp - 1] = bits(F64.max(f64(st[sp - 1]), f64(st[sp]))); return sp;
      case Op.F64_COPYSIGN: sp--; st[sp - 1] = F64.copysign(st[sp - 1], st[sp]); return sp;
      // ---- conversions ----
      case Op.I32_TRUNC_F32_S: st[sp - 1] = I32.truncF32S(f32(st[sp - 1])); return sp;
      case Op.I32_TRUNC_F32_U: st[sp - 1] = I32.truncF32U(f32(st[sp - 1])); return sp;
      case Op.I32_TRUNC_F64_S: st[sp - 1] = I32.truncF64S(f64(st[sp - 1])); return sp;
      case Op.I32_TRUNC_F64_U: st[sp - 1] = I32.truncF64U(f64(st[sp - 1])); return sp;
      case Op.I64_TRUNC_F32_S: st[sp - 1] = I64.truncF32S(f32(st[sp - 1])); return sp;
      case Op.I64_TRUNC_F32_U: st[sp - 1] = I64.truncF32U(f32(st[sp - 1])); return sp;
      case Op.I64_TRUNC_F64_S: st[sp - 1] = I64.truncF64S(f64(st[sp - 1])); return sp;
      case Op.I64_TRUNC_F64_U: st[sp - 1] = I64.truncF64U(f64(st[sp - 1])); return sp;
      case Op.F32_CONVERT_I32_S: st[sp - 1] = bits(F32.convertI32S((int) st[sp - 1])); return sp;
      case Op.F32_CONVERT_I32_U: st[sp - 1] = bits(F32.convertI32U((int) st[sp - 1])); return sp;
      case Op.F32_CONVERT_I64_S: st[sp - 1] = bits(F32.convertI64S(st[sp - 1])); return sp;
      case Op.F32_CONVERT_I64_U: st[sp - 1] = bits(F32.convertI64U(st[sp - 1])); return sp;
      case Op.F32_DEMOTE_F64: st[sp - 1] = bits(F32.demoteF64(f64(st[sp - 1]))); return sp;
      case Op.F64_CONVERT_I32_S: st[sp - 1] = bits(F64.convertI32S((int) st[sp - 1])); return sp;
      case Op.F64_CONVERT_I32_U: st[sp - 1] = bits(F64.convertI32U((int) st[sp - 1])); return sp;
      case Op.F64_CONVERT_I64_S: st[sp - 1] = bits(F64.convertI64S(st[sp - 1])); return sp;
      case Op.F64_CONVERT_I64_U: st[sp - 1] = bits(F64.convertI64U(st[sp - 1])); return sp;
      case Op.F64_PROMOTE_F32: st[sp - 1] = bits(F64.promoteF32(f32(st[sp - 1]))); return sp;
      // In a value stack of raw bits, reinterpreting is a move (f32 bits zero-extended).
      case Op.I32_REINTERPRET_F32: st[sp - 1] = st[sp - 1] & U32; return sp;
      case Op.I64_REINTERPRET_F64: return sp;
      case Op.F32_REINTERPRET_I32: st[sp - 1] = st[sp - 1] & U32; return sp;
      case Op.F64_REINTERPRET_I64: return sp;
      case Op.I32_EXTEND8_S: st[sp - 1] = I32.extend8S((int) st[sp - 1]); return sp;
      case Op.I32_EXTEND16_S: st[sp - 1] = I32.extend16S((int) st[sp - 1]); return sp;
      case Op.I64_EXTEND8_S: st[sp - 1] = I64.extend8S(st[sp - 1]); return sp;
      case Op.I64_EXTEND16_S: st[sp - 1] = I64.extend16S(st[sp - 1]); return sp;
      case Op.I64_EXTEND32_S: st[sp - 1] = I64.extend32S(st[sp - 1]); return sp;
      case Op.I32_TRUNC_SAT_F32_S: st[sp - 1] = I32.truncSatF32S(f32(st[sp - 1])); return sp;
      case Op.I32_TRUNC_SAT_F32_U: st[sp - 1] = I32.truncSatF32U(f32(st[sp - 1])); return sp;
      case Op.I32_TRUNC_SAT_F64_S: st[sp - 1] = I32.truncSatF64S(f64(st[sp - 1])); return sp;
      case Op.I32_TRUNC_SAT_F64_U: st[sp - 1] = I32.truncSatF64U(f64(st[sp - 1])); return sp;
      case Op.I64_TRUNC_SAT_F32_S: st[sp - 1] = I64.truncSatF32S(f32(st[sp - 1])); return sp;
      case Op.I64_TRUNC_SAT_F32_U: st[sp - 1] = I64.truncSatF32U(f32(st[sp - 1])); return sp;
      case Op.I64_TRUNC_SAT_F64_S: st[sp - 1] = I64.truncSatF64S(f64(st[sp - 1])); return sp;
      case Op.I64_TRUNC_SAT_F64_U: st[sp - 1] = I64.truncSatF64U(f64(st[sp - 1])); return sp;
      // ---- references ----
      case Op.REF_NULL:
        st[sp++] = Store.NULL_REF;
        return sp;
      default:
        return -1;
    }
  }
}
