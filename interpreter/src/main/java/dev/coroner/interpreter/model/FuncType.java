package dev.coroner.interpreter.model;

import java.util.Arrays;

/** A function type: parameter and result value types (binary codes, see {@link ValType}). */
public final class FuncType {
  private final byte[] params;
  private final byte[] results;
  private final int hash;

  public FuncType(byte[] params, byte[] results) {
    this.params = params.clone();
    this.results = results.clone();
    this.hash = 31 * Arrays.hashCode(this.params) + Arrays.hashCode(this.results);
  }

  /** Builds a type from int codes. */
  public static FuncType of(int[] params, int[] results) {
    byte[] p = new byte[params.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) params[i];
    }
    byte[] r = new byte[results.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = (byte) results[i];
    }
    return new FuncType(p, r);
  }

  public int paramCount() {
    return params.length;
  }

  public int resultCount() {
    return results.length;
  }

  /** The i-th parameter type code. */
  public int param(int i) {
    return params[i] & 0xFF;
  }

  /** The i-th result type code. */
  public int result(int i) {
    return results[i] & 0xFF;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FuncType
        && Arrays.equals(params, ((FuncType) o).params)
        && Arrays.equals(results, ((FuncType) o).results);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("(func");
    for (byte p : params) {
      sb.append(" (param ").append(ValType.name(p & 0xFF)).append(')');
    }
    for (byte r : results) {
      sb.append(" (result ").append(ValType.name(r & 0xFF)).append(')');
    }
    return sb.append(')').toString();
  }
}
