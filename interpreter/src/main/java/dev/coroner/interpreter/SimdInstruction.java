package dev.coroner.interpreter;

import static dev.coroner.interpreter.model.ValType.F32;
import static dev.coroner.interpreter.model.ValType.F64;
import static dev.coroner.interpreter.model.ValType.I32;
import static dev.coroner.interpreter.model.ValType.I64;
import static dev.coroner.interpreter.model.ValType.V128;

import dev.coroner.coredump.BinaryReader;

/**
 * The {@code 0xFD}-prefixed (fixed-width SIMD, WebAssembly 2.0) part of the instruction table: the
 * 236 instructions with their subopcode, text name, shape ({@link Kind}: which immediates follow
 * and how the validator types them) and, for memory and lane instructions, the access width or
 * lane count. {@link FunctionCompiler} hands every {@code 0xFD} opcode to {@link SimdCompiler},
 * which validates and emits it from this table; {@link Simd} runs it; what each lane operation
 * computes is in {@code dev.coroner.interpreter.semantics.V128}. An instruction's number in
 * pre-decoded code is {@link Op#FD} plus its subopcode, as for the main table.
 *
 * <p>The interpreter's own v128 forms (locals, globals, select and drop of a two-slot value; see
 * {@link Slots}) are numbered after the subopcodes, from {@link #OWN}.
 */
