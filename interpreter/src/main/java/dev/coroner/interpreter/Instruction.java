package dev.coroner.interpreter;

import static dev.coroner.interpreter.Instruction.Flag.CONSTANT;
import static dev.coroner.interpreter.Instruction.Flag.TRAPS;
import static dev.coroner.interpreter.Instruction.Sig.ADDRESS;
import static dev.coroner.interpreter.Instruction.Sig.ELEMENT;
import static dev.coroner.interpreter.Instruction.Sig.INDEX;
import static dev.coroner.interpreter.model.ValType.F32;
import static dev.coroner.interpreter.model.ValType.F64;
import static dev.coroner.interpreter.model.ValType.FUNCREF;
import static dev.coroner.interpreter.model.ValType.I32;
import static dev.coroner.interpreter.model.ValType.I64;

import dev.coroner.coredump.BinaryReader;

/**
 * The instruction table: every WebAssembly instruction this interpreter knows, once, with its text
 * name, its number in pre-decoded code ({@link Op}, which also gives its encoding: prefix and
 * opcode), its immediates, its operand and result types and whether it can trap. Everything else
 * derives from it: the validator's typing and immediate decoding ({@link FunctionCompiler}), the
 * parser's constant expressions and skipping ({@link ModuleParser}), names in error messages, and
 * {@link Disassembly}. What an instruction does is a method in {@code
 * dev.coroner.interpreter.semantics} (for instance {@link #I32_DIV_S} is {@code I32.divS}), called
 * by the interpreter loop ({@link Machine}).
 *
 * <p>Types: an entry with a {@linkplain #typed() signature} is validated from the table alone
 * (immediates, then operands popped and results pushed). Its types may use two placeholders that
 * the validator resolves from the immediates: {@link Sig#ADDRESS}, the address type of the
 * instruction's memory, and {@link Sig#ELEMENT}, the element type of its table. Entries without a
 * signature (control, calls, locals, globals, polymorphic instructions) have their own rule in
 * the validator.
 *
 * <p>Adding an instruction (SIMD's {@code 0xFD} group, Wasm 3.0's tail calls) is an {@link Op}
 * number, an entry here, its semantics and its handler in the loop; multiple memories and 64-bit
 * memories change how {@link Immediates#MEMARG} and {@link Immediates#MEMORY} are read and what
 * {@link Sig#ADDRESS} resolves to, not the entries.
 */
enum Instruction {
  // ---- control ----
  UNREACHABLE(Op.UNREACHABLE, "unreachable", Immediates.NONE, TRAPS),
  NOP(Op.NOP, "nop", Immediates.NONE),
  BLOCK(Op.BLOCK, "block", Immediates.BLOCK_TYPE),
  LOOP(Op.LOOP, "loop", Immediates.BLOCK_TYPE),
  IF(Op.IF, "if", Immediates.BLOCK_TYPE),
  ELSE(Op.ELSE, "else", Immediates.NONE),
  END(Op.END, "end", Immediates.NONE),
  BR(Op.BR, "br", Immediates.LABEL),
  BR_IF(Op.BR_IF, "br_if", Immediates.LABEL),
  BR_TABLE(Op.BR_TABLE, "br_table", Immediates.LABELS),
  RETURN(Op.RETURN, "return", Immediates.NONE),
  /** Traps when the call stack is exhausted. */
  CALL(Op.CALL, "call", Immediates.FUNC, TRAPS),
  CALL_INDIRECT(Op.CALL_INDIRECT, "call_indirect", Immediates.TYPE_TABLE, TRAPS),
  /** Tail call (WebAssembly 3.0): the callee replaces the caller's frame. */
  RETURN_CALL(Op.RETURN_CALL, "return_call", Immediates.FUNC, TRAPS),
  RETURN_CALL_INDIRECT(Op.RETURN_CALL_INDIRECT, "return_call_indirect", Immediates.TYPE_TABLE,
      TRAPS),

  // ---- parametric ----
  DROP(Op.DROP, "drop", Immediates.NONE),
  SELECT(Op.SELECT, "select", Immediates.NONE),
  /** The typed form, {@code select (result t)}. */
  SELECT_T(Op.SELECT_T, "select", Immediates.VALTYPES),

