package dev.coroner.interpreter.spec;

import dev.coroner.fixtures.Action;
import dev.coroner.fixtures.ValueType;
import dev.coroner.fixtures.WastValue;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.model.ValType;
import dev.coroner.interpreter.script.ScriptAction;
import dev.coroner.interpreter.script.ScriptValue;
import java.util.ArrayList;
import java.util.List;

/** Maps the fixtures module's command model onto the interpreter's script types. */
final class FixtureMapping {
  private FixtureMapping() {}

  static int type(ValueType t) {
    switch (t) {
      case I32: return ValType.I32;
      case I64: return ValType.I64;
      case F32: return ValType.F32;
      case F64: return ValType.F64;
      case V128: return ValType.V128;
      case FUNCREF: return ValType.FUNCREF;
      default: return ValType.EXTERNREF;
    }
  }

  /** A script argument. */
  static ScriptValue argument(WastValue v) {
    if (v instanceof WastValue.Num) {
      WastValue.Num n = (WastValue.Num) v;
      return new ScriptValue(type(n.type()), n.bits());
    }
    if (v instanceof WastValue.Ref) {
      WastValue.Ref r = (WastValue.Ref) v;
      return new ScriptValue(type(r.type()), r.isNull() ? Store.NULL_REF : r.value());
    }
    if (v instanceof WastValue.Vec) {
      WastValue.Vec vec = (WastValue.Vec) v;
      if (vec.hasNanPattern()) {
        throw new IllegalArgumentException("NaN pattern in an argument: " + v);
      }
      return ScriptValue.v128(vec.low(), vec.high());
    }
    throw new IllegalArgumentException("unsupported argument " + v);
  }

  static ScriptAction action(Action a) {
    List<ScriptValue> args = new ArrayList<>();
    if (a instanceof Action.Invoke) {
      for (WastValue v : ((Action.Invoke) a).args()) {
        args.add(argument(v));
      }
    }
    return new ScriptAction(a.module().orElse(null), a.field(), args);
  }

  /** Whether {@code bits} (an f32's low 32 bits, or an f64's) are a NaN of {@code pattern}. */
  private static boolean nanMatches(boolean f32, long raw, dev.coroner.fixtures.NanPattern pattern) {
    boolean canonical = pattern == dev.coroner.fixtures.NanPattern.CANONICAL;
    if (f32) {
      int bits = (int) raw;
      boolean nan = (bits & 0x7F800000) == 0x7F800000 && (bits & 0x007FFFFF) != 0;
      return canonical ? (bits & 0x7FFFFFFF) == 0x7FC00000 : nan && (bits & 0x00400000) != 0;
    }
    boolean nan = Double.isNaN(Double.longBitsToDouble(raw));
    return canonical
        ? (raw & 0x7FFFFFFFFFFFFFFFL) == 0x7FF8000000000000L
        : nan && (raw & 0x0008000000000000L) != 0;
  }

  /** Whether {@code got} is what {@code expected} allows. */
  static boolean matches(ScriptValue got, WastValue expected) {
    if (got.type() != type(expected.type())) {
      return false;
    }
    if (expected instanceof WastValue.Nan) {
      WastValue.Nan n = (WastValue.Nan) expected;
      return nanMatches(got.type() == ValType.F32, got.bits(), n.pattern());
    }
    if (expected instanceof WastValue.Vec) {
      WastValue.Vec vec = (WastValue.Vec) expected;
      int bits = vec.laneType().bits();
      for (int i = 0; i < vec.lanes().size(); i++) {
        WastValue.Lane lane = vec.lanes().get(i);
        long half = i * bits < 64 ? got.bits() : got.high();
        int shift = (i * bits) % 64;
        long value = bits == 64 ? half : (half >>> shift) & ((1L << bits) - 1);
        if (lane.nan().isPresent()) {
          if (!nanMatches(bits == 32, value, lane.nan().get())) {
            return false;
          }
        } else if (value != lane.bits()) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof WastValue.Num) {
      long want = ((WastValue.Num) expected).bits();
      if (got.type() == ValType.I32 || got.type() == ValType.F32) {
        return (int) got.bits() == (int) want;
      }
      return got.bits() == want;
    }
    if (expected instanceof WastValue.Ref) {
      WastValue.Ref r = (WastValue.Ref) expected;
      if (r.isNull()) {
        return got.bits() == Store.NULL_REF;
      }
      // A funcref result is some function; an externref must be the same host value.
      return got.type() == ValType.FUNCREF ? got.bits() != Store.NULL_REF : got.bits() == r.value();
    }
    return false;
  }
}