enum SimdInstruction {
  V128_LOAD(0x00, "v128.load", Kind.LOAD, 16, 0),
  V128_LOAD8X8_S(0x01, "v128.load8x8_s", Kind.LOAD, 8, 0),
  V128_LOAD8X8_U(0x02, "v128.load8x8_u", Kind.LOAD, 8, 0),
  V128_LOAD16X4_S(0x03, "v128.load16x4_s", Kind.LOAD, 8, 0),
  V128_LOAD16X4_U(0x04, "v128.load16x4_u", Kind.LOAD, 8, 0),
  V128_LOAD32X2_S(0x05, "v128.load32x2_s", Kind.LOAD, 8, 0),
  V128_LOAD32X2_U(0x06, "v128.load32x2_u", Kind.LOAD, 8, 0),
  V128_LOAD8_SPLAT(0x07, "v128.load8_splat", Kind.LOAD, 1, 0),
  V128_LOAD16_SPLAT(0x08, "v128.load16_splat", Kind.LOAD, 2, 0),
  V128_LOAD32_SPLAT(0x09, "v128.load32_splat", Kind.LOAD, 4, 0),
  V128_LOAD64_SPLAT(0x0a, "v128.load64_splat", Kind.LOAD, 8, 0),
  V128_STORE(0x0b, "v128.store", Kind.STORE, 16, 0),
  V128_CONST(0x0c, "v128.const", Kind.CONST, 0, 0),
  I8X16_SHUFFLE(0x0d, "i8x16.shuffle", Kind.SHUFFLE, 0, 16),
  I8X16_SWIZZLE(0x0e, "i8x16.swizzle", Kind.BINARY, 0, 0),
  I8X16_SPLAT(0x0f, "i8x16.splat", Kind.SPLAT, I32, 0),
  I16X8_SPLAT(0x10, "i16x8.splat", Kind.SPLAT, I32, 0),
  I32X4_SPLAT(0x11, "i32x4.splat", Kind.SPLAT, I32, 0),
  I64X2_SPLAT(0x12, "i64x2.splat", Kind.SPLAT, I64, 0),
  F32X4_SPLAT(0x13, "f32x4.splat", Kind.SPLAT, F32, 0),
  F64X2_SPLAT(0x14, "f64x2.splat", Kind.SPLAT, F64, 0),
  I8X16_EXTRACT_LANE_S(0x15, "i8x16.extract_lane_s", Kind.EXTRACT, I32, 16),
  I8X16_EXTRACT_LANE_U(0x16, "i8x16.extract_lane_u", Kind.EXTRACT, I32, 16),
  I8X16_REPLACE_LANE(0x17, "i8x16.replace_lane", Kind.REPLACE, I32, 16),
  I16X8_EXTRACT_LANE_S(0x18, "i16x8.extract_lane_s", Kind.EXTRACT, I32, 8),
  I16X8_EXTRACT_LANE_U(0x19, "i16x8.extract_lane_u", Kind.EXTRACT, I32, 8),
  I16X8_REPLACE_LANE(0x1a, "i16x8.replace_lane", Kind.REPLACE, I32, 8),
  I32X4_EXTRACT_LANE(0x1b, "i32x4.extract_lane", Kind.EXTRACT, I32, 4),
  I32X4_REPLACE_LANE(0x1c, "i32x4.replace_lane", Kind.REPLACE, I32, 4),
  I64X2_EXTRACT_LANE(0x1d, "i64x2.extract_lane", Kind.EXTRACT, I64, 2),
  I64X2_REPLACE_LANE(0x1e, "i64x2.replace_lane", Kind.REPLACE, I64, 2),
  F32X4_EXTRACT_LANE(0x1f, "f32x4.extract_lane", Kind.EXTRACT, F32, 4),
  F32X4_REPLACE_LANE(0x20, "f32x4.replace_lane", Kind.REPLACE, F32, 4),
  F64X2_EXTRACT_LANE(0x21, "f64x2.extract_lane", Kind.EXTRACT, F64, 2),
  F64X2_REPLACE_LANE(0x22, "f64x2.replace_lane", Kind.REPLACE, F64, 2),
  I8X16_EQ(0x23, "i8x16.eq", Kind.BINARY, 0, 0),
  I8X16_NE(0x24, "i8x16.ne", Kind.BINARY, 0, 0),
  I8X16_LT_S(0x25, "i8x16.lt_s", Kind.BINARY, 0, 0),
  I8X16_LT_U(0x26, "i8x16.lt_u", Kind.BINARY, 0, 0),
  I8X16_GT_S(0x27, "i8x16.gt_s", Kind.BINARY, 0, 0),
  I8X16_GT_U(0x28, "i8x16.gt_u", Kind.BINARY, 0, 0),
  I8X16_LE_S(0x29, "i8x16.le_s", Kind.BINARY, 0, 0),
  I8X16_LE_U(0x2a, "i8x16.le_u", Kind.BINARY, 0, 0),
  I8X16_GE_S(0x2b, "i8x16.ge_s", Kind.BINARY, 0, 0),
  I8X16_GE_U(0x2c, "i8x16.ge_u", Kind.BINARY, 0, 0),
  I16X8_EQ(0x2d, "i16x8.eq", Kind.BINARY, 0, 0),
  I16X8_NE(0x2e, "i16x8.ne", Kind.BINARY, 0, 0),
  I16X8_LT_S(0x2f, "i16x8.lt_s", Kind.BINARY, 0, 0),
  I16X8_LT_U(0x30, "i16x8.lt_u", Kind.BINARY, 0, 0),
  I16X8_GT_S(0x31, "i16x8.gt_s", Kind.BINARY, 0, 0),
  I16X8_GT_U(0x32, "i16x8.gt_u", Kind.BINARY, 0, 0),
  I16X8_LE_S(0x33, "i16x8.le_s", Kind.BINARY, 0, 0),
  I16X8_LE_U(0x34, "i16x8.le_u", Kind.BINARY, 0, 0),
  I16X8_GE_S(0x35, "i16x8.ge_s", Kind.BINARY, 0, 0),
  I16X8_GE_U(0x36, "i16x8.ge_u", Kind.BINARY, 0, 0),
  I32X4_EQ(0x37, "i32x4.eq", Kind.BINARY, 0, 0),
  I32X4_NE(0x38, "i32x4.ne", Kind.BINARY, 0, 0),
  I32X4_LT_S(0x39, "i32x4.lt_s", Kind.BINARY, 0, 0),
  I32X4_LT_U(0x3a, "i32x4.lt_u", Kind.BINARY, 0, 0),
  I32X4_GT_S(0x3b, "i32x4.gt_s", Kind.BINARY, 0, 0),
  I32X4_GT_U(0x3c, "i32x4.gt_u", Kind.BINARY, 0, 0),
  I32X4_LE_S(0x3d, "i32x4.le_s", Kind.BINARY, 0, 0),
  I32X4_LE_U(0x3e, "i32x4.le_u", Kind.BINARY, 0, 0),
  I32X4_GE_S(0x3f, "i32x4.ge_s", Kind.BINARY, 0, 0),
  I32X4_GE_U(0x40, "i32x4.ge_u", Kind.BINARY, 0, 0),
  F32X4_EQ(0x41, "f32x4.eq", Kind.BINARY, 0, 0),
  F32X4_NE(0x42, "f32x4.ne", Kind.BINARY, 0, 0),
  F32X4_LT(0x43, "f32x4.lt", Kind.BINARY, 0, 0),
  F32X4_GT(0x44, "f32x4.gt", Kind.BINARY, 0, 0),
  F32X4_LE(0x45, "f32x4.le", Kind.BINARY, 0, 0),
  F32X4_GE(0x46, "f32x4.ge", Kind.BINARY, 0, 0),
  F64X2_EQ(0x47, "f64x2.eq", Kind.BINARY, 0, 0),
  F64X2_NE(0x48, "f64x2.ne", Kind.BINARY, 0, 0),
  F64X2_LT(0x49, "f64x2.lt", Kind.BINARY, 0, 0),
  F64X2_GT(0x4a, "f64x2.gt", Kind.BINARY, 0, 0),
  F64X2_LE(0x4b, "f64x2.le", Kind.BINARY, 0, 0),
  F64X2_GE(0x4c, "f64x2.ge", Kind.BINARY, 0, 0),
  V128_NOT(0x4d, "v128.not", Kind.UNARY, 0, 0),
  V128_AND(0x4e, "v128.and", Kind.BINARY, 0, 0),
  V128_ANDNOT(0x4f, "v128.andnot", Kind.BINARY, 0, 0),
  V128_OR(0x50, "v128.or", Kind.BINARY, 0, 0),
  V128_XOR(0x51, "v128.xor", Kind.BINARY, 0, 0),
  V128_BITSELECT(0x52, "v128.bitselect", Kind.TERNARY, 0, 0),
  V128_ANY_TRUE(0x53, "v128.any_true", Kind.TEST, 0, 0),
  V128_LOAD8_LANE(0x54, "v128.load8_lane", Kind.LOAD_LANE, 1, 16),
  V128_LOAD16_LANE(0x55, "v128.load16_lane", Kind.LOAD_LANE, 2, 8),
  V128_LOAD32_LANE(0x56, "v128.load32_lane", Kind.LOAD_LANE, 4, 4),
  V128_LOAD64_LANE(0x57, "v128.load64_lane", Kind.LOAD_LANE, 8, 2),
  V128_STORE8_LANE(0x58, "v128.store8_lane", Kind.STORE_LANE, 1, 16),
  V128_STORE16_LANE(0x59, "v128.store16_lane", Kind.STORE_LANE, 2, 8),
  V128_STORE32_LANE(0x5a, "v128.store32_lane", Kind.STORE_LANE, 4, 4),
  V128_STORE64_LANE(0x5b, "v128.store64_lane", Kind.STORE_LANE, 8, 2),
  V128_LOAD32_ZERO(0x5c, "v128.load32_zero", Kind.LOAD, 4, 0),
  V128_LOAD64_ZERO(0x5d, "v128.load64_zero", Kind.LOAD, 8, 0),
  F32X4_DEMOTE_F64X2_ZERO(0x5e, "f32x4.demote_f64x2_zero", Kind.UNARY, 0, 0),
  F64X2_PROMOTE_LOW_F32X4(0x5f, "f64x2.promote_low_f32x4", Kind.UNARY, 0, 0),
  I8X16_ABS(0x60, "i8x16.abs", Kind.UNARY, 0, 0),
  I8X16_NEG(0x61, "i8x16.neg", Kind.UNARY, 0, 0),
  I8X16_POPCNT(0x62, "i8x16.popcnt", Kind.UNARY, 0, 0),
  I8X16_ALL_TRUE(0x63, "i8x16.all_true", Kind.TEST, 0, 0),
  I8X16_BITMASK(0x64, "i8x16.bitmask", Kind.TEST, 0, 0),
  I8X16_NARROW_I16X8_S(0x65, "i8x16.narrow_i16x8_s", Kind.BINARY, 0, 0),
  I8X16_NARROW_I16X8_U(0x66, "i8x16.narrow_i16x8_u", Kind.BINARY, 0, 0),
  F32X4_CEIL(0x67, "f32x4.ceil", Kind.UNARY, 0, 0),
  F32X4_FLOOR(0x68, "f32x4.floor", Kind.UNARY, 0, 0),
  F32X4_TRUNC(0x69, "f32x4.trunc", Kind.UNARY, 0, 0),
  F32X4_NEAREST(0x6a, "f32x4.nearest", Kind.UNARY, 0, 0),
  I8X16_SHL(0x6b, "i8x16.shl", Kind.SHIFT, 0, 0),
  I8X16_SHR_S(0x6c, "i8x16.shr_s", Kind.SHIFT, 0, 0),
  I8X16_SHR_U(0x6d, "i8x16.shr_u", Kind.SHIFT, 0, 0),
  I8X16_ADD(0x6e, "i8x16.add", Kind.BINARY, 0, 0),
  I8X16_ADD_SAT_S(0x6f, "i8x16.add_sat_s", Kind.BINARY, 0, 0),
  I8X16_ADD_SAT_U(0x70, "i8x16.add_sat_u", Kind.BINARY, 0, 0),
  I8X16_SUB(0x71, "i8x16.sub", Kind.BINARY, 0, 0),
  I8X16_SUB_SAT_S(0x72, "i8x16.sub_sat_s", Kind.BINARY, 0, 0),
  I8X16_SUB_SAT_U(0x73, "i8x16.sub_sat_u", Kind.BINARY, 0, 0),
  F64X2_CEIL(0x74, "f64x2.ceil", Kind.UNARY, 0, 0),
  F64X2_FLOOR(0x75, "f64x2.floor", Kind.UNARY, 0, 0),
  I8X16_MIN_S(0x76, "i8x16.min_s", Kind.BINARY, 0, 0),
  I8X16_MIN_U(0x77, "i8x16.min_u", Kind.BINARY, 0, 0),
  I8X16_MAX_S(0x78, "i8x16.max_s", Kind.BINARY, 0, 0),
  I8X16_MAX_U(0x79, "i8x16.max_u", Kind.BINARY, 0, 0),
  F64X2_TRUNC(0x7a, "f64x2.trunc", Kind.UNARY, 0, 0),
  I8X16_AVGR_U(0x7b, "i8x16.avgr_u", Kind.BINARY, 0, 0),
  I16X8_EXTADD_PAIRWISE_I8X16_S(0x7c, "i16x8.extadd_pairwise_i8x16_s", Kind.UNARY, 0, 0),
  I16X8_EXTADD_PAIRWISE_I8X16_U(0x7d, "i16x8.extadd_pairwise_i8x16_u", Kind.UNARY, 0, 0),
  I32X4_EXTADD_PAIRWISE_I16X8_S(0x7e, "i32x4.extadd_pairwise_i16x8_s", Kind.UNARY, 0, 0),
  I32X4_EXTADD_PAIRWISE_I16X8_U(0x7f, "i32x4.extadd_pairwise_i16x8_u", Kind.UNARY, 0, 0),
  I16X8_ABS(0x80, "i16x8.abs", Kind.UNARY, 0, 0),
  I16X8_NEG(0x81, "i16x8.neg", Kind.UNARY, 0, 0),
  I16X8_Q15MULR_SAT_S(0x82, "i16x8.q15mulr_sat_s", Kind.BINARY, 0, 0),
  I16X8_ALL_TRUE(0x83, "i16x8.all_true", Kind.TEST, 0, 0),
  I16X8_BITMASK(0x84, "i16x8.bitmask", Kind.TEST, 0, 0),
  I16X8_NARROW_I32X4_S(0x85, "i16x8.narrow_i32x4_s", Kind.BINARY, 0, 0),
  I16X8_NARROW_I32X4_U(0x86, "i16x8.narrow_i32x4_u", Kind.BINARY, 0, 0),
  I16X8_EXTEND_LOW_I8X16_S(0x87, "i16x8.extend_low_i8x16_s", Kind.UNARY, 0, 0),
  I16X8_EXTEND_HIGH_I8X16_S(0x88, "i16x8.extend_high_i8x16_s", Kind.UNARY, 0, 0),
  I16X8_EXTEND_LOW_I8X16_U(0x89, "i16x8.extend_low_i8x16_u", Kind.UNARY, 0, 0),
  I16X8_EXTEND_HIGH_I8X16_U(0x8a, "i16x8.extend_high_i8x16_u", Kind.UNARY, 0, 0),
  I16X8_SHL(0x8b, "i16x8.shl", Kind.SHIFT, 0, 0),
  I16X8_SHR_S(0x8c, "i16x8.shr_s", Kind.SHIFT, 0, 0),
  I16X8_SHR_U(0x8d, "i16x8.shr_u", Kind.SHIFT, 0, 0),
  I16X8_ADD(0x8e, "i16x8.add", Kind.BINARY, 0, 0),
  I16X8_ADD_SAT_S(0x8f, "i16x8.add_sat_s", Kind.BINARY, 0, 0),
  I16X8_ADD_SAT_U(0x90, "i16x8.add_sat_u", Kind.BINARY, 0, 0),
  I16X8_SUB(0x91, "i16x8.sub", Kind.BINARY, 0, 0),
  I16X8_SUB_SAT_S(0x92, "i16x8.sub_sat_s", Kind.BINARY, 0, 0),
  I16X8_SUB_SAT_U(0x93, "i16x8.sub_sat_u", Kind.BINARY, 0, 0),
  F64X2_NEAREST(0x94, "f64x2.nearest", Kind.UNARY, 0, 0),
  I16X8_MUL(0x95, "i16x8.mul", Kind.BINARY, 0, 0),
  I16X8_MIN_S(0x96, "i16x8.min_s", Kind.BINARY, 0, 0),
  I16X8_MIN_U(0x97, "i16x8.min_u", Kind.BINARY, 0, 0),
  I16X8_MAX_S(0x98, "i16x8.max_s", Kind.BINARY, 0, 0),
  I16X8_MAX_U(0x99, "i16x8.max_u", Kind.BINARY, 0, 0),
  I16X8_AVGR_U(0x9b, "i16x8.avgr_u", Kind.BINARY, 0, 0),
  I16X8_EXTMUL_LOW_I8X16_S(0x9c, "i16x8.extmul_low_i8x16_s", Kind.BINARY, 0, 0),
  I16X8_EXTMUL_HIGH_I8X16_S(0x9d, "i16x8.extmul_high_i8x16_s", Kind.BINARY, 0, 0),
  I16X8_EXTMUL_LOW_I8X16_U(0x9e, "i16x8.extmul_low_i8x16_u", Kind.BINARY, 0, 0),
  I16X8_EXTMUL_HIGH_I8X16_U(0x9f, "i16x8.extmul_high_i8x16_u", Kind.BINARY, 0, 0),
  I32X4_ABS(0xa0, "i32x4.abs", Kind.UNARY, 0, 0),
  I32X4_NEG(0xa1, "i32x4.neg", Kind.UNARY, 0, 0),
  I32X4_ALL_TRUE(0xa3, "i32x4.all_true", Kind.TEST, 0, 0),
  I32X4_BITMASK(0xa4, "i32x4.bitmask", Kind.TEST, 0, 0),
  I32X4_EXTEND_LOW_I16X8_S(0xa7, "i32x4.extend_low_i16x8_s", Kind.UNARY, 0, 0),
  I32X4_EXTEND_HIGH_I16X8_S(0xa8, "i32x4.extend_high_i16x8_s", Kind.UNARY, 0, 0),
  I32X4_EXTEND_LOW_I16X8_U(0xa9, "i32x4.extend_low_i16x8_u", Kind.UNARY, 0, 0),
  I32X4_EXTEND_HIGH_I16X8_U(0xaa, "i32x4.extend_high_i16x8_u", Kind.UNARY, 0, 0),
  I32X4_SHL(0xab, "i32x4.shl", Kind.SHIFT, 0, 0),
  I32X4_SHR_S(0xac, "i32x4.shr_s", Kind.SHIFT, 0, 0),
  I32X4_SHR_U(0xad, "i32x4.shr_u", Kind.SHIFT, 0, 0),
  I32X4_ADD(0xae, "i32x4.add", Kind.BINARY, 0, 0),
  I32X4_SUB(0xb1, "i32x4.sub", Kind.BINARY, 0, 0),
  I32X4_MUL(0xb5, "i32x4.mul", Kind.BINARY, 0, 0),
  I32X4_MIN_S(0xb6, "i32x4.min_s", Kind.BINARY, 0, 0),
  I32X4_MIN_U(0xb7, "i32x4.min_u", Kind.BINARY, 0, 0),
  I32X4_MAX_S(0xb8, "i32x4.max_s", Kind.BINARY, 0, 0),
  I32X4_MAX_U(0xb9, "i32x4.max_u", Kind.BINARY, 0, 0),
  I32X4_DOT_I16X8_S(0xba, "i32x4.dot_i16x8_s", Kind.BINARY, 0, 0),
  I32X4_EXTMUL_LOW_I16X8_S(0xbc, "i32x4.extmul_low_i16x8_s", Kind.BINARY, 0, 0),
  I32X4_EXTMUL_HIGH_I16X8_S(0xbd, "i32x4.extmul_high_i16x8_s", Kind.BINARY, 0, 0),
  I32X4_EXTMUL_LOW_I16X8_U(0xbe, "i32x4.extmul_low_i16x8_u", Kind.BINARY, 0, 0),
  I32X4_EXTMUL_HIGH_I16X8_U(0xbf, "i32x4.extmul_high_i16x8_u", Kind.BINARY, 0, 0),
  I64X2_ABS(0xc0, "i64x2.abs", Kind.UNARY, 0, 0),
  I64X2_NEG(0xc1, "i64x2.neg", Kind.UNARY, 0, 0),
  I64X2_ALL_TRUE(0xc3, "i64x2.all_true", Kind.TEST, 0, 0),
  I64X2_BITMASK(0xc4, "i64x2.bitmask", Kind.TEST, 0, 0),
  I64X2_EXTEND_LOW_I32X4_S(0xc7, "i64x2.extend_low_i32x4_s", Kind.UNARY, 0, 0),
  I64X2_EXTEND_HIGH_I32X4_S(0xc8, "i64x2.extend_high_i32x4_s", Kind.UNARY, 0, 0),
  I64X2_EXTEND_LOW_I32X4_U(0xc9, "i64x2.extend_low_i32x4_u", Kind.UNARY, 0, 0),
  I64X2_EXTEND_HIGH_I32X4_U(0xca, "i64x2.extend_high_i32x4_u", Kind.UNARY, 0, 0),
  I64X2_SHL(0xcb, "i64x2.shl", Kind.SHIFT, 0, 0),
  I64X2_SHR_S(0xcc, "i64x2.shr_s", Kind.SHIFT, 0, 0),
  I64X2_SHR_U(0xcd, "i64x2.shr_u", Kind.SHIFT, 0, 0),
  I64X2_ADD(0xce, "i64x2.add", Kind.BINARY, 0, 0),
  I64X2_SUB(0xd1, "i64x2.sub", Kind.BINARY, 0, 0),
  I64X2_MUL(0xd5, "i64x2.mul", Kind.BINARY, 0, 0),
  I64X2_EQ(0xd6, "i64x2.eq", Kind.BINARY, 0, 0),
  I64X2_NE(0xd7, "i64x2.ne", Kind.BINARY, 0, 0),
  I64X2_LT_S(0xd8, "i64x2.lt_s", Kind.BINARY, 0, 0),
  I64X2_GT_S(0xd9, "i64x2.gt_s", Kind.BINARY, 0, 0),
  I64X2_LE_S(0xda, "i64x2.le_s", Kind.BINARY, 0, 0),
  I64X2_GE_S(0xdb, "i64x2.ge_s", Kind.BINARY, 0, 0),
  I64X2_EXTMUL_LOW_I32X4_S(0xdc, "i64x2.extmul_low_i32x4_s", Kind.BINARY, 0, 0),
  I64X2_EXTMUL_HIGH_I32X4_S(0xdd, "i64x2.extmul_high_i32x4_s", Kind.BINARY, 0, 0),
  I64X2_EXTMUL_LOW_I32X4_U(0xde, "i64x2.extmul_low_i32x4_u", Kind.BINARY, 0, 0),
  I64X2_EXTMUL_HIGH_I32X4_U(0xdf, "i64x2.extmul_high_i32x4_u", Kind.BINARY, 0, 0),
  F32X4_ABS(0xe0, "f32x4.abs", Kind.UNARY, 0, 0),
  F32X4_NEG(0xe1, "f32x4.neg", Kind.UNARY, 0, 0),
  F32X4_SQRT(0xe3, "f32x4.sqrt", Kind.UNARY, 0, 0),
  F32X4_ADD(0xe4, "f32x4.add", Kind.BINARY, 0, 0),
  F32X4_SUB(0xe5, "f32x4.sub", Kind.BINARY, 0, 0),
  F32X4_MUL(0xe6, "f32x4.mul", Kind.BINARY, 0, 0),
  F32X4_DIV(0xe7, "f32x4.div", Kind.BINARY, 0, 0),
  F32X4_MIN(0xe8, "f32x4.min", Kind.BINARY, 0, 0),
  F32X4_MAX(0xe9, "f32x4.max", Kind.BINARY, 0, 0),
  F32X4_PMIN(0xea, "f32x4.pmin", Kind.BINARY, 0, 0),
  F32X4_PMAX(0xeb, "f32x4.pmax", Kind.BINARY, 0, 0),
  F64X2_ABS(0xec, "f64x2.abs", Kind.UNARY, 0, 0),
  F64X2_NEG(0xed, "f64x2.neg", Kind.UNARY, 0, 0),
  F64X2_SQRT(0xef, "f64x2.sqrt", Kind.UNARY, 0, 0),
  F64X2_ADD(0xf0, "f64x2.add", Kind.BINARY, 0, 0),
  F64X2_SUB(0xf1, "f64x2.sub", Kind.BINARY, 0, 0),
  F64X2_MUL(0xf2, "f64x2.mul", Kind.BINARY, 0, 0),
  F64X2_DIV(0xf3, "f64x2.div", Kind.BINARY, 0, 0),
  F64X2_MIN(0xf4, "f64x2.min", Kind.BINARY, 0, 0),
  F64X2_MAX(0xf5, "f64x2.max", Kind.BINARY, 0, 0),
  F64X2_PMIN(0xf6, "f64x2.pmin", Kind.BINARY, 0, 0),
  F64X2_PMAX(0xf7, "f64x2.pmax", Kind.BINARY, 0, 0),
  I32X4_TRUNC_SAT_F32X4_S(0xf8, "i32x4.trunc_sat_f32x4_s", Kind.UNARY, 0, 0),
  I32X4_TRUNC_SAT_F32X4_U(0xf9, "i32x4.trunc_sat_f32x4_u", Kind.UNARY, 0, 0),
  F32X4_CONVERT_I32X4_S(0xfa, "f32x4.convert_i32x4_s", Kind.UNARY, 0, 0),
  F32X4_CONVERT_I32X4_U(0xfb, "f32x4.convert_i32x4_u", Kind.UNARY, 0, 0),
  I32X4_TRUNC_SAT_F64X2_S_ZERO(0xfc, "i32x4.trunc_sat_f64x2_s_zero", Kind.UNARY, 0, 0),
  I32X4_TRUNC_SAT_F64X2_U_ZERO(0xfd, "i32x4.trunc_sat_f64x2_u_zero", Kind.UNARY, 0, 0),
  F64X2_CONVERT_LOW_I32X4_S(0xfe, "f64x2.convert_low_i32x4_s", Kind.UNARY, 0, 0),
  F64X2_CONVERT_LOW_I32X4_U(0xff, "f64x2.convert_low_i32x4_u", Kind.UNARY, 0, 0);