  // ---- variables ----
  LOCAL_GET(Op.LOCAL_GET, "local.get", Immediates.LOCAL),
  LOCAL_SET(Op.LOCAL_SET, "local.set", Immediates.LOCAL),
  LOCAL_TEE(Op.LOCAL_TEE, "local.tee", Immediates.LOCAL),
  GLOBAL_GET(Op.GLOBAL_GET, "global.get", Immediates.GLOBAL, CONSTANT),
  GLOBAL_SET(Op.GLOBAL_SET, "global.set", Immediates.GLOBAL),

  // ---- tables ----
  TABLE_GET(Op.TABLE_GET, "table.get", Immediates.TABLE, Sig.of(INDEX).to(ELEMENT), TRAPS),
  TABLE_SET(Op.TABLE_SET, "table.set", Immediates.TABLE, Sig.of(INDEX, ELEMENT).to(), TRAPS),
  TABLE_INIT(Op.TABLE_INIT, "table.init", Immediates.ELEM_TABLE, Sig.of(INDEX, I32, I32).to(),
      TRAPS),
  ELEM_DROP(Op.ELEM_DROP, "elem.drop", Immediates.ELEM, Sig.of().to(), 0),
  TABLE_COPY(Op.TABLE_COPY, "table.copy", Immediates.TABLE_TABLE, Sig.of(INDEX, INDEX, INDEX).to(),
      TRAPS),
  TABLE_GROW(Op.TABLE_GROW, "table.grow", Immediates.TABLE, Sig.of(ELEMENT, INDEX).to(INDEX), 0),
  TABLE_SIZE(Op.TABLE_SIZE, "table.size", Immediates.TABLE, Sig.of().to(INDEX), 0),
  TABLE_FILL(Op.TABLE_FILL, "table.fill", Immediates.TABLE, Sig.of(INDEX, ELEMENT, INDEX).to(),
      TRAPS),

  // ---- memory: loads and stores (width in bytes) ----
  I32_LOAD(Op.I32_LOAD, "i32.load", I32, 4, true),
  I64_LOAD(Op.I64_LOAD, "i64.load", I64, 8, true),
  F32_LOAD(Op.F32_LOAD, "f32.load", F32, 4, true),
  F64_LOAD(Op.F64_LOAD, "f64.load", F64, 8, true),
  I32_LOAD8_S(Op.I32_LOAD8_S, "i32.load8_s", I32, 1, true),
  I32_LOAD8_U(Op.I32_LOAD8_U, "i32.load8_u", I32, 1, true),
  I32_LOAD16_S(Op.I32_LOAD16_S, "i32.load16_s", I32, 2, true),
  I32_LOAD16_U(Op.I32_LOAD16_U, "i32.load16_u", I32, 2, true),
  I64_LOAD8_S(Op.I64_LOAD8_S, "i64.load8_s", I64, 1, true),
  I64_LOAD8_U(Op.I64_LOAD8_U, "i64.load8_u", I64, 1, true),
  I64_LOAD16_S(Op.I64_LOAD16_S, "i64.load16_s", I64, 2, true),
  I64_LOAD16_U(Op.I64_LOAD16_U, "i64.load16_u", I64, 2, true),
  I64_LOAD32_S(Op.I64_LOAD32_S, "i64.load32_s", I64, 4, true),
  I64_LOAD32_U(Op.I64_LOAD32_U, "i64.load32_u", I64, 4, true),
  I32_STORE(Op.I32_STORE, "i32.store", I32, 4, false),
  I64_STORE(Op.I64_STORE, "i64.store", I64, 8, false),
  F32_STORE(Op.F32_STORE, "f32.store", F32, 4, false),
  F64_STORE(Op.F64_STORE, "f64.store", F64, 8, false),
  I32_STORE8(Op.I32_STORE8, "i32.store8", I32, 1, false),
  I32_STORE16(Op.I32_STORE16, "i32.store16", I32, 2, false),
  I64_STORE8(Op.I64_STORE8, "i64.store8", I64, 1, false),
  I64_STORE16(Op.I64_STORE16, "i64.store16", I64, 2, false),
  I64_STORE32(Op.I64_STORE32, "i64.store32", I64, 4, false),

