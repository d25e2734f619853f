package dev.coroner.interpreter;

import static dev.coroner.interpreter.SimdInstruction.DROP;
import static dev.coroner.interpreter.SimdInstruction.GLOBAL_GET;
import static dev.coroner.interpreter.SimdInstruction.GLOBAL_SET;
import static dev.coroner.interpreter.SimdInstruction.LOCAL_GET;
import static dev.coroner.interpreter.SimdInstruction.LOCAL_SET;
import static dev.coroner.interpreter.SimdInstruction.LOCAL_TEE;
import static dev.coroner.interpreter.SimdInstruction.SELECT;

import dev.coroner.interpreter.semantics.Memory;
import dev.coroner.interpreter.semantics.V128;

/**
 * Runs the SIMD instructions of pre-decoded code ({@link SimdInstruction}) and the interpreter's
 * own v128 forms, outside {@link Machine}'s loop, which hands every number from {@link Op#FD} on to
 * {@link #exec}. A v128 takes two value-stack slots ({@link Slots}): the top v128 is at {@code
 * st[sp - 2]} (bytes 0..7) and {@code st[sp - 1]} (bytes 8..15). Each handler calls the lane
 * semantics ({@link V128}) and moves values between them and the stack; a memory access that does
 * not fit throws {@link dev.coroner.interpreter.semantics.Trap} before the stack changes, so the
 * loop reports the trap with the operands in place.
 *
 * <p>Results are computed in the two slots just above the stack top, {@code st[sp]} and {@code
 * st[sp + 1]} (the compiler reserves them in every function that handles v128 values, see {@link
 * FunctionCompiler}), then moved into place: no allocation per instruction.
 */
final class Simd {
  private static final long U32 = 0xFFFFFFFFL;

  private Simd() {}

