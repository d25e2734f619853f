package dev.coroner.interpreter;

/**
 * The numbers of pre-decoded code: one {@code int} per instruction kind, as {@code switch} labels
 * need them. A WebAssembly instruction keeps its encoding: a one-byte opcode is its own number, a
 * {@code 0xFC}-prefixed one is {@link #FC} plus its subopcode and a {@code 0xFD}-prefixed (SIMD)
 * one {@link #FD} plus its subopcode. What each instruction is (its text name, immediates, types,
 * whether it traps) is in {@link Instruction}, the table every other part derives from; this class
 * only numbers them. The last group are the interpreter's own forms, which no module contains:
 * branches with a stack move and super-instructions fused from common sequences.
 *
 * <p>Pre-decoded code is a function's {@code int[]}: each instruction's number followed by its
 * immediates. Branch targets are indices into the array and stack heights are frame slots (the
 * compiler resolves both):
 *
 * <ul>
 *   <li>{@link #IF} target: pop an i32, jump to {@code target} (the else branch or the end) if it is
 *       zero; {@link #BR} target: jump (also the end of an {@code if}'s then branch);
 *       {@link #BR_IF} target: pop an i32, jump if non-zero
 *   <li>{@link #BR_MOVE} target height arity and {@link #BR_IF_MOVE} target height arity: as
 *       {@link #BR} and {@link #BR_IF}, keeping the top {@code arity} values at frame slot {@code
 *       height}
 *   <li>{@link #BR_TABLE} n (target height arity) x (n + 1)
 *   <li>{@link #RETURN} count: the number of result slots it moves to the frame base (every
 *       function's code ends with one, so its last two ints)
 *   <li>{@link #CALL} function pad and {@link #CALL_INDIRECT} type table: both three ints long, so
 *       the call instruction of a return address is always {@code returnPc - 3}
 *   <li>locals: index relative to the frame base; globals, tables, segments: index
 *   <li>loads and stores: the memarg's offset (as int bits)
 *   <li>{@link #I32_CONST} and {@link #F32_CONST}: the bits; {@link #I64_CONST} and {@link
 *       #F64_CONST}: low int, high int
 * </ul>
 *
 * <p>Instructions that leave no code ({@link #NOP}, {@link #BLOCK}, {@link #LOOP}, the {@link
 * #END} of a block) have numbers too, so that the table can name them.
 */
final class Op {
  private Op() {}

  /** Base of the {@code 0xFC}-prefixed instructions (subopcodes 0 to 17). */
  static final int FC = 0xE0;
  /** Base of the {@code 0xFD}-prefixed (SIMD) instructions (subopcodes 0 to 0x113). */
  static final int FD = 0x200;

  // ---- control ----
  static final int UNREACHABLE = 0x00;
  static final int NOP = 0x01;
  static final int BLOCK = 0x02;
  static final int LOOP = 0x03;
  static final int IF = 0x04;
  static final int ELSE = 0x05;
  static final int END = 0x0B;
  static final int BR = 0x0C;
  static final int BR_IF = 0x0D;
  static final int BR_TABLE = 0x0E;
  static final int RETURN = 0x0F;
  static final int CALL = 0x10;
  static final int CALL_INDIRECT = 0x11;
  static final int RETURN_CALL = 0x12;
  static final int RETURN_CALL_INDIRECT = 0x13;

  // ---- parametric ----
  static final int DROP = 0x1A;
  static final int SELECT = 0x1B;
  static final int SELECT_T = 0x1C;

  // ---- variables ----
  static final int LOCAL_GET = 0x20;
  static final int LOCAL_SET = 0x21;
  static final int LOCAL_TEE = 0x22;
  static final int GLOBAL_GET = 0x23;
  static final int GLOBAL_SET = 0x24;

  // ---- tables ----
  static final int TABLE_GET = 0x25;
  static final int TABLE_SET = 0x26;