  // ---- memory: size, growth, bulk ----
  MEMORY_SIZE(Op.MEMORY_SIZE, "memory.size", Immediates.MEMORY, Sig.of().to(ADDRESS), 0),
  MEMORY_GROW(Op.MEMORY_GROW, "memory.grow", Immediates.MEMORY, Sig.of(ADDRESS).to(ADDRESS), 0),
  MEMORY_INIT(Op.MEMORY_INIT, "memory.init", Immediates.DATA_MEMORY,
      Sig.of(ADDRESS, I32, I32).to(), TRAPS),
  DATA_DROP(Op.DATA_DROP, "data.drop", Immediates.DATA, Sig.of().to(), 0),
  MEMORY_COPY(Op.MEMORY_COPY, "memory.copy", Immediates.MEMORY_MEMORY,
      Sig.of(ADDRESS, ADDRESS, ADDRESS).to(), TRAPS),
  MEMORY_FILL(Op.MEMORY_FILL, "memory.fill", Immediates.MEMORY,
      Sig.of(ADDRESS, I32, ADDRESS).to(), TRAPS),

  // ---- constants ----
  I32_CONST(Op.I32_CONST, "i32.const", Immediates.I32, Sig.of().to(I32), CONSTANT),
  I64_CONST(Op.I64_CONST, "i64.const", Immediates.I64, Sig.of().to(I64), CONSTANT),
  F32_CONST(Op.F32_CONST, "f32.const", Immediates.F32, Sig.of().to(F32), CONSTANT),
  F64_CONST(Op.F64_CONST, "f64.const", Immediates.F64, Sig.of().to(F64), CONSTANT),

  // ---- i32 comparisons ----
  I32_EQZ(Op.I32_EQZ, "i32.eqz", Sig.of(I32).to(I32)),
  I32_EQ(Op.I32_EQ, "i32.eq", Sig.compare(I32)),
  I32_NE(Op.I32_NE, "i32.ne", Sig.compare(I32)),
  I32_LT_S(Op.I32_LT_S, "i32.lt_s", Sig.compare(I32)),
  I32_LT_U(Op.I32_LT_U, "i32.lt_u", Sig.compare(I32)),
  I32_GT_S(Op.I32_GT_S, "i32.gt_s", Sig.compare(I32)),
  I32_GT_U(Op.I32_GT_U, "i32.gt_u", Sig.compare(I32)),
  I32_LE_S(Op.I32_LE_S, "i32.le_s", Sig.compare(I32)),
  I32_LE_U(Op.I32_LE_U, "i32.le_u", Sig.compare(I32)),
  I32_GE_S(Op.I32_GE_S, "i32.ge_s", Sig.compare(I32)),
  I32_GE_U(Op.I32_GE_U, "i32.ge_u", Sig.compare(I32)),

  // ---- i64 comparisons ----
  I64_EQZ(Op.I64_EQZ, "i64.eqz", Sig.of(I64).to(I32)),
  I64_EQ(Op.I64_EQ, "i64.eq", Sig.compare(I64)),
  I64_NE(Op.I64_NE, "i64.ne", Sig.compare(I64)),
  I64_LT_S(Op.I64_LT_S, "i64.lt_s", Sig.compare(I64)),
  I64_LT_U(Op.I64_LT_U, "i64.lt_u", Sig.compare(I64)),
  I64_GT_S(Op.I64_GT_S, "i64.gt_s", Sig.compare(I64)),
  I64_GT_U(Op.I64_GT_U, "i64.gt_u", Sig.compare(I64)),
  I64_LE_S(Op.I64_LE_S, "i64.le_s", Sig.compare(I64)),
  I64_LE_U(Op.I64_LE_U, "i64.le_u", Sig.compare(I64)),
  I64_GE_S(Op.I64_GE_S, "i64.ge_s", Sig.compare(I64)),
  I64_GE_U(Op.I64_GE_U, "i64.ge_u", Sig.compare(I64)),

  // ---- f32 and f64 comparisons ----
  F32_EQ(Op.F32_EQ, "f32.eq", Sig.compare(F32)),
  F32_NE(Op.F32_NE, "f32.ne", Sig.compare(F32)),
  F32_LT(Op.F32_LT, "f32.lt", Sig.compare(F32)),
  F32_GT(Op.F32_GT, "f32.gt", Sig.compare(F32)),
  F32_LE(Op.F32_LE, "f32.le", Sig.compare(F32)),
  F32_GE(Op.F32_GE, "f32.ge", Sig.compare(F32)),
  F64_EQ(Op.F64_EQ, "f64.eq", Sig.compare(F64)),
  F64_NE(Op.F64_NE, "f64.ne", Sig.compare(F64)),
  F64_LT(Op.F64_LT, "f64.lt", Sig.compare(F64)),
  F64_GT(Op.F64_GT, "f64.gt", Sig.compare(F64)),
  F64_LE(Op.F64_LE, "f64.le", Sig.compare(F64)),
  F64_GE(Op.F64_GE, "f64.ge", Sig.compare(F64)),