  /** The shape of an instruction: its immediates and its typing. */
  enum Kind {
    /**
     * memarg; [address] -> [v128]. {@code arg} is the access width in bytes. Pre-decoded: offset,
     * memory index (the last immediate of every memory kind).
     */
    LOAD(2),
    /** memarg; [address v128] -> []. Pre-decoded: offset, memory index. */
    STORE(2),
    /** memarg lane; [address v128] -> [v128]. Pre-decoded: offset, lane, memory index. */
    LOAD_LANE(3),
    /** memarg lane; [address v128] -> []. Pre-decoded: offset, lane, memory index. */
    STORE_LANE(3),
    /** 16 bytes; [] -> [v128]. */
    CONST(4),
    /** 16 lane indices; [v128 v128] -> [v128]. */
    SHUFFLE(16),
    /** [t] -> [v128]; {@code arg} is t. */
    SPLAT(0),
    /** lane; [v128] -> [t]. */
    EXTRACT(1),
    /** lane; [v128 t] -> [v128]. */
    REPLACE(1),
    /** [v128] -> [v128]. */
    UNARY(0),
    /** [v128 v128] -> [v128]. */
    BINARY(0),
    /** [v128 v128 v128] -> [v128]. */
    TERNARY(0),
    /** [v128] -> [i32]. */
    TEST(0),
    /** [v128 i32] -> [v128]. */
    SHIFT(0);