  /**
   * Executes the instruction at {@code code[pc]} (a number from {@link Op#FD} on) on the frame
   * with base {@code fp}; returns the new stack pointer. The caller advances pc by {@link
   * SimdInstruction#codeLength}.
   */
  static int exec(int[] code, int pc, long[] st, int sp, int fp, Instance inst) {
    int op = code[pc];
    if (op >= SimdInstruction.OWN) {
      return own(op, code, pc, st, sp, fp, inst);
    }
    switch (SimdInstruction.of(op)) {
      case V128_LOAD: {
        V128.load(st, sp, mem(inst, code, pc), ea(st, sp - 1, code, pc));
        return push1(st, sp);
      }
      case V128_LOAD8X8_S: {
        V128.loadExtend(st, sp, mem(inst, code, pc), ea(st, sp - 1, code, pc), 16, true);
        return push1(st, sp);
      }
      case V128_LOAD8X8_U: {
        V128.loadExtend(st, sp, mem(inst, code, pc), ea(st, sp - 1, code, pc), 16, false);
        return push1(st, sp);
      }
      case V128_LOAD16X4_S: {
        V128.loadExtend(st, sp, mem(inst, code, pc), ea(st, sp - 1, code, pc), 32, true);
        return push1(st, sp);
      }
      case V128_LOAD16X4_U: {
        V128.loadExtend(st, sp, mem(inst, code, pc), ea(st, sp - 1, code, pc), 32, false);
        return push1(st, sp);
      }
      case V128_LOAD32X2_S: {
        V128.loadExtend(st, sp, mem(inst, code, pc), ea(st, sp - 1, code, pc), 64, true);
        return push1(st, sp);
      }
      case V128_LOAD32X2_U: {
        V128.loadExtend(st, sp, mem(inst, code, pc), ea(st, sp - 1, code, pc), 64, false);
        return push1(st, sp);
      }
      case V128_LOAD8_SPLAT: {
        V128.splat(st, sp, 8, V128.loadN(mem(inst, code, pc), ea(st, sp - 1, code, pc), 1));
        return push1(st, sp);
      }
      case V128_LOAD16_SPLAT: {
        V128.splat(st, sp, 16, V128.loadN(mem(inst, code, pc), ea(st, sp - 1, code, pc), 2));
        return push1(st, sp);
      }
      case V128_LOAD32_SPLAT: {
        V128.splat(st, sp, 32, V128.loadN(mem(inst, code, pc), ea(st, sp - 1, code, pc), 4));
        return push1(st, sp);
      }
      case V128_LOAD64_SPLAT: {
        V128.splat(st, sp, 64, V128.loadN(mem(inst, code, pc), ea(st, sp - 1, code, pc), 8));
        return push1(st, sp);
      }
      case V128_STORE: {
        V128.store(mem(inst, code, pc), ea(st, sp - 3, code, pc), st[sp - 2], st[sp - 1]);
        return sp - 3;
      }
      case V128_CONST: {
        st[sp] = (code[pc + 1] & U32) | ((long) code[pc + 2] << 32);
        st[sp + 1] = (code[pc + 3] & U32) | ((long) code[pc + 4] << 32);
        return sp + 2;
      }
      case I8X16_SHUFFLE: {
        V128.shuffle(st, sp, st, sp - 4, sp - 2, code, pc + 1);
        return binary(st, sp);
      }
      case I8X16_SWIZZLE: {
        V128.swizzle(st, sp, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_SPLAT: {
        V128.splat(st, sp, 8, st[sp - 1]);
        return push1(st, sp);
      }
      case I16X8_SPLAT: {
        V128.splat(st, sp, 16, st[sp - 1]);
        return push1(st, sp);
      }
      case I32X4_SPLAT: {
        V128.splat(st, sp, 32, st[sp - 1]);
        return push1(st, sp);
      }
      case I64X2_SPLAT: {
        V128.splat(st, sp, 64, st[sp - 1]);
        return push1(st, sp);
      }
      case F32X4_SPLAT: {
        V128.splat(st, sp, 32, st[sp - 1] & 0xFFFFFFFFL);
        return push1(st, sp);
      }
      case F64X2_SPLAT: {
        V128.splat(st, sp, 64, st[sp - 1]);
        return push1(st, sp);
      }
      case I8X16_EXTRACT_LANE_S: {
        st[sp - 2] = V128.lane(st, sp - 2, 8, code[pc + 1]);
        return sp - 1;
      }
      case I8X16_EXTRACT_LANE_U: {
        st[sp - 2] = V128.laneU(st, sp - 2, 8, code[pc + 1]);
        return sp - 1;
      }
      case I8X16_REPLACE_LANE: {
        V128.replaceLane(st, sp, st, sp - 3, 8, code[pc + 1], st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I16X8_EXTRACT_LANE_S: {
        st[sp - 2] = V128.lane(st, sp - 2, 16, code[pc + 1]);
        return sp - 1;
      }
      case I16X8_EXTRACT_LANE_U: {
        st[sp - 2] = V128.laneU(st, sp - 2, 16, code[pc + 1]);
        return sp - 1;
      }
      case I16X8_REPLACE_LANE: {
        V128.replaceLane(st, sp, st, sp - 3, 16, code[pc + 1], st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I32X4_EXTRACT_LANE: {
        st[sp - 2] = V128.lane(st, sp - 2, 32, code[pc + 1]);
        return sp - 1;
      }
      case I32X4_REPLACE_LANE: {
        V128.replaceLane(st, sp, st, sp - 3, 32, code[pc + 1], st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I64X2_EXTRACT_LANE: {
        st[sp - 2] = V128.lane(st, sp - 2, 64, code[pc + 1]);
        return sp - 1;
      }
      case I64X2_REPLACE_LANE: {
        V128.replaceLane(st, sp, st, sp - 3, 64, code[pc + 1], st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case F32X4_EXTRACT_LANE: {
        st[sp - 2] = V128.laneU(st, sp - 2, 32, code[pc + 1]);
        return sp - 1;
      }
      case F32X4_REPLACE_LANE: {
        V128.replaceLane(st, sp, st, sp - 3, 32, code[pc + 1], st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case F64X2_EXTRACT_LANE: {
        st[sp - 2] = V128.lane(st, sp - 2, 64, code[pc + 1]);
        return sp - 1;
      }
      case F64X2_REPLACE_LANE: {
        V128.replaceLane(st, sp, st, sp - 3, 64, code[pc + 1], st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I8X16_EQ: {
        V128.binary(st, sp, V128.EQ, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_NE: {
        V128.binary(st, sp, V128.NE, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_LT_S: {
        V128.binary(st, sp, V128.LT_S, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_LT_U: {
        V128.binary(st, sp, V128.LT_U, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_GT_S: {
        V128.binary(st, sp, V128.GT_S, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_GT_U: {
        V128.binary(st, sp, V128.GT_U, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_LE_S: {
        V128.binary(st, sp, V128.LE_S, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_LE_U: {
        V128.binary(st, sp, V128.LE_U, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_GE_S: {
        V128.binary(st, sp, V128.GE_S, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_GE_U: {
        V128.binary(st, sp, V128.GE_U, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_EQ: {
        V128.binary(st, sp, V128.EQ, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_NE: {
        V128.binary(st, sp, V128.NE, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_LT_S: {
        V128.binary(st, sp, V128.LT_S, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_LT_U: {
        V128.binary(st, sp, V128.LT_U, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_GT_S: {
        V128.binary(st, sp, V128.GT_S, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_GT_U: {
        V128.binary(st, sp, V128.GT_U, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_LE_S: {
        V128.binary(st, sp, V128.LE_S, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_LE_U: {
        V128.binary(st, sp, V128.LE_U, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_GE_S: {
        V128.binary(st, sp, V128.GE_S, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_GE_U: {
        V128.binary(st, sp, V128.GE_U, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_EQ: {
        V128.binary(st, sp, V128.EQ, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_NE: {
        V128.binary(st, sp, V128.NE, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_LT_S: {
        V128.binary(st, sp, V128.LT_S, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_LT_U: {
        V128.binary(st, sp, V128.LT_U, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_GT_S: {
        V128.binary(st, sp, V128.GT_S, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_GT_U: {
        V128.binary(st, sp, V128.GT_U, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_LE_S: {
        V128.binary(st, sp, V128.LE_S, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_LE_U: {
        V128.binary(st, sp, V128.LE_U, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_GE_S: {
        V128.binary(st, sp, V128.GE_S, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_GE_U: {
        V128.binary(st, sp, V128.GE_U, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_EQ: {
        V128.f32x4(st, sp, V128.FEQ, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_NE: {
        V128.f32x4(st, sp, V128.FNE, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_LT: {
        V128.f32x4(st, sp, V128.FLT, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_GT: {
        V128.f32x4(st, sp, V128.FGT, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_LE: {
        V128.f32x4(st, sp, V128.FLE, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_GE: {
        V128.f32x4(st, sp, V128.FGE, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_EQ: {
        V128.f64x2(st, sp, V128.FEQ, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_NE: {
        V128.f64x2(st, sp, V128.FNE, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_LT: {
        V128.f64x2(st, sp, V128.FLT, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_GT: {
        V128.f64x2(st, sp, V128.FGT, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_LE: {
        V128.f64x2(st, sp, V128.FLE, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_GE: {
        V128.f64x2(st, sp, V128.FGE, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case V128_NOT: {
        st[sp - 2] = ~st[sp - 2];
        st[sp - 1] = ~st[sp - 1];
        return sp;
      }
      case V128_AND: {
        st[sp - 4] &= st[sp - 2];
        st[sp - 3] &= st[sp - 1];
        return sp - 2;
      }
      case V128_ANDNOT: {
        st[sp - 4] &= ~st[sp - 2];
        st[sp - 3] &= ~st[sp - 1];
        return sp - 2;
      }
      case V128_OR: {
        st[sp - 4] |= st[sp - 2];
        st[sp - 3] |= st[sp - 1];
        return sp - 2;
      }
      case V128_XOR: {
        st[sp - 4] ^= st[sp - 2];
        st[sp - 3] ^= st[sp - 1];
        return sp - 2;
      }
      case V128_BITSELECT: {
        V128.bitselect(st, sp, st, sp - 6, sp - 4, sp - 2);
        st[sp - 6] = st[sp];
        st[sp - 5] = st[sp + 1];
        return sp - 4;
      }
      case V128_ANY_TRUE: {
        st[sp - 2] = V128.anyTrue(st, sp - 2);
        return sp - 1;
      }
      case V128_LOAD8_LANE: {
        long loaded = V128.loadN(mem(inst, code, pc), ea(st, sp - 3, code, pc), 1);
        V128.replaceLane(st, sp, st, sp - 2, 8, code[pc + 2], loaded);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case V128_LOAD16_LANE: {
        long loaded = V128.loadN(mem(inst, code, pc), ea(st, sp - 3, code, pc), 2);
        V128.replaceLane(st, sp, st, sp - 2, 16, code[pc + 2], loaded);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case V128_LOAD32_LANE: {
        long loaded = V128.loadN(mem(inst, code, pc), ea(st, sp - 3, code, pc), 4);
        V128.replaceLane(st, sp, st, sp - 2, 32, code[pc + 2], loaded);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case V128_LOAD64_LANE: {
        long loaded = V128.loadN(mem(inst, code, pc), ea(st, sp - 3, code, pc), 8);
        V128.replaceLane(st, sp, st, sp - 2, 64, code[pc + 2], loaded);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case V128_STORE8_LANE: {
        long lane = V128.laneU(st, sp - 2, 8, code[pc + 2]);
        V128.storeN(mem(inst, code, pc), ea(st, sp - 3, code, pc), 1, lane);
        return sp - 3;
      }
      case V128_STORE16_LANE: {
        long lane = V128.laneU(st, sp - 2, 16, code[pc + 2]);
        V128.storeN(mem(inst, code, pc), ea(st, sp - 3, code, pc), 2, lane);
        return sp - 3;
      }
      case V128_STORE32_LANE: {
        long lane = V128.laneU(st, sp - 2, 32, code[pc + 2]);
        V128.storeN(mem(inst, code, pc), ea(st, sp - 3, code, pc), 4, lane);
        return sp - 3;
      }
      case V128_STORE64_LANE: {
        long lane = V128.laneU(st, sp - 2, 64, code[pc + 2]);
        V128.storeN(mem(inst, code, pc), ea(st, sp - 3, code, pc), 8, lane);
        return sp - 3;
      }
      case V128_LOAD32_ZERO: {
        st[sp] = V128.loadN(mem(inst, code, pc), ea(st, sp - 1, code, pc), 4);
        st[sp + 1] = 0;
        return push1(st, sp);
      }
      case V128_LOAD64_ZERO: {
        st[sp] = V128.loadN(mem(inst, code, pc), ea(st, sp - 1, code, pc), 8);
        st[sp + 1] = 0;
        return push1(st, sp);
      }
      case F32X4_DEMOTE_F64X2_ZERO: {
        V128.demoteF64x2Zero(st, sp, st, sp - 2);
        return unary(st, sp);
      }
      case F64X2_PROMOTE_LOW_F32X4: {
        V128.promoteLowF32x4(st, sp, st, sp - 2);
        return unary(st, sp);
      }
      case I8X16_ABS: {
        V128.abs(st, sp, 8, st, sp - 2);
        return unary(st, sp);
      }
      case I8X16_NEG: {
        V128.neg(st, sp, 8, st, sp - 2);
        return unary(st, sp);
      }
      case I8X16_POPCNT: {
        V128.popcnt8(st, sp, st, sp - 2);
        return unary(st, sp);
      }
      case I8X16_ALL_TRUE: {
        st[sp - 2] = V128.allTrue(st, sp - 2, 8);
        return sp - 1;
      }
      case I8X16_BITMASK: {
        st[sp - 2] = V128.bitmask(st, sp - 2, 8);
        return sp - 1;
      }
      case I8X16_NARROW_I16X8_S: {
        V128.narrow(st, sp, 8, true, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_NARROW_I16X8_U: {
        V128.narrow(st, sp, 8, false, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_CEIL: {
        V128.f32x4(st, sp, V128.FCEIL, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case F32X4_FLOOR: {
        V128.f32x4(st, sp, V128.FFLOOR, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case F32X4_TRUNC: {
        V128.f32x4(st, sp, V128.FTRUNC, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case F32X4_NEAREST: {
        V128.f32x4(st, sp, V128.FNEAREST, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case I8X16_SHL: {
        V128.shift(st, sp, 0, 8, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I8X16_SHR_S: {
        V128.shift(st, sp, 1, 8, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I8X16_SHR_U: {
        V128.shift(st, sp, 2, 8, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I8X16_ADD: {
        V128.binary(st, sp, V128.ADD, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_ADD_SAT_S: {
        V128.binary(st, sp, V128.ADD_SAT_S, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_ADD_SAT_U: {
        V128.binary(st, sp, V128.ADD_SAT_U, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_SUB: {
        V128.binary(st, sp, V128.SUB, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_SUB_SAT_S: {
        V128.binary(st, sp, V128.SUB_SAT_S, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_SUB_SAT_U: {
        V128.binary(st, sp, V128.SUB_SAT_U, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_CEIL: {
        V128.f64x2(st, sp, V128.FCEIL, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case F64X2_FLOOR: {
        V128.f64x2(st, sp, V128.FFLOOR, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case I8X16_MIN_S: {
        V128.binary(st, sp, V128.MIN_S, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_MIN_U: {
        V128.binary(st, sp, V128.MIN_U, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_MAX_S: {
        V128.binary(st, sp, V128.MAX_S, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I8X16_MAX_U: {
        V128.binary(st, sp, V128.MAX_U, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_TRUNC: {
        V128.f64x2(st, sp, V128.FTRUNC, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case I8X16_AVGR_U: {
        V128.binary(st, sp, V128.AVGR_U, 8, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_EXTADD_PAIRWISE_I8X16_S: {
        V128.extaddPairwise(st, sp, 16, true, st, sp - 2);
        return unary(st, sp);
      }
      case I16X8_EXTADD_PAIRWISE_I8X16_U: {
        V128.extaddPairwise(st, sp, 16, false, st, sp - 2);
        return unary(st, sp);
      }
      case I32X4_EXTADD_PAIRWISE_I16X8_S: {
        V128.extaddPairwise(st, sp, 32, true, st, sp - 2);
        return unary(st, sp);
      }
      case I32X4_EXTADD_PAIRWISE_I16X8_U: {
        V128.extaddPairwise(st, sp, 32, false, st, sp - 2);
        return unary(st, sp);
      }
      case I16X8_ABS: {
        V128.abs(st, sp, 16, st, sp - 2);
        return unary(st, sp);
      }
      case I16X8_NEG: {
        V128.neg(st, sp, 16, st, sp - 2);
        return unary(st, sp);
      }
      case I16X8_Q15MULR_SAT_S: {
        V128.binary(st, sp, V128.Q15MULR_SAT_S, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_ALL_TRUE: {
        st[sp - 2] = V128.allTrue(st, sp - 2, 16);
        return sp - 1;
      }
      case I16X8_BITMASK: {
        st[sp - 2] = V128.bitmask(st, sp - 2, 16);
        return sp - 1;
      }
      case I16X8_NARROW_I32X4_S: {
        V128.narrow(st, sp, 16, true, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_NARROW_I32X4_U: {
        V128.narrow(st, sp, 16, false, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_EXTEND_LOW_I8X16_S: {
        V128.extend(st, sp, 16, false, true, st, sp - 2);
        return unary(st, sp);
      }
      case I16X8_EXTEND_HIGH_I8X16_S: {
        V128.extend(st, sp, 16, true, true, st, sp - 2);
        return unary(st, sp);
      }
      case I16X8_EXTEND_LOW_I8X16_U: {
        V128.extend(st, sp, 16, false, false, st, sp - 2);
        return unary(st, sp);
      }
      case I16X8_EXTEND_HIGH_I8X16_U: {
        V128.extend(st, sp, 16, true, false, st, sp - 2);
        return unary(st, sp);
      }
      case I16X8_SHL: {
        V128.shift(st, sp, 0, 16, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I16X8_SHR_S: {
        V128.shift(st, sp, 1, 16, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I16X8_SHR_U: {
        V128.shift(st, sp, 2, 16, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I16X8_ADD: {
        V128.binary(st, sp, V128.ADD, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_ADD_SAT_S: {
        V128.binary(st, sp, V128.ADD_SAT_S, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_ADD_SAT_U: {
        V128.binary(st, sp, V128.ADD_SAT_U, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_SUB: {
        V128.binary(st, sp, V128.SUB, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_SUB_SAT_S: {
        V128.binary(st, sp, V128.SUB_SAT_S, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_SUB_SAT_U: {
        V128.binary(st, sp, V128.SUB_SAT_U, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_NEAREST: {
        V128.f64x2(st, sp, V128.FNEAREST, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case I16X8_MUL: {
        V128.binary(st, sp, V128.MUL, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_MIN_S: {
        V128.binary(st, sp, V128.MIN_S, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_MIN_U: {
        V128.binary(st, sp, V128.MIN_U, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_MAX_S: {
        V128.binary(st, sp, V128.MAX_S, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_MAX_U: {
        V128.binary(st, sp, V128.MAX_U, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_AVGR_U: {
        V128.binary(st, sp, V128.AVGR_U, 16, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_EXTMUL_LOW_I8X16_S: {
        V128.extmul(st, sp, 16, false, true, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_EXTMUL_HIGH_I8X16_S: {
        V128.extmul(st, sp, 16, true, true, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_EXTMUL_LOW_I8X16_U: {
        V128.extmul(st, sp, 16, false, false, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I16X8_EXTMUL_HIGH_I8X16_U: {
        V128.extmul(st, sp, 16, true, false, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_ABS: {
        V128.abs(st, sp, 32, st, sp - 2);
        return unary(st, sp);
      }
      case I32X4_NEG: {
        V128.neg(st, sp, 32, st, sp - 2);
        return unary(st, sp);
      }
      case I32X4_ALL_TRUE: {
        st[sp - 2] = V128.allTrue(st, sp - 2, 32);
        return sp - 1;
      }
      case I32X4_BITMASK: {
        st[sp - 2] = V128.bitmask(st, sp - 2, 32);
        return sp - 1;
      }
      case I32X4_EXTEND_LOW_I16X8_S: {
        V128.extend(st, sp, 32, false, true, st, sp - 2);
        return unary(st, sp);
      }
      case I32X4_EXTEND_HIGH_I16X8_S: {
        V128.extend(st, sp, 32, true, true, st, sp - 2);
        return unary(st, sp);
      }
      case I32X4_EXTEND_LOW_I16X8_U: {
        V128.extend(st, sp, 32, false, false, st, sp - 2);
        return unary(st, sp);
      }
      case I32X4_EXTEND_HIGH_I16X8_U: {
        V128.extend(st, sp, 32, true, false, st, sp - 2);
        return unary(st, sp);
      }
      case I32X4_SHL: {
        V128.shift(st, sp, 0, 32, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I32X4_SHR_S: {
        V128.shift(st, sp, 1, 32, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I32X4_SHR_U: {
        V128.shift(st, sp, 2, 32, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I32X4_ADD: {
        V128.binary(st, sp, V128.ADD, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_SUB: {
        V128.binary(st, sp, V128.SUB, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_MUL: {
        V128.binary(st, sp, V128.MUL, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_MIN_S: {
        V128.binary(st, sp, V128.MIN_S, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_MIN_U: {
        V128.binary(st, sp, V128.MIN_U, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_MAX_S: {
        V128.binary(st, sp, V128.MAX_S, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_MAX_U: {
        V128.binary(st, sp, V128.MAX_U, 32, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_DOT_I16X8_S: {
        V128.dot16(st, sp, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_EXTMUL_LOW_I16X8_S: {
        V128.extmul(st, sp, 32, false, true, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_EXTMUL_HIGH_I16X8_S: {
        V128.extmul(st, sp, 32, true, true, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_EXTMUL_LOW_I16X8_U: {
        V128.extmul(st, sp, 32, false, false, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_EXTMUL_HIGH_I16X8_U: {
        V128.extmul(st, sp, 32, true, false, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_ABS: {
        V128.abs(st, sp, 64, st, sp - 2);
        return unary(st, sp);
      }
      case I64X2_NEG: {
        V128.neg(st, sp, 64, st, sp - 2);
        return unary(st, sp);
      }
      case I64X2_ALL_TRUE: {
        st[sp - 2] = V128.allTrue(st, sp - 2, 64);
        return sp - 1;
      }
      case I64X2_BITMASK: {
        st[sp - 2] = V128.bitmask(st, sp - 2, 64);
        return sp - 1;
      }
      case I64X2_EXTEND_LOW_I32X4_S: {
        V128.extend(st, sp, 64, false, true, st, sp - 2);
        return unary(st, sp);
      }
      case I64X2_EXTEND_HIGH_I32X4_S: {
        V128.extend(st, sp, 64, true, true, st, sp - 2);
        return unary(st, sp);
      }
      case I64X2_EXTEND_LOW_I32X4_U: {
        V128.extend(st, sp, 64, false, false, st, sp - 2);
        return unary(st, sp);
      }
      case I64X2_EXTEND_HIGH_I32X4_U: {
        V128.extend(st, sp, 64, true, false, st, sp - 2);
        return unary(st, sp);
      }
      case I64X2_SHL: {
        V128.shift(st, sp, 0, 64, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I64X2_SHR_S: {
        V128.shift(st, sp, 1, 64, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I64X2_SHR_U: {
        V128.shift(st, sp, 2, 64, st, sp - 3, (int) st[sp - 1]);
        st[sp - 3] = st[sp];
        st[sp - 2] = st[sp + 1];
        return sp - 1;
      }
      case I64X2_ADD: {
        V128.binary(st, sp, V128.ADD, 64, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_SUB: {
        V128.binary(st, sp, V128.SUB, 64, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_MUL: {
        V128.binary(st, sp, V128.MUL, 64, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_EQ: {
        V128.binary(st, sp, V128.EQ, 64, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_NE: {
        V128.binary(st, sp, V128.NE, 64, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_LT_S: {
        V128.binary(st, sp, V128.LT_S, 64, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_GT_S: {
        V128.binary(st, sp, V128.GT_S, 64, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_LE_S: {
        V128.binary(st, sp, V128.LE_S, 64, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_GE_S: {
        V128.binary(st, sp, V128.GE_S, 64, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_EXTMUL_LOW_I32X4_S: {
        V128.extmul(st, sp, 64, false, true, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_EXTMUL_HIGH_I32X4_S: {
        V128.extmul(st, sp, 64, true, true, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_EXTMUL_LOW_I32X4_U: {
        V128.extmul(st, sp, 64, false, false, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I64X2_EXTMUL_HIGH_I32X4_U: {
        V128.extmul(st, sp, 64, true, false, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_ABS: {
        V128.f32x4(st, sp, V128.FABS, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case F32X4_NEG: {
        V128.f32x4(st, sp, V128.FNEG, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case F32X4_SQRT: {
        V128.f32x4(st, sp, V128.FSQRT, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case F32X4_ADD: {
        V128.f32x4(st, sp, V128.FADD, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_SUB: {
        V128.f32x4(st, sp, V128.FSUB, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_MUL: {
        V128.f32x4(st, sp, V128.FMUL, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_DIV: {
        V128.f32x4(st, sp, V128.FDIV, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_MIN: {
        V128.f32x4(st, sp, V128.FMIN, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_MAX: {
        V128.f32x4(st, sp, V128.FMAX, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_PMIN: {
        V128.f32x4(st, sp, V128.FPMIN, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F32X4_PMAX: {
        V128.f32x4(st, sp, V128.FPMAX, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_ABS: {
        V128.f64x2(st, sp, V128.FABS, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case F64X2_NEG: {
        V128.f64x2(st, sp, V128.FNEG, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case F64X2_SQRT: {
        V128.f64x2(st, sp, V128.FSQRT, st, sp - 2, sp - 2);
        return unary(st, sp);
      }
      case F64X2_ADD: {
        V128.f64x2(st, sp, V128.FADD, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_SUB: {
        V128.f64x2(st, sp, V128.FSUB, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_MUL: {
        V128.f64x2(st, sp, V128.FMUL, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_DIV: {
        V128.f64x2(st, sp, V128.FDIV, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_MIN: {
        V128.f64x2(st, sp, V128.FMIN, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_MAX: {
        V128.f64x2(st, sp, V128.FMAX, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_PMIN: {
        V128.f64x2(st, sp, V128.FPMIN, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case F64X2_PMAX: {
        V128.f64x2(st, sp, V128.FPMAX, st, sp - 4, sp - 2);
        return binary(st, sp);
      }
      case I32X4_TRUNC_SAT_F32X4_S: {
        V128.truncSatF32x4(st, sp, true, st, sp - 2);
        return unary(st, sp);
      }
      case I32X4_TRUNC_SAT_F32X4_U: {
        V128.truncSatF32x4(st, sp, false, st, sp - 2);
        return unary(st, sp);
      }
      case F32X4_CONVERT_I32X4_S: {
        V128.convertI32x4(st, sp, true, st, sp - 2);
        return unary(st, sp);
      }
      case F32X4_CONVERT_I32X4_U: {
        V128.convertI32x4(st, sp, false, st, sp - 2);
        return unary(st, sp);
      }
      case I32X4_TRUNC_SAT_F64X2_S_ZERO: {
        V128.truncSatF64x2Zero(st, sp, true, st, sp - 2);
        return unary(st, sp);
      }
      case I32X4_TRUNC_SAT_F64X2_U_ZERO: {
        V128.truncSatF64x2Zero(st, sp, false, st, sp - 2);
        return unary(st, sp);
      }
      case F64X2_CONVERT_LOW_I32X4_S: {
        V128.convertLowI32x4(st, sp, true, st, sp - 2);
        return unary(st, sp);
      }
      case F64X2_CONVERT_LOW_I32X4_U: {
        V128.convertLowI32x4(st, sp, false, st, sp - 2);
        return unary(st, sp);
      }
      default:
        throw new IllegalStateException("bad SIMD opcode " + op + " at " + pc);
    }
  }

  /** The interpreter's own v128 forms: locals, globals, select, drop. */
  private static int own(int op, int[] code, int pc, long[] st, int sp, int fp, Instance inst) {
    switch (op) {
      case LOCAL_GET: {
        int at = fp + code[pc + 1];
        st[sp] = st[at];
        st[sp + 1] = st[at + 1];
        return sp + 2;
      }
      case LOCAL_SET: {
        int at = fp + code[pc + 1];
        st[at] = st[sp - 2];
        st[at + 1] = st[sp - 1];
        return sp - 2;
      }
      case LOCAL_TEE: {
        int at = fp + code[pc + 1];
        st[at] = st[sp - 2];
        st[at + 1] = st[sp - 1];
        return sp;
      }
      case GLOBAL_GET: {
        GlobalInstance g = inst.globals[code[pc + 1]];
        st[sp] = g.value;
        st[sp + 1] = g.high;
        return sp + 2;
      }
      case GLOBAL_SET: {
        GlobalInstance g = inst.globals[code[pc + 1]];
        g.value = st[sp - 2];
        g.high = st[sp - 1];
        return sp - 2;
      }
      case SELECT:
        if ((int) st[sp - 1] == 0) {
          st[sp - 5] = st[sp - 3];
          st[sp - 4] = st[sp - 2];
        }
        return sp - 3;
      case DROP:
        return sp - 2;
      default:
        throw new IllegalStateException("bad SIMD opcode " + op + " at " + pc);
    }
  }

  /** The bytes of the memory a SIMD load or store names (its last immediate: the memory index). */
  private static byte[] mem(Instance inst, int[] code, int pc) {
    int index = code[pc + SimdInstruction.codeLength(code[pc]) - 1];
    return index == 0 ? inst.memory0.bytes : inst.memories[index].bytes;
  }

  /** The effective address of the memory instruction at {@code pc} (address at {@code st[at]}). */
  private static long ea(long[] st, int at, int[] code, int pc) {
    return Memory.effectiveAddress((int) st[at], code[pc + 1]);
  }

  /** Replaces the top v128s a and b with the result (computed at {@code st[sp]}). */
  private static int binary(long[] st, int sp) {
    st[sp - 4] = st[sp];
    st[sp - 3] = st[sp + 1];
    return sp - 2;
  }

  /** Replaces the top v128 with the result (computed at {@code st[sp]}). */
  private static int unary(long[] st, int sp) {
    st[sp - 2] = st[sp];
    st[sp - 1] = st[sp + 1];
    return sp;
  }

  /** Replaces the top one-slot value with the v128 result (computed at {@code st[sp]}). */
  private static int push1(long[] st, int sp) {
    st[sp - 1] = st[sp];
    st[sp] = st[sp + 1];
    return sp + 1;
  }
}