  // ---- i32 arithmetic ----
  I32_CLZ(Op.I32_CLZ, "i32.clz", Sig.unary(I32)),
  I32_CTZ(Op.I32_CTZ, "i32.ctz", Sig.unary(I32)),
  I32_POPCNT(Op.I32_POPCNT, "i32.popcnt", Sig.unary(I32)),
  /** Constant in extended constant expressions (WebAssembly 3.0). */
  I32_ADD(Op.I32_ADD, "i32.add", Sig.binary(I32), CONSTANT),
  /** Constant in extended constant expressions (WebAssembly 3.0). */
  I32_SUB(Op.I32_SUB, "i32.sub", Sig.binary(I32), CONSTANT),
  /** Constant in extended constant expressions (WebAssembly 3.0). */
  I32_MUL(Op.I32_MUL, "i32.mul", Sig.binary(I32), CONSTANT),
  I32_DIV_S(Op.I32_DIV_S, "i32.div_s", Sig.binary(I32), TRAPS),
  I32_DIV_U(Op.I32_DIV_U, "i32.div_u", Sig.binary(I32), TRAPS),
  I32_REM_S(Op.I32_REM_S, "i32.rem_s", Sig.binary(I32), TRAPS),
  I32_REM_U(Op.I32_REM_U, "i32.rem_u", Sig.binary(I32), TRAPS),
  I32_AND(Op.I32_AND, "i32.and", Sig.binary(I32)),
  I32_OR(Op.I32_OR, "i32.or", Sig.binary(I32)),
  I32_XOR(Op.I32_XOR, "i32.xor", Sig.binary(I32)),
  I32_SHL(Op.I32_SHL, "i32.shl", Sig.binary(I32)),
  I32_SHR_S(Op.I32_SHR_S, "i32.shr_s", Sig.binary(I32)),
  I32_SHR_U(Op.I32_SHR_U, "i32.shr_u", Sig.binary(I32)),
  I32_ROTL(Op.I32_ROTL, "i32.rotl", Sig.binary(I32)),
  I32_ROTR(Op.I32_ROTR, "i32.rotr", Sig.binary(I32)),

  // ---- i64 arithmetic ----
  I64_CLZ(Op.I64_CLZ, "i64.clz", Sig.unary(I64)),
  I64_CTZ(Op.I64_CTZ, "i64.ctz", Sig.unary(I64)),
  I64_POPCNT(Op.I64_POPCNT, "i64.popcnt", Sig.unary(I64)),
  /** Constant in extended constant expressions (WebAssembly 3.0). */
  I64_ADD(Op.I64_ADD, "i64.add", Sig.binary(I64), CONSTANT),
  /** Constant in extended constant expressions (WebAssembly 3.0). */
  I64_SUB(Op.I64_SUB, "i64.sub", Sig.binary(I64), CONSTANT),
  /** Constant in extended constant expressions (WebAssembly 3.0). */
  I64_MUL(Op.I64_MUL, "i64.mul", Sig.binary(I64), CONSTANT),
  I64_DIV_S(Op.I64_DIV_S, "i64.div_s", Sig.binary(I64), TRAPS),
  I64_DIV_U(Op.I64_DIV_U, "i64.div_u", Sig.binary(I64), TRAPS),
  I64_REM_S(Op.I64_REM_S, "i64.rem_s", Sig.binary(I64), TRAPS),
  I64_REM_U(Op.I64_REM_U, "i64.rem_u", Sig.binary(I64), TRAPS),
  I64_AND(Op.I64_AND, "i64.and", Sig.binary(I64)),
  I64_OR(Op.I64_OR, "i64.or", Sig.binary(I64)),
  I64_XOR(Op.I64_XOR, "i64.xor", Sig.binary(I64)),
  I64_SHL(Op.I64_SHL, "i64.shl", Sig.binary(I64)),
  I64_SHR_S(Op.I64_SHR_S, "i64.shr_s", Sig.binary(I64)),
  I64_SHR_U(Op.I64_SHR_U, "i64.shr_u", Sig.binary(I64)),
  I64_ROTL(Op.I64_ROTL, "i64.rotl", Sig.binary(I64)),
  I64_ROTR(Op.I64_ROTR, "i64.rotr", Sig.binary(I64)),