    /** Ints of pre-decoded code the immediates take. */
    final int ints;

    Kind(int ints) {
      this.ints = ints;
    }
  }

  /** First number of the interpreter's own v128 forms (no module contains them). */
  static final int OWN = Op.FD + 0x120;
  /** Reads a v128 local; immediate: its first slot. */
  static final int LOCAL_GET = OWN;
  /** Writes a v128 local; immediate: its first slot. */
  static final int LOCAL_SET = OWN + 1;
  /** Writes a v128 local and keeps the value; immediate: its first slot. */
  static final int LOCAL_TEE = OWN + 2;
  /** Reads a v128 global; immediate: global index. */
  static final int GLOBAL_GET = OWN + 3;
  /** Writes a v128 global; immediate: global index. */
  static final int GLOBAL_SET = OWN + 4;
  /** {@code select} of two v128 values. */
  static final int SELECT = OWN + 5;
  /** {@code drop} of a v128 value. */
  static final int DROP = OWN + 6;
  /** One past the last own form. */
  static final int END = OWN + 7;

  private static final SimdInstruction[] BY_SUBOPCODE = new SimdInstruction[0x100];
  /** Code length (number and immediates) by {@code code - Op.FD}, for every SIMD number. */
  private static final int[] LENGTH = new int[END - Op.FD];