  // ---- memory ----
  static final int I32_LOAD = 0x28;
  static final int I64_LOAD = 0x29;
  static final int F32_LOAD = 0x2A;
  static final int F64_LOAD = 0x2B;
  static final int I32_LOAD8_S = 0x2C;
  static final int I32_LOAD8_U = 0x2D;
  static final int I32_LOAD16_S = 0x2E;
  static final int I32_LOAD16_U = 0x2F;
  static final int I64_LOAD8_S = 0x30;
  static final int I64_LOAD8_U = 0x31;
  static final int I64_LOAD16_S = 0x32;
  static final int I64_LOAD16_U = 0x33;
  static final int I64_LOAD32_S = 0x34;
  static final int I64_LOAD32_U = 0x35;
  static final int I32_STORE = 0x36;
  static final int I64_STORE = 0x37;
  static final int F32_STORE = 0x38;
  static final int F64_STORE = 0x39;
  static final int I32_STORE8 = 0x3A;
  static final int I32_STORE16 = 0x3B;
  static final int I64_STORE8 = 0x3C;
  static final int I64_STORE16 = 0x3D;
  static final int I64_STORE32 = 0x3E;
  static final int MEMORY_SIZE = 0x3F;
  static final int MEMORY_GROW = 0x40;

  // ---- constants ----
  static final int I32_CONST = 0x41;
  static final int I64_CONST = 0x42;
  static final int F32_CONST = 0x43;
  static final int F64_CONST = 0x44;

  // ---- i32 and i64 comparisons ----
  static final int I32_EQZ = 0x45;
  static final int I32_EQ = 0x46;
  static final int I32_NE = 0x47;
  static final int I32_LT_S = 0x48;
  static final int I32_LT_U = 0x49;
  static final int I32_GT_S = 0x4A;
  static final int I32_GT_U = 0x4B;
  static final int I32_LE_S = 0x4C;
  static final int I32_LE_U = 0x4D;
  static final int I32_GE_S = 0x4E;
  static final int I32_GE_U = 0x4F;
  static final int I64_EQZ = 0x50;
  static final int I64_EQ = 0x51;
  static final int I64_NE = 0x52;
  static final int I64_LT_S = 0x53;
  static final int I64_LT_U = 0x54;
  static final int I64_GT_S = 0x55;
  static final int I64_GT_U = 0x56;
  static final int I64_LE_S = 0x57;
  static final int I64_LE_U = 0x58;
  static final int I64_GE_S = 0x59;
  static final int I64_GE_U = 0x5A;

  // ---- f32 and f64 comparisons ----
  static final int F32_EQ = 0x5B;
  static final int F32_NE = 0x5C;
  static final int F32_LT = 0x5D;
  static final int F32_GT = 0x5E;
  static final int F32_LE = 0x5F;
  static final int F32_GE = 0x60;
  static final int F64_EQ = 0x61;
  static final int F64_NE = 0x62;
  static final int F64_LT = 0x63;
  static final int F64_GT = 0x64;
  static final int F64_LE = 0x65;
  static final int F64_GE = 0x66;

  // ---- i32 arithmetic ----
  static final int I32_CLZ = 0x67;
  static final int I32_CTZ = 0x68;
  static final int I32_POPCNT = 0x69;
  static final int I32_ADD = 0x6A;
  static final int I32_SUB = 0x6B;
  static final int I32_MUL = 0x6C;
  static final int I32_DIV_S = 0x6D;
  static final int I32_DIV_U = 0x6E;
  static final int I32_REM_S = 0x6F;
  static final int I32_REM_U = 0x70;
  static final int I32_AND = 0x71;
  static final int I32_OR = 0x72;
  static final int I32_XOR = 0x73;
  static final int I32_SHL = 0x74;
  static final int I32_SHR_S = 0x75;
  static final int I32_SHR_U = 0x76;
  static final int I32_ROTL = 0x77;
  static final int I32_ROTR = 0x78;

  // ---- i64 arithmetic ----
  static final int I64_CLZ = 0x79;
  static final int I64_CTZ = 0x7A;
  static final int I64_POPCNT = 0x7B;
  static final int I64_ADD = 0x7C;
  static final int I64_SUB = 0x7D;
  static final int I64_MUL = 0x7E;
  static final int I64_DIV_S = 0x7F;
  static final int I64_DIV_U = 0x80;
  static final int I64_REM_S = 0x81;
  static final int I64_REM_U = 0x82;
  static final int I64_AND = 0x83;
  static final int I64_OR = 0x84;
  static final int I64_XOR = 0x85;
  static final int I64_SHL = 0x86;
  static final int I64_SHR_S = 0x87;
  static final int I64_SHR_U = 0x88;
  static final int I64_ROTL = 0x89;
  static final int I64_ROTR = 0x8A;