  // ---- f32 arithmetic ----
  F32_ABS(Op.F32_ABS, "f32.abs", Sig.unary(F32)),
  F32_NEG(Op.F32_NEG, "f32.neg", Sig.unary(F32)),
  F32_CEIL(Op.F32_CEIL, "f32.ceil", Sig.unary(F32)),
  F32_FLOOR(Op.F32_FLOOR, "f32.floor", Sig.unary(F32)),
  F32_TRUNC(Op.F32_TRUNC, "f32.trunc", Sig.unary(F32)),
  F32_NEAREST(Op.F32_NEAREST, "f32.nearest", Sig.unary(F32)),
  F32_SQRT(Op.F32_SQRT, "f32.sqrt", Sig.unary(F32)),
  F32_ADD(Op.F32_ADD, "f32.add", Sig.binary(F32)),
  F32_SUB(Op.F32_SUB, "f32.sub", Sig.binary(F32)),
  F32_MUL(Op.F32_MUL, "f32.mul", Sig.binary(F32)),
  F32_DIV(Op.F32_DIV, "f32.div", Sig.binary(F32)),
  F32_MIN(Op.F32_MIN, "f32.min", Sig.binary(F32)),
  F32_MAX(Op.F32_MAX, "f32.max", Sig.binary(F32)),
  F32_COPYSIGN(Op.F32_COPYSIGN, "f32.copysign", Sig.binary(F32)),

  // ---- f64 arithmetic ----
  F64_ABS(Op.F64_ABS, "f64.abs", Sig.unary(F64)),
  F64_NEG(Op.F64_NEG, "f64.neg", Sig.unary(F64)),
  F64_CEIL(Op.F64_CEIL, "f64.ceil", Sig.unary(F64)),
  F64_FLOOR(Op.F64_FLOOR, "f64.floor", Sig.unary(F64)),
  F64_TRUNC(Op.F64_TRUNC, "f64.trunc", Sig.unary(F64)),
  F64_NEAREST(Op.F64_NEAREST, "f64.nearest", Sig.unary(F64)),
  F64_SQRT(Op.F64_SQRT, "f64.sqrt", Sig.unary(F64)),
  F64_ADD(Op.F64_ADD, "f64.add", Sig.binary(F64)),
  F64_SUB(Op.F64_SUB, "f64.sub", Sig.binary(F64)),
  F64_MUL(Op.F64_MUL, "f64.mul", Sig.binary(F64)),
  F64_DIV(Op.F64_DIV, "f64.div", Sig.binary(F64)),
  F64_MIN(Op.F64_MIN, "f64.min", Sig.binary(F64)),
  F64_MAX(Op.F64_MAX, "f64.max", Sig.binary(F64)),
  F64_COPYSIGN(Op.F64_COPYSIGN, "f64.copysign", Sig.binary(F64)),

