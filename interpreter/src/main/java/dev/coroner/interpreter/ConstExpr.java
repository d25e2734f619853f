package dev.coroner.interpreter;

import java.util.Arrays;

/**
 * A validated constant expression (a global's initial value, a segment's offset or element): its
 * instructions, each an {@link Op} number with one immediate (the constant's bits, a function or
 * global index, or a reference type), evaluated on a small stack.
 */
final class ConstExpr {
  private final int[] codes;
  private final long[] immediates;
  /** Bytes 8..15 of each {@code v128.const}'s value; 0 for other instructions. */
  private final long[] highs;

  ConstExpr(int[] codes, long[] immediates) {
    this(codes, immediates, new long[codes.length]);
  }

  /** With {@code highs}: bytes 8..15 of {@code v128.const} values (bytes 0..7 are immediates). */
  ConstExpr(int[] codes, long[] immediates, long[] highs) {
    this.codes = codes.clone();
    this.immediates = immediates.clone();
    this.highs = highs.clone();
  }

  /** A single instruction. */
  static ConstExpr of(int code, long immediate) {
    return new ConstExpr(new int[] {code}, new long[] {immediate});
  }

  /**
   * Bytes 8..15 of a v128 expression's value (its {@link #evaluate} is bytes 0..7); 0 for other
   * types. A v128 constant expression is one instruction: a v128 constant or a global read.
   */
  long evaluateHigh(Instance inst) {
    int last = codes.length - 1;
    if (codes[last] == Op.GLOBAL_GET) {
      return inst.globals[(int) immediates[last]].high;
    }
    return highs[last];
  }

  /** The value (raw bits, see {@link Store}) in {@code inst}. */
  long evaluate(Instance inst) {
    if (codes.length == 1) {
      return value(codes[0], immediates[0], inst);
    }
    long[] stack = new long[codes.length];
    int sp = 0;
    for (int i = 0; i < codes.length; i++) {
      switch (codes[i]) {
        // Extended constant expressions: operators on the two values before them.
        case Op.I32_ADD: sp--; stack[sp - 1] = (int) stack[sp - 1] + (int) stack[sp]; break;
        case Op.I32_SUB: sp--; stack[sp - 1] = (int) stack[sp - 1] - (int) stack[sp]; break;
        case Op.I32_MUL: sp--; stack[sp - 1] = (int) stack[sp - 1] * (int) stack[sp]; break;
        case Op.I64_ADD: sp--; stack[sp - 1] = stack[sp - 1] + stack[sp]; break;
        case Op.I64_SUB: sp--; stack[sp - 1] = stack[sp - 1] - stack[sp]; break;
        case Op.I64_MUL: sp--; stack[sp - 1] = stack[sp - 1] * stack[sp]; break;
        default: stack[sp++] = value(codes[i], immediates[i], inst); break;
      }
    }
    return stack[sp - 1];
  }

  /** The value an instruction without operands pushes. */
  private static long value(int code, long immediate, Instance inst) {
    switch (code) {
      case Op.I32_CONST:
      case Op.I64_CONST:
      case Op.F32_CONST:
      case Op.F64_CONST:
      case Op.FD + 0x0C: // v128.const: bytes 0..7
        return immediate;
      case Op.REF_NULL:
        return Store.NULL_REF;
      case Op.REF_FUNC:
        return inst.functions[(int) immediate].id;
      case Op.GLOBAL_GET:
        return inst.globals[(int) immediate].value;
      default:
        throw new IllegalStateException("not a constant instruction: " + Instruction.of(code));
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < codes.length; i++) {
      Object name = codes[i] >= Op.FD ? SimdInstruction.of(codes[i]) : Instruction.of(codes[i]);
      s.append(i == 0 ? "" : " ").append(name).append(' ')
          .append(immediates[i]);
    }
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConstExpr
        && Arrays.equals(codes, ((ConstExpr) o).codes)
        && Arrays.equals(immediates, ((ConstExpr) o).immediates)
        && Arrays.equals(highs, ((ConstExpr) o).highs);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(codes) + Arrays.hashCode(immediates);
  }
}