  static {
    for (SimdInstruction in : values()) {
      if (BY_SUBOPCODE[in.subopcode] != null) {
        throw new AssertionError(in + " and " + BY_SUBOPCODE[in.subopcode] + " share a subopcode");
      }
      BY_SUBOPCODE[in.subopcode] = in;
      LENGTH[in.subopcode] = 1 + in.kind.ints;
    }
    LENGTH[LOCAL_GET - Op.FD] = 2;
    LENGTH[LOCAL_SET - Op.FD] = 2;
    LENGTH[LOCAL_TEE - Op.FD] = 2;
    LENGTH[GLOBAL_GET - Op.FD] = 2;
    LENGTH[GLOBAL_SET - Op.FD] = 2;
    LENGTH[SELECT - Op.FD] = 1;
    LENGTH[DROP - Op.FD] = 1;
  }

  private final int subopcode;
  private final String text;
  private final Kind kind;
  private final int arg;
  private final int lanes;

  SimdInstruction(int subopcode, String text, Kind kind, int arg, int lanes) {
    this.subopcode = subopcode;
    this.text = text;
    this.kind = kind;
    this.arg = arg;
    this.lanes = lanes;
  }

  /** The number in pre-decoded code: {@link Op#FD} plus the subopcode. */
  int code() {
    return Op.FD + subopcode;
  }