  // ---- conversions ----
  I32_WRAP_I64(Op.I32_WRAP_I64, "i32.wrap_i64", Sig.of(I64).to(I32)),
  I32_TRUNC_F32_S(Op.I32_TRUNC_F32_S, "i32.trunc_f32_s", Sig.of(F32).to(I32), TRAPS),
  I32_TRUNC_F32_U(Op.I32_TRUNC_F32_U, "i32.trunc_f32_u", Sig.of(F32).to(I32), TRAPS),
  I32_TRUNC_F64_S(Op.I32_TRUNC_F64_S, "i32.trunc_f64_s", Sig.of(F64).to(I32), TRAPS),
  I32_TRUNC_F64_U(Op.I32_TRUNC_F64_U, "i32.trunc_f64_u", Sig.of(F64).to(I32), TRAPS),
  I64_EXTEND_I32_S(Op.I64_EXTEND_I32_S, "i64.extend_i32_s", Sig.of(I32).to(I64)),
  I64_EXTEND_I32_U(Op.I64_EXTEND_I32_U, "i64.extend_i32_u", Sig.of(I32).to(I64)),
  I64_TRUNC_F32_S(Op.I64_TRUNC_F32_S, "i64.trunc_f32_s", Sig.of(F32).to(I64), TRAPS),
  I64_TRUNC_F32_U(Op.I64_TRUNC_F32_U, "i64.trunc_f32_u", Sig.of(F32).to(I64), TRAPS),
  I64_TRUNC_F64_S(Op.I64_TRUNC_F64_S, "i64.trunc_f64_s", Sig.of(F64).to(I64), TRAPS),
  I64_TRUNC_F64_U(Op.I64_TRUNC_F64_U, "i64.trunc_f64_u", Sig.of(F64).to(I64), TRAPS),
  F32_CONVERT_I32_S(Op.F32_CONVERT_I32_S, "f32.convert_i32_s", Sig.of(I32).to(F32)),
  F32_CONVERT_I32_U(Op.F32_CONVERT_I32_U, "f32.convert_i32_u", Sig.of(I32).to(F32)),
  F32_CONVERT_I64_S(Op.F32_CONVERT_I64_S, "f32.convert_i64_s", Sig.of(I64).to(F32)),
  F32_CONVERT_I64_U(Op.F32_CONVERT_I64_U, "f32.convert_i64_u", Sig.of(I64).to(F32)),
  F32_DEMOTE_F64(Op.F32_DEMOTE_F64, "f32.demote_f64", Sig.of(F64).to(F32)),
  F64_CONVERT_I32_S(Op.F64_CONVERT_I32_S, "f64.convert_i32_s", Sig.of(I32).to(F64)),
  F64_CONVERT_I32_U(Op.F64_CONVERT_I32_U, "f64.convert_i32_u", Sig.of(I32).to(F64)),
  F64_CONVERT_I64_S(Op.F64_CONVERT_I64_S, "f64.convert_i64_s", Sig.of(I64).to(F64)),
  F64_CONVERT_I64_U(Op.F64_CONVERT_I64_U, "f64.convert_i64_u", Sig.of(I64).to(F64)),
  F64_PROMOTE_F32(Op.F64_PROMOTE_F32, "f64.promote_f32", Sig.of(F32).to(F64)),
  I32_REINTERPRET_F32(Op.I32_REINTERPRET_F32, "i32.reinterpret_f32", Sig.of(F32).to(I32)),
  I64_REINTERPRET_F64(Op.I64_REINTERPRET_F64, "i64.reinterpret_f64", Sig.of(F64).to(I64)),
  F32_REINTERPRET_I32(Op.F32_REINTERPRET_I32, "f32.reinterpret_i32", Sig.of(I32).to(F32)),
  F64_REINTERPRET_I64(Op.F64_REINTERPRET_I64, "f64.reinterpret_i64", Sig.of(I64).to(F64)),
  I32_EXTEND8_S(Op.I32_EXTEND8_S, "i32.extend8_s", Sig.unary(I32)),
  I32_EXTEND16_S(Op.I32_EXTEND16_S, "i32.extend16_s", Sig.unary(I32)),
  I64_EXTEND8_S(Op.I64_EXTEND8_S, "i64.extend8_s", Sig.unary(I64)),
  I64_EXTEND16_S(Op.I64_EXTEND16_S, "i64.extend16_s", Sig.unary(I64)),
  I64_EXTEND32_S(Op.I64_EXTEND32_S, "i64.extend32_s", Sig.unary(I64)),
  I32_TRUNC_SAT_F32_S(Op.I32_TRUNC_SAT_F32_S, "i32.trunc_sat_f32_s", Sig.of(F32).to(I32)),
  I32_TRUNC_SAT_F32_U(Op.I32_TRUNC_SAT_F32_U, "i32.trunc_sat_f32_u", Sig.of(F32).to(I32)),
  I32_TRUNC_SAT_F64_S(Op.I32_TRUNC_SAT_F64_S, "i32.trunc_sat_f64_s", Sig.of(F64).to(I32)),
  I32_TRUNC_SAT_F64_U(Op.I32_TRUNC_SAT_F64_U, "i32.trunc_sat_f64_u", Sig.of(F64).to(I32)),
  I64_TRUNC_SAT_F32_S(Op.I64_TRUNC_SAT_F32_S, "i64.trunc_sat_f32_s", Sig.of(F32).to(I64)),
  I64_TRUNC_SAT_F32_U(Op.I64_TRUNC_SAT_F32_U, "i64.trunc_sat_f32_u", Sig.of(F32).to(I64)),
  I64_TRUNC_SAT_F64_S(Op.I64_TRUNC_SAT_F64_S, "i64.trunc_sat_f64_s", Sig.of(F64).to(I64)),
  I64_TRUNC_SAT_F64_U(Op.I64_TRUNC_SAT_F64_U, "i64.trunc_sat_f64_u", Sig.of(F64).to(I64)),

  // ---- references ----
  REF_NULL(Op.REF_NULL, "ref.null", Immediates.REF_TYPE, CONSTANT),
  REF_IS_NULL(Op.REF_IS_NULL, "ref.is_null", Immediates.NONE),
  REF_FUNC(Op.REF_FUNC, "ref.func", Immediates.FUNC, Sig.of().to(FUNCREF), CONSTANT);