  // ---- f32 arithmetic ----
  static final int F32_ABS = 0x8B;
  static final int F32_NEG = 0x8C;
  static final int F32_CEIL = 0x8D;
  static final int F32_FLOOR = 0x8E;
  static final int F32_TRUNC = 0x8F;
  static final int F32_NEAREST = 0x90;
  static final int F32_SQRT = 0x91;
  static final int F32_ADD = 0x92;
  static final int F32_SUB = 0x93;
  static final int F32_MUL = 0x94;
  static final int F32_DIV = 0x95;
  static final int F32_MIN = 0x96;
  static final int F32_MAX = 0x97;
  static final int F32_COPYSIGN = 0x98;

  // ---- f64 arithmetic ----
  static final int F64_ABS = 0x99;
  static final int F64_NEG = 0x9A;
  static final int F64_CEIL = 0x9B;
  static final int F64_FLOOR = 0x9C;
  static final int F64_TRUNC = 0x9D;
  static final int F64_NEAREST = 0x9E;
  static final int F64_SQRT = 0x9F;
  static final int F64_ADD = 0xA0;
  static final int F64_SUB = 0xA1;
  static final int F64_MUL = 0xA2;
  static final int F64_DIV = 0xA3;
  static final int F64_MIN = 0xA4;
  static final int F64_MAX = 0xA5;
  static final int F64_COPYSIGN = 0xA6;

  // ---- conversions ----
  static final int I32_WRAP_I64 = 0xA7;
  static final int I32_TRUNC_F32_S = 0xA8;
  static final int I32_TRUNC_F32_U = 0xA9;
  static final int I32_TRUNC_F64_S = 0xAA;
  static final int I32_TRUNC_F64_U = 0xAB;
  static final int I64_EXTEND_I32_S = 0xAC;
  static final int I64_EXTEND_I32_U = 0xAD;
  static final int I64_TRUNC_F32_S = 0xAE;
  static final int I64_TRUNC_F32_U = 0xAF;
  static final int I64_TRUNC_F64_S = 0xB0;
  static final int I64_TRUNC_F64_U = 0xB1;
  static final int F32_CONVERT_I32_S = 0xB2;
  static final int F32_CONVERT_I32_U = 0xB3;
  static final int F32_CONVERT_I64_S = 0xB4;
  static final int F32_CONVERT_I64_U = 0xB5;
  static final int F32_DEMOTE_F64 = 0xB6;
  static final int F64_CONVERT_I32_S = 0xB7;
  static final int F64_CONVERT_I32_U = 0xB8;
  static final int F64_CONVERT_I64_S = 0xB9;
  static final int F64_CONVERT_I64_U = 0xBA;
  static final int F64_PROMOTE_F32 = 0xBB;
  static final int I32_REINTERPRET_F32 = 0xBC;
  static final int I64_REINTERPRET_F64 = 0xBD;
  static final int F32_REINTERPRET_I32 = 0xBE;
  static final int F64_REINTERPRET_I64 = 0xBF;
  static final int I32_EXTEND8_S = 0xC0;
  static final int I32_EXTEND16_S = 0xC1;
  static final int I64_EXTEND8_S = 0xC2;
  static final int I64_EXTEND16_S = 0xC3;
  static final int I64_EXTEND32_S = 0xC4;

  // ---- references ----
  static final int REF_NULL = 0xD0;
  static final int REF_IS_NULL = 0xD1;
  static final int REF_FUNC = 0xD2;

  // ---- 0xFC prefix: saturating truncation, bulk memory and tables ----
  static final int I32_TRUNC_SAT_F32_S = FC + 0;
  static final int I32_TRUNC_SAT_F32_U = FC + 1;
  static final int I32_TRUNC_SAT_F64_S = FC + 2;
  static final int I32_TRUNC_SAT_F64_U = FC + 3;
  static final int I64_TRUNC_SAT_F32_S = FC + 4;
  static final int I64_TRUNC_SAT_F32_U = FC + 5;
  static final int I64_TRUNC_SAT_F64_S = FC + 6;
  static final int I64_TRUNC_SAT_F64_U = FC + 7;
  static final int MEMORY_INIT = FC + 8;
  static final int DATA_DROP = FC + 9;
  static final int MEMORY_COPY = FC + 10;
  static final int MEMORY_FILL = FC + 11;
  static final int TABLE_INIT = FC + 12;
  static final int ELEM_DROP = FC + 13;
  static final int TABLE_COPY = FC + 14;
  static final int TABLE_GROW = FC + 15;
  static final int TABLE_SIZE = FC + 16;
  static final int TABLE_FILL = FC + 17;

