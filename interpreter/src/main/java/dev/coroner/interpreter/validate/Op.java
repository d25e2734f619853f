package dev.coroner.interpreter.validate;

/**
 * Internal opcodes of pre-decoded code. Most keep their WebAssembly numbers; the {@code 0xFC}
 * prefixed ones are {@code 0xE0 + subopcode}; branches carry resolved targets and stack heights.
 *
 * <p>Encodings (opcode followed by immediates):
 *
 * <ul>
 *   <li>{@link #JUMP} target — unconditional jump, no stack change
 *   <li>{@link #BR_MOVE} target height arity — keep the top {@code arity} values at frame slot
 *       {@code height}, then jump
 *   <li>{@link #BR_IF} target / {@link #BR_IF_MOVE} target height arity — pop an i32, branch if
 *       non-zero
 *   <li>{@link #BR_TABLE} n (target height arity) x (n + 1)
 *   <li>{@link #IF_FALSE} target — pop an i32, jump if zero
 *   <li>{@link #CALL} function pad; {@link #CALL_INDIRECT} type table (both three ints long, so
 *       the call instruction of a return address is always {@code returnPc - 3})
 *   <li>locals: index relative to the frame base; globals, tables: index
 *   <li>loads/stores: unsigned offset (as int bits)
 *   <li>{@code i64.const}, {@code f64.const}: low int, high int
 * </ul>
 */
public final class Op {
  public static final int UNREACHABLE = 0x00;
  public static final int IF_FALSE = 0x04;
  public static final int JUMP = 0x0C;
  public static final int BR_IF = 0x0D;
  public static final int BR_TABLE = 0x0E;
  public static final int RETURN = 0x0F;
  public static final int CALL = 0x10;
  public static final int CALL_INDIRECT = 0x11;
  public static final int DROP = 0x1A;
  public static final int SELECT = 0x1B;
  public static final int LOCAL_GET = 0x20;
  public static final int LOCAL_SET = 0x21;
  public static final int LOCAL_TEE = 0x22;
  public static final int GLOBAL_GET = 0x23;
  public static final int GLOBAL_SET = 0x24;
  public static final int TABLE_GET = 0x25;
  public static final int TABLE_SET = 0x26;
  public static final int MEMORY_SIZE = 0x3F;
  public static final int MEMORY_GROW = 0x40;
  public static final int I32_CONST = 0x41;
  public static final int I64_CONST = 0x42;
  public static final int F32_CONST = 0x43;
  public static final int F64_CONST = 0x44;
  public static final int REF_NULL = 0xD0;
  public static final int REF_IS_NULL = 0xD1;
  public static final int REF_FUNC = 0xD2;
  /** Base of the 0xFC-prefixed instructions. */
  public static final int PREFIX_FC = 0xE0;
  public static final int MEMORY_INIT = PREFIX_FC + 8;
  public static final int DATA_DROP = PREFIX_FC + 9;
  public static final int MEMORY_COPY = PREFIX_FC + 10;
  public static final int MEMORY_FILL = PREFIX_FC + 11;
  public static final int TABLE_INIT = PREFIX_FC + 12;
  public static final int ELEM_DROP = PREFIX_FC + 13;
  public static final int TABLE_COPY = PREFIX_FC + 14;
  public static final int TABLE_GROW = PREFIX_FC + 15;
  public static final int TABLE_SIZE = PREFIX_FC + 16;
  public static final int TABLE_FILL = PREFIX_FC + 17;
  public static final int BR_MOVE = 0xF2;
  public static final int BR_IF_MOVE = 0xF3;
  // Super-instructions, fused by the compiler from instructions that cannot trap.
  /** local.get a; local.get b — immediates a b. */
  public static final int LOCAL_GET2 = 0xF4;
  /** local.get a; i32.const c; i32.add — immediates a c. */
  public static final int I32_ADD_LOCAL_CONST = 0xF5;
  /** local.get a; i32.const c; i32.add; local.set d — immediates a c d. */
  public static final int I32_ADD_LOCAL_CONST_SET = 0xF6;
  /** i32.const c; i32.add — immediate c. */
  public static final int I32_ADD_CONST = 0xF7;
  /**
   * An i32 comparison followed by a br_if that needs no stack move: {@code BR_IF_I32 + k} where k
   * is the comparison's offset from {@code i32.eqz} (0x45): 0 eqz, 1 eq, 2 ne, 3 lt_s, 4 lt_u, 5
   * gt_s, 6 gt_u, 7 le_s, 8 le_u, 9 ge_s, 10 ge_u. Immediate: target.
   */
  public static final int BR_IF_I32 = 0xF8;
  /**
   * local.get a; i32.load offset — immediates a, offset. The only fused instruction that can trap:
   * {@code offsets[pc + 1]} holds the load's own byte offset, and a trap reports the load with the
   * address pushed, exactly as if the two instructions had run separately.
   */
  public static final int I32_LOAD_LOCAL = BR_IF_I32 + 11;
  /** Number of internal opcodes. */
  public static final int COUNT = I32_LOAD_LOCAL + 1;

  private Op() {}
}
