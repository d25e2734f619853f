package dev.coroner.cli;

import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.ValType;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * Parses command-line arguments for an exported function by its parameter types, into the
 * interpreter's raw bits.
 *
 * <ul>
 *   <li>{@code i32}, {@code i64}: decimal or {@code 0x} hex, optionally signed; anything from the
 *       signed minimum to the unsigned maximum ({@code -1} and {@code 0xffffffff} are the same
 *       i32).
 *   <li>{@code f32}, {@code f64}: a decimal or Java hex float ({@code 1.5}, {@code -2e10}, {@code
 *       0x1p-3}), {@code inf}, {@code -inf}, {@code nan} (the canonical NaN), {@code nan:0xPAYLOAD}.
 *   <li>{@code funcref}: only {@code null}; {@code externref}: {@code null} or a non-negative
 *       integer host reference.
 * </ul>
 */
final class WasmArguments {
  private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private WasmArguments() {}

  /**
   * The arguments as raw bits.
   *
   * @param function the export's name, for messages
   * @throws CliException (exit 2) if the count does not match or an argument does not parse
   */
  static long[] parse(String function, FuncType type, List<String> args) {
    if (args.size() != type.paramCount()) {
      throw CliException.usage(
          "export \"" + function + "\" takes " + type.paramCount() + " argument"
              + (type.paramCount() == 1 ? "" : "s") + " " + signature(type) + ", got "
              + args.size());
    }
    long[] bits = new long[args.size()];
    for (int i = 0; i < bits.length; i++) {
      int t = type.param(i);
      try {
        bits[i] = parse(t, args.get(i).trim());
      } catch (IllegalArgumentException e) {
        throw CliException.usage(
            "argument " + (i + 1) + " of \"" + function + "\" (\"" + args.get(i) + "\"): expected "
                + expected(t));
      }
    }
    return bits;
  }

  /** The parameter types, e.g. {@code (i32, f64)}. */
  static String signature(FuncType type) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < type.paramCount(); i++) {
      s.append(i == 0 ? "" : ", ").append(ValType.name(type.param(i)));
    }
    return s.append(')').toString();
  }

  private static String expected(int type) {
    switch (type) {
      case ValType.I32:
      case ValType.I64:
        return "an " + ValType.name(type) + " (decimal or 0x hex, in range)";
      case ValType.F32:
      case ValType.F64:
        return "an " + ValType.name(type) + " (decimal, inf, -inf, nan or nan:0xPAYLOAD)";
      case ValType.FUNCREF:
        return "null (only null function references can be passed)";
      case ValType.EXTERNREF:
        return "null or a non-negative integer host reference";
      default:
        return "a value of type " + ValType.name(type) + ", which coroner cannot pass";
    }
  }

  private static long parse(int type, String text) {
    switch (type) {
      case ValType.I32:
        return integer(text, TWO_32);
      case ValType.I64:
        return integer(text, TWO_64);
      case ValType.F32:
        return f32(text.toLowerCase(Locale.ROOT));
      case ValType.F64:
        return f64(text.toLowerCase(Locale.ROOT));
      case ValType.FUNCREF:
        if (text.equals("null")) {
          return Store.NULL_REF;
        }
        throw new IllegalArgumentException();
      case ValType.EXTERNREF:
        if (text.equals("null")) {
          return Store.NULL_REF;
        }
        return Long.parseLong(text) >= 0 ? Long.parseLong(text) : fail();
      default:
        throw new IllegalArgumentException();
    }
  }

  private static long fail() {
    throw new IllegalArgumentException();
  }

  /** Parses an integer in [-modulus/2, modulus) and returns it modulo {@code modulus}. */
  private static long integer(String text, BigInteger modulus) {
    boolean negative = text.startsWith("-");
    String body = negative || text.startsWith("+") ? text.substring(1) : text;
    BigInteger value;
    if (body.startsWith("0x") || body.startsWith("0X")) {
      value = new BigInteger(digits(body.substring(2)), 16);
    } else {
      value = new BigInteger(digits(body), 10);
    }
    if (negative) {
      value = value.negate();
    }
    BigInteger half = modulus.shiftRight(1);
    if (value.compareTo(half.negate()) < 0 || value.compareTo(modulus) >= 0) {
      throw new IllegalArgumentException();
    }
    return value.mod(modulus).longValue();
  }

  /** Rejects signs and empty strings that {@link BigInteger} would otherwise accept. */
  private static String digits(String s) {
    if (s.isEmpty() || s.startsWith("-") || s.startsWith("+")) {
      throw new IllegalArgumentException();
    }
    return s;
  }

  private static long f32(String text) {
    boolean negative = text.startsWith("-");
    String body = negative || text.startsWith("+") ? text.substring(1) : text;
    long sign = negative ? 0x80000000L : 0;
    if (body.equals("inf") || body.equals("infinity")) {
      return sign | 0x7F800000L;
    }
    if (body.equals("nan")) {
      return sign | 0x7FC00000L;
    }
    if (body.startsWith("nan:0x")) {
      long payload = Long.parseLong(body.substring(6), 16);
      if (payload == 0 || payload > 0x7FFFFF) {
        throw new IllegalArgumentException();
      }
      return sign | 0x7F800000L | payload;
    }
    return Float.floatToRawIntBits(Float.parseFloat(decimal(text))) & 0xFFFFFFFFL;
  }

  private static long f64(String text) {
    boolean negative = text.startsWith("-");
    String body = negative || text.startsWith("+") ? text.substring(1) : text;
    long sign = negative ? Long.MIN_VALUE : 0;
    if (body.equals("inf") || body.equals("infinity")) {
      return sign | 0x7FF0000000000000L;
    }
    if (body.equals("nan")) {
      return sign | 0x7FF8000000000000L;
    }
    if (body.startsWith("nan:0x")) {
      long payload = Long.parseUnsignedLong(body.substring(6), 16);
      if (payload == 0 || payload > 0xFFFFFFFFFFFFFL) {
        throw new IllegalArgumentException();
      }
      return sign | 0x7FF0000000000000L | payload;
    }
    return Double.doubleToRawLongBits(Double.parseDouble(decimal(text)));
  }

  /** Rejects Java's float suffixes ({@code 1f}, {@code 2d}), which are not WebAssembly syntax. */
  private static String decimal(String text) {
    if (text.isEmpty() || text.endsWith("f") || text.endsWith("d")) {
      throw new IllegalArgumentException();
    }
    return text;
  }
}