  /** Flags of an entry. */
  static final class Flag {
    /** The instruction can trap. */
    static final int TRAPS = 1;
    /** The instruction may appear in a constant expression. */
    static final int CONSTANT = 2;

    private Flag() {}
  }

  /** The immediates that follow an instruction's opcode, by shape. */
  enum Immediates {
    NONE(0),
    /** A block type: {@code 0x40}, a value type, or an s33 type index. */
    BLOCK_TYPE(-1),
    /** A label index. */
    LABEL(-1),
    /** A vector of label indices and a default label. */
    LABELS(-1),
    FUNC(1),
    /** A type index and a table index. */
    TYPE_TABLE(-1),
    LOCAL(-1),
    GLOBAL(-1),
    TABLE(1),
    /** Destination and source table indices. */
    TABLE_TABLE(2),
    /** An element segment index and a table index. */
    ELEM_TABLE(2),
    ELEM(1),
    DATA(1),
    /** A data segment index and a memory index. */
    DATA_MEMORY(1),
    /** Alignment and offset. */
    MEMARG(1),
    /** A memory index (a zero byte in WebAssembly 2.0). */
    MEMORY(0),
    /** Destination and source memory indices (zero bytes in WebAssembly 2.0). */
    MEMORY_MEMORY(0),
    I32(1),
    I64(2),
    F32(1),
    F64(2),
    REF_TYPE(-1),
    /** A vector of value types. */
    VALTYPES(-1);

    private final int ints;

    Immediates(int ints) {
      this.ints = ints;
    }

    /**
     * How many ints of pre-decoded code a typed instruction's immediates take: the constant's
     * bits (low int first), the memarg's offset, the segment and table indices in binary order;
     * memory indices take none while there is only memory 0. -1 for immediates of instructions
     * with their own rule.
     */
    int ints() {
      return ints;
    }

    /**
     * Reads past these immediates without checking them: enough to find the next instruction
     * (for a non-constant instruction in a constant expression).
     */
    <X extends Exception> void skip(BinaryReader<X> r) throws X {
      switch (this) {
        case NONE:
          break;
        case BLOCK_TYPE:
          r.readS33("block type");
          break;
        case LABEL: case FUNC: case LOCAL: case GLOBAL: case TABLE: case ELEM: case DATA:
          r.readU32("index");
          break;
        case TYPE_TABLE: case TABLE_TABLE: case ELEM_TABLE:
          r.readU32("immediate");
          r.readU32("immediate");
          break;
        case MEMARG:
          // With multiple memories, flag bit 6 announces a memory index; offsets are u64.
          if ((r.readU32("alignment") & 0x40) != 0) {
            r.readU32("memory index");
          }
          r.readU64("offset");
          break;
        case DATA_MEMORY:
          r.readU32("data index");
          r.readU32("memory index");
          break;
        case LABELS: {
          int n = r.readCount("label", Integer.MAX_VALUE, 1);
          for (int i = 0; i <= n; i++) {
            r.readU32("label");
          }
          break;
        }
        case MEMORY:
          r.readU32("memory index");
          break;
        case MEMORY_MEMORY:
          r.readU32("memory index");
          r.readU32("memory index");
          break;
        case I32:
          r.readS32("i32 constant");
          break;
        case I64:
          r.readS64("i64 constant");
          break;
        case F32:
          r.readFixed(4, "f32 constant");
          break;
        case F64:
          r.readFixed(8, "f64 constant");
          break;
        case REF_TYPE:
          r.readByte("reference type");
          break;
        case VALTYPES: {
          int n = r.readCount("value type", Integer.MAX_VALUE, 1);
          for (int i = 0; i < n; i++) {
            r.readByte("value type");
          }
          break;
        }
        default:
          throw new AssertionError(this);
      }
    }
  }

  /** Operand and result types, as value type codes or the placeholders below. */
  static final class Sig {
    /** Placeholder: the address type of the instruction's memory (i32 for 32-bit memories). */
    static final int ADDRESS = 0x01;
    /** Placeholder: the element (reference) type of the instruction's table. */
    static final int ELEMENT = 0x02;
    /** Placeholder: the index type of the instruction's table (i32, or i64 for a 64-bit table). */
    static final int INDEX = 0x03;

    final byte[] params;
    final byte[] results;

    private Sig(byte[] params, byte[] results) {
      this.params = params;
      this.results = results;
    }