  int subopcode() {
    return subopcode;
  }

  String text() {
    return text;
  }

  Kind kind() {
    return kind;
  }

  /** Bytes a memory instruction accesses (its natural alignment is their log2); 0 otherwise. */
  int width() {
    return kind == Kind.LOAD || kind == Kind.STORE || kind == Kind.LOAD_LANE
        || kind == Kind.STORE_LANE ? arg : 0;
  }

  /** The scalar type a splat, extract or replace takes or gives. */
  int scalar() {
    return kind == Kind.SPLAT || kind == Kind.EXTRACT || kind == Kind.REPLACE ? arg : 0;
  }

  /** How many lanes a lane immediate may name (16, 8, 4 or 2; 32 for a shuffle's); 0 if none. */
  int lanes() {
    return kind == Kind.SHUFFLE ? 32 : lanes;
  }

  /** Whether the instruction can trap (it accesses memory). */
  boolean traps() {
    return width() != 0;
  }

  /** Whether the instruction may appear in a constant expression ({@code v128.const}). */
  boolean isConstant() {
    return kind == Kind.CONST;
  }

  /** Operand types, first operand first; {@link Instruction.Sig#ADDRESS} for an address. */
  int[] params() {
    switch (kind) {
      case LOAD: return new int[] {Instruction.Sig.ADDRESS};
      case STORE: case LOAD_LANE: case STORE_LANE:
        return new int[] {Instruction.Sig.ADDRESS, V128};
      case CONST: return new int[0];
      case SPLAT: return new int[] {arg};
      case EXTRACT: case UNARY: case TEST: return new int[] {V128};
      case REPLACE: return new int[] {V128, arg};
      case SHUFFLE: case BINARY: return new int[] {V128, V128};
      case TERNARY: return new int[] {V128, V128, V128};
      case SHIFT: return new int[] {V128, I32};
      default: throw new AssertionError(kind);
    }
  }