  // ---- the interpreter's own forms (no module contains them) ----
  /** A branch that keeps its values at a lower height: target height arity. */
  static final int BR_MOVE = 0xF2;
  /** A conditional branch that keeps its values at a lower height: target height arity. */
  static final int BR_IF_MOVE = 0xF3;
  /** Super-instruction: {@link #LOCAL_GET} a, {@link #LOCAL_GET} b; immediates a b. */
  static final int LOCAL_GET2 = 0xF4;
  /**
   * Super-instruction: {@link #LOCAL_GET} a, {@link #I32_CONST} c, {@link #I32_ADD}; immediates a
   * c.
   */
  static final int I32_ADD_LOCAL_CONST = 0xF5;
  /** Super-instruction: {@link #I32_ADD_LOCAL_CONST} a c, {@link #LOCAL_SET} d; immediates a c d. */
  static final int I32_ADD_LOCAL_CONST_SET = 0xF6;
  /** Super-instruction: {@link #I32_CONST} c, {@link #I32_ADD}; immediate c. */
  static final int I32_ADD_CONST = 0xF7;
  /**
   * Super-instructions: an i32 comparison ({@link #I32_EQZ} to {@link #I32_GE_U}) followed by a
   * {@link #BR_IF} that needs no stack move: {@code BR_IF_I32 + k} where k is the comparison's
   * distance from {@link #I32_EQZ}. Immediate: target.
   */
  static final int BR_IF_I32 = 0xF8;
  /**
   * Super-instruction: {@link #LOCAL_GET} a, {@link #I32_LOAD} offset; immediates a offset. The
   * only fused instruction that can trap: {@code offsets[pc + 1]} holds the load's own byte offset,
   * and the loop runs it as the local read followed by the load itself, so a trap reports the load
   * with its address pushed, exactly as if the two had run separately.
   */
  static final int I32_LOAD_LOCAL = BR_IF_I32 + 11;

  /**
   * The wide form of a memory or table instruction whose memory is not memory 0, or whose memory or
   * table is 64-bit (WebAssembly 3.0): five ints, {@code WIDE}, the instruction's own number, then
   * three immediates (loads and stores: memory, offset low int, offset high int; {@link
   * #MEMORY_SIZE}, {@link #MEMORY_GROW}, {@link #MEMORY_FILL}: memory; {@link #MEMORY_COPY}:
   * destination and source memory; {@link #MEMORY_INIT}: segment and memory; table instructions:
   * their immediates in binary order). It runs outside the loop ({@link Wide}), so the 32-bit
   * memory-0 forms keep their own entries and cost the same as before.
   */
  static final int WIDE = I32_LOAD_LOCAL + 1;

  /**
   * Super-instructions: {@link #I32_CONST} c followed by {@link #I32_AND}, {@link #I32_SHL},
   * {@link #I32_SHR_U} or {@link #I32_ROTL}, the masks, shifts and rotations by a constant that C
   * compilers write in hashing and bit-twiddling code (SHA-256's rounds): {@code I32_BINOP_CONST +
   * k} where k is the operator's distance from {@link #I32_ADD}. Immediate: c. Only these four:
   * more cases can make HotSpot compile the whole loop worse (with all ten non-trapping operators
   * fused, FIB ran 15% slower; see BENCHMARKS.md), and {@link #I32_ADD} has its own, {@link
   * #I32_ADD_CONST}. None of them can trap.
   */
  static final int I32_BINOP_CONST = WIDE + 1;

  /** The encoding's prefix byte of {@code code}: 0 for one-byte opcodes, 0xFC or 0xFD. */
  static int prefix(int code) {
    return code >= FD ? 0xFD : code >= FC && code <= TABLE_FILL ? 0xFC : 0;
  }

  /** The opcode byte, or the subopcode after a prefix. */
  static int opcode(int code) {
    int prefix = prefix(code);
    return prefix == 0xFD ? code - FD : prefix == 0xFC ? code - FC : code;
  }

  /** The number of the instruction encoded as {@code prefix} (0 for none) and {@code opcode}. */
  static int of(int prefix, int opcode) {
    return prefix == 0xFD ? FD + opcode : prefix == 0xFC ? FC + opcode : opcode;
  }
}
