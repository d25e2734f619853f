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

  ConstExpr(int[] codes, long[] immediates) {
    this.codes = codes.clone();
    this.immediates = immediates.clone();
  }

  /** A single instruction. */
  static ConstExpr of(int code, long immediate) {
    return new ConstExpr(new int[] {code}, new long[] {immediate});
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
      s.append(i == 0 ? "" : " ").append(Instruction.of(codes[i])).append(' ')
          .append(immediates[i]);
    }
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConstExpr
        && Arrays.equals(codes, ((ConstExpr) o).codes)
        && Arrays.equals(immediates, ((ConstExpr) o).immediates);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(codes) + Arrays.hashCode(immediates);
  }
}
