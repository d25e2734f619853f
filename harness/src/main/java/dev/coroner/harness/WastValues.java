package dev.coroner.harness;

import dev.coroner.fixtures.NanPattern;
import dev.coroner.fixtures.ValueType;
import dev.coroner.fixtures.WastValue;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.model.ValType;
import dev.coroner.interpreter.script.ScriptValue;
import java.util.List;

/**
 * A script's values against the interpreter's: the value-type codes, and whether a result matches
 * an expected value (NaN patterns, v128 lanes, references). Shared by the fixture runner and the
 * kit's reference runner, which judge results the same way.
 */
public final class WastValues {
  private WastValues() {}

  /** The interpreter's code ({@link ValType}) for a script's value type. */
  public static int typeCode(ValueType type) {
    switch (type) {
      case I32:
        return ValType.I32;
      case I64:
        return ValType.I64;
      case F32:
        return ValType.F32;
      case F64:
        return ValType.F64;
      case FUNCREF:
        return ValType.FUNCREF;
      case EXTERNREF:
        return ValType.EXTERNREF;
      case V128:
        return ValType.V128;
      default:
        throw new IllegalStateException("value type " + type + " has no code");
    }
  }

  /**
   * Whether {@code got} matches {@code expected}, value by value; {@code anyFuncref}: see {@link
   * #matches(ScriptValue, WastValue, boolean)}.
   */
  public static boolean matches(
      List<ScriptValue> got, List<WastValue> expected, boolean anyFuncref) {
    if (got.size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < got.size(); i++) {
      if (!matches(got.get(i), expected.get(i), anyFuncref)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code got} matches {@code expected}: its bits, a NaN pattern, or v128 lanes. With
   * {@code anyFuncref}, an expected non-null funcref matches any non-null funcref (a kit names no
   * function by its runtime value); otherwise the reference value must be equal.
   */
  public static boolean matches(ScriptValue got, WastValue expected, boolean anyFuncref) {
    if (expected instanceof WastValue.Vec vec) {
      if (got.type() != ValType.V128) {
        return false;
      }
      int width = vec.laneType().bits();
      for (int i = 0; i < vec.lanes().size(); i++) {
        long half = i * width < 64 ? got.bits() : got.high();
        long lane = width == 64 ? half : (half >>> ((i * width) % 64)) & ((1L << width) - 1);
        WastValue.Lane want = vec.lanes().get(i);
        boolean ok = want.nan().isPresent()
            ? nanMatches(width == 32, lane, want.nan().get())
            : lane == want.bits();
        if (!ok) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof WastValue.Nan nan) {
      boolean f32 = got.type() == ValType.F32;
      if (!f32 && got.type() != ValType.F64) {
        return false;
      }
      return nanMatches(f32, got.bits(), nan.pattern());
    }
    if (expected instanceof WastValue.Ref r) {
      if (got.type() != typeCode(r.type())) {
        return false;
      }
      if (r.isNull()) {
        return got.bits() == Store.NULL_REF;
      }
      return anyFuncref && r.type() == ValueType.FUNCREF
          ? got.bits() != Store.NULL_REF
          : got.bits() == r.value();
    }
    if (expected instanceof WastValue.Num n) {
      boolean narrow = got.type() == ValType.I32 || got.type() == ValType.F32;
      long mask = narrow ? 0xFFFFFFFFL : -1L;
      return got.type() == typeCode(n.type()) && (got.bits() & mask) == (n.bits() & mask);
    }
    return false;
  }

  /** Whether {@code bits} (an f32's low 32 bits, or an f64's) are a NaN of {@code pattern}. */
  public static boolean nanMatches(boolean f32, long bits, NanPattern pattern) {
    long exponent = f32 ? 0x7F800000L : 0x7FF0000000000000L;
    long quiet = f32 ? 0x00400000L : 0x0008000000000000L;
    long payload = f32 ? 0x007FFFFFL : 0x000FFFFFFFFFFFFFL;
    boolean isNan = (bits & exponent) == exponent && (bits & payload) != 0;
    return pattern == NanPattern.CANONICAL
        ? (bits & (exponent | payload)) == (exponent | quiet)
        : isNan && (bits & quiet) != 0;
  }
}