    /** Operand types, to be completed with {@link Partial#to}. */
    static Partial of(int... params) {
      return new Partial(bytes(params));
    }

    static Sig unary(int t) {
      return of(t).to(t);
    }

    static Sig binary(int t) {
      return of(t, t).to(t);
    }

    static Sig compare(int t) {
      return of(t, t).to(I32);
    }

    private static byte[] bytes(int[] types) {
      byte[] b = new byte[types.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) types[i];
      }
      return b;
    }

    /** A signature's operand types. */
    static final class Partial {
      private final byte[] params;

      private Partial(byte[] params) {
        this.params = params;
      }

      Sig to(int... results) {
        return new Sig(params, bytes(results));
      }
    }
  }

  private static final Instruction[] BY_CODE = new Instruction[Op.FD + 0x114];

  static {
    for (Instruction in : values()) {
      if (BY_CODE[in.code] != null) {
        throw new AssertionError(in + " and " + BY_CODE[in.code] + " share number " + in.code);
      }
      BY_CODE[in.code] = in;
    }
  }

  private final int code;
  private final String text;
  private final Immediates immediates;
  private final Sig sig;
  private final int flags;
  /** Bytes a load or store accesses; 0 for other instructions. */
  private final int width;

  /** A numeric instruction: no immediates, typed by {@code sig}. */
  Instruction(int code, String text, Sig sig) {
    this(code, text, Immediates.NONE, sig, 0);
  }

  /** A numeric instruction with flags. */
  Instruction(int code, String text, Sig sig, int flags) {
    this(code, text, Immediates.NONE, sig, flags);
  }

  /** An instruction with its own rule in the validator. */
  Instruction(int code, String text, Immediates immediates) {
    this(code, text, immediates, null, 0);
  }

  /** An instruction with its own rule in the validator, with flags. */
  Instruction(int code, String text, Immediates immediates, int flags) {
    this(code, text, immediates, null, flags);
  }

  /** A load ({@code load}) or store of {@code width} bytes of a {@code type} value. */
  Instruction(int code, String text, int type, int width, boolean load) {
    this.code = code;
    this.text = text;
    this.immediates = Immediates.MEMARG;
    this.sig = load ? Sig.of(ADDRESS).to(type) : Sig.of(ADDRESS, type).to();
    this.flags = TRAPS;
    this.width = width;
  }

  Instruction(int code, String text, Immediates immediates, Sig sig, int flags) {
    this.code = code;
    this.text = text;
    this.immediates = immediates;
    this.sig = sig;
    this.flags = flags;
    this.width = 0;
  }

  /** The instruction's number in pre-decoded code ({@link Op}). */
  int code() {
    return code;
  }

  /** The text-format name (the one string in the sources that names the instruction). */
  String text() {
    return text;
  }

  /** The encoding's prefix byte: 0 for a one-byte opcode, 0xFC or 0xFD. */
  int prefix() {
    return Op.prefix(code);
  }

  /** The opcode byte, or the subopcode (a u32 in the binary) after a prefix. */
  int opcode() {
    return Op.opcode(code);
  }

  Immediates immediates() {
    return immediates;
  }

  /** Whether the validator types this instruction from the table alone. */
  boolean typed() {
    return sig != null;
  }

  /** Operand types (a typed instruction's), first operand first. */
  byte[] params() {
    return sig.params;
  }

  /** Result types (a typed instruction's). */
  byte[] results() {
    return sig.results;
  }

  boolean traps() {
    return (flags & TRAPS) != 0;
  }

  /** Whether the instruction may appear in a constant expression. */
  boolean isConstant() {
    return (flags & CONSTANT) != 0;
  }

  /** Bytes a load or store accesses (its natural alignment is their log2); 0 otherwise. */
  int width() {
    return width;
  }

  /** The length in ints of a typed instruction in pre-decoded code: its number and immediates. */
  int codeLength() {
    return 1 + immediates.ints();
  }

  /** The instruction numbered {@code code}, or null. */
  static Instruction of(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** The instruction encoded as {@code prefix} (0 for none) and {@code opcode}, or null. */
  static Instruction decode(int prefix, int opcode) {
    if (prefix != 0 && (opcode < 0 || opcode >= 0x114)) {
      return null;
    }
    int code = Op.of(prefix, opcode);
    Instruction in = of(code);
    return in != null && in.prefix() == prefix ? in : null;
  }

  @Override
  public String toString() {
    return text;
  }
}