  /** Result types. */
  int[] results() {
    switch (kind) {
      case STORE: case STORE_LANE: return new int[0];
      case EXTRACT: return new int[] {arg};
      case TEST: return new int[] {I32};
      default: return new int[] {V128};
    }
  }

  /** The instruction with subopcode {@code sub}, or null. */
  static SimdInstruction decode(int sub) {
    return sub >= 0 && sub < BY_SUBOPCODE.length ? BY_SUBOPCODE[sub] : null;
  }

  /** The instruction numbered {@code code} in pre-decoded code, or null (also for own forms). */
  static SimdInstruction of(int code) {
    return decode(code - Op.FD);
  }

  /** The length in ints of the SIMD instruction or own form numbered {@code code}. */
  static int codeLength(int code) {
    return LENGTH[code - Op.FD];
  }

  /** Reads past an instruction's immediates without checking them (see Instruction.Immediates). */
  <X extends Exception> void skip(BinaryReader<X> r) throws X {
    switch (kind) {
      case LOAD: case STORE:
        r.readU32("alignment");
        r.readU32("offset");
        break;
      case LOAD_LANE: case STORE_LANE:
        r.readU32("alignment");
        r.readU32("offset");
        r.readByte("lane index");
        break;
      case CONST: case SHUFFLE:
        r.readFixed(8, "immediate");
        r.readFixed(8, "immediate");
        break;
      case EXTRACT: case REPLACE:
        r.readByte("lane index");
        break;
      default:
        break;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
