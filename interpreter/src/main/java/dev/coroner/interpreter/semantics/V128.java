package dev.coroner.interpreter.semantics;

/**
 * The meaning of the fixed-width SIMD instructions, lane by lane. A v128 is two longs: {@code lo}
 * holds bytes 0..7 and {@code hi} bytes 8..15, little endian, so lane {@code i} of a shape with
 * {@code b}-bit lanes is bits {@code (i * b) % 64} upwards of {@code lo} (first half) or {@code
 * hi}.
 * Operations read their operands from a {@code long[]} at a slot index (two slots per v128) and
 * write their result at {@code r[at]} and {@code r[at + 1]} (or return a scalar), so callers decide
 * where the result goes; the result must not overlap the operands, and nothing is allocated.
 *
 * <p>Floating-point lanes use the scalar semantics ({@link F32}, {@link F64}), so NaN results,
 * {@code min}/{@code max} of zeroes and NaNs, {@code nearest} and saturating conversions are
 * exactly the scalar instructions' (the spec defines the lane operations by them). Integer lane
 * operations are grouped by kind ({@link #ADD} to {@link #Q15MULR_SAT_S}) with the lane width in
 * bits as a parameter.
 */
public final class V128 {
  private V128() {}

  // ---- integer binary kinds ----
  public static final int ADD = 0;
  public static final int SUB = 1;
  public static final int MUL = 2;
  public static final int MIN_S = 3;
  public static final int MIN_U = 4;
  public static final int MAX_S = 5;
  public static final int MAX_U = 6;
  public static final int AVGR_U = 7;
  public static final int ADD_SAT_S = 8;
  public static final int ADD_SAT_U = 9;
  public static final int SUB_SAT_S = 10;
  public static final int SUB_SAT_U = 11;
  public static final int EQ = 12;
  public static final int NE = 13;
  public static final int LT_S = 14;
  public static final int LT_U = 15;
  public static final int GT_S = 16;
  public static final int GT_U = 17;
  public static final int LE_S = 18;
  public static final int LE_U = 19;
  public static final int GE_S = 20;
  public static final int GE_U = 21;
  public static final int Q15MULR_SAT_S = 22;

  // ---- float kinds (binary, then unary) ----
  public static final int FADD = 0;
  public static final int FSUB = 1;
  public static final int FMUL = 2;
  public static final int FDIV = 3;
  public static final int FMIN = 4;
  public static final int FMAX = 5;
  public static final int FPMIN = 6;
  public static final int FPMAX = 7;
  public static final int FEQ = 8;
  public static final int FNE = 9;
  public static final int FLT = 10;
  public static final int FGT = 11;
  public static final int FLE = 12;
  public static final int FGE = 13;
  public static final int FABS = 20;
  public static final int FNEG = 21;
  public static final int FSQRT = 22;
  public static final int FCEIL = 23;
  public static final int FFLOOR = 24;
  public static final int FTRUNC = 25;
  public static final int FNEAREST = 26;

  // ---- lanes ----

  /** Lane {@code i} of {@code bits}-bit lanes of the v128 at {@code s[p]}, sign-extended. */
  public static long lane(long[] s, int p, int bits, int i) {
    switch (bits) {
      case 8: return (byte) (s[p + (i >> 3)] >>> ((i & 7) << 3));
      case 16: return (short) (s[p + (i >> 2)] >>> ((i & 3) << 4));
      case 32: return (int) (s[p + (i >> 1)] >>> ((i & 1) << 5));
      default: return s[p + i];
    }
  }

  /** Lane {@code i}, zero-extended (64-bit lanes: the raw bits). */
  public static long laneU(long[] s, int p, int bits, int i) {
    return bits == 64 ? s[p + i] : lane(s, p, bits, i) & mask(bits);
  }

  /** Sets lane {@code i} of {@code bits}-bit lanes of the v128 at {@code r[at]} to {@code v}. */
  public static void setLane(long[] r, int at, int bits, int i, long v) {
    if (bits == 64) {
      r[at + i] = v;
      return;
    }
    int perHalf = 64 / bits;
    int half = at + i / perHalf;
    int shift = (i % perHalf) * bits;
    long m = mask(bits) << shift;
    r[half] = (r[half] & ~m) | ((v << shift) & m);
  }

  private static long mask(int bits) {
    return bits == 64 ? -1L : (1L << bits) - 1;
  }

  // ---- construction ----

  /** {@code splat}: every lane {@code v}. */
  public static void splat(long[] r, int at, int bits, long v) {
    for (int i = 0; i < 128 / bits; i++) {
      setLane(r, at, bits, i, v);
    }
  }

  /** {@code replace_lane}: the v128 at {@code s[p]} with lane {@code i} set to {@code v}. */
  public static void replaceLane(long[] r, int at, long[] s, int p, int bits, int i, long v) {
    r[at] = s[p];
    r[at + 1] = s[p + 1];
    setLane(r, at, bits, i, v);
  }

  /** {@code i8x16.shuffle}: byte {@code i} is byte {@code lanes[i]} of a's and b's 32 bytes. */
  public static void shuffle(long[] r, int at, long[] s, int a, int b, int[] code, int from) {
    long lo = 0;
    long hi = 0;
    for (int i = 0; i < 16; i++) {
      int idx = code[from + i];
      long v = idx < 16 ? lane(s, a, 8, idx) : lane(s, b, 8, idx - 16);
      if (i < 8) {
        lo |= (v & 0xFF) << (i * 8);
      } else {
        hi |= (v & 0xFF) << ((i - 8) * 8);
      }
    }
    r[at] = lo;
    r[at + 1] = hi;
  }

  /** {@code i8x16.swizzle}: byte {@code i} is a's byte at index b[i], or 0 when out of range. */
  public static void swizzle(long[] r, int at, long[] s, int a, int b) {
    long lo = 0;
    long hi = 0;
    for (int i = 0; i < 16; i++) {
      int idx = (int) laneU(s, b, 8, i);
      long v = idx < 16 ? lane(s, a, 8, idx) & 0xFF : 0;
      if (i < 8) {
        lo |= v << (i * 8);
      } else {
        hi |= v << ((i - 8) * 8);
      }
    }
    r[at] = lo;
    r[at + 1] = hi;
  }

  // ---- bitwise ----

  /** {@code v128.bitselect}: bits of a where c is 1, of b where it is 0. */
  public static void bitselect(long[] r, int at, long[] s, int a, int b, int c) {
    r[at] = (s[a] & s[c]) | (s[b] & ~s[c]);
    r[at + 1] = (s[a + 1] & s[c + 1]) | (s[b + 1] & ~s[c + 1]);
  }

  /** {@code v128.any_true}. */
  public static int anyTrue(long[] s, int p) {
    return (s[p] | s[p + 1]) != 0 ? 1 : 0;
  }

  /** {@code all_true}: 1 when no lane is zero. */
  public static int allTrue(long[] s, int p, int bits) {
    for (int i = 0; i < 128 / bits; i++) {
      if (lane(s, p, bits, i) == 0) {
        return 0;
      }
    }
    return 1;
  }

  /** {@code bitmask}: bit i is the sign of lane i. */
  public static int bitmask(long[] s, int p, int bits) {
    int m = 0;
    for (int i = 0; i < 128 / bits; i++) {
      if (lane(s, p, bits, i) < 0) {
        m |= 1 << i;
      }
    }
    return m;
  }

  // ---- integer lanes ----

  /** An integer lane-wise binary operation of kind {@code op} ({@link #ADD} ...). */
  public static void binary(long[] r, int at, int op, int bits, long[] s, int a, int b) {
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 128 / bits; i++) {
      long x = lane(s, a, bits, i);
      long y = lane(s, b, bits, i);
      long xu = x & mask(bits);
      long yu = y & mask(bits);
      long v;
      switch (op) {
        case ADD: v = x + y; break;
        case SUB: v = x - y; break;
        case MUL: v = x * y; break;
        case MIN_S: v = Math.min(x, y); break;
        case MIN_U: v = bits == 64 ? (Long.compareUnsigned(x, y) < 0 ? x : y) : Math.min(xu, yu);
          break;
        case MAX_S: v = Math.max(x, y); break;
        case MAX_U: v = bits == 64 ? (Long.compareUnsigned(x, y) > 0 ? x : y) : Math.max(xu, yu);
          break;
        case AVGR_U: v = (xu + yu + 1) >>> 1; break;
        case ADD_SAT_S: v = saturateS(x + y, bits); break;
        case ADD_SAT_U: v = saturateU(xu + yu, bits); break;
        case SUB_SAT_S: v = saturateS(x - y, bits); break;
        case SUB_SAT_U: v = saturateU(xu - yu, bits); break;
        case EQ: v = x == y ? -1 : 0; break;
        case NE: v = x != y ? -1 : 0; break;
        case LT_S: v = x < y ? -1 : 0; break;
        case LT_U: v = Long.compareUnsigned(xu, yu) < 0 ? -1 : 0; break;
        case GT_S: v = x > y ? -1 : 0; break;
        case GT_U: v = Long.compareUnsigned(xu, yu) > 0 ? -1 : 0; break;
        case LE_S: v = x <= y ? -1 : 0; break;
        case LE_U: v = Long.compareUnsigned(xu, yu) <= 0 ? -1 : 0; break;
        case GE_S: v = x >= y ? -1 : 0; break;
        case GE_U: v = Long.compareUnsigned(xu, yu) >= 0 ? -1 : 0; break;
        case Q15MULR_SAT_S: v = saturateS((x * y + 0x4000) >> 15, 16); break;
        default: throw new IllegalArgumentException("integer lane operation " + op);
      }
      setLane(r, at, bits, i, v);
    }
  }

  /** Clamps {@code v} to the signed range of {@code bits} bits. */
  static long saturateS(long v, int bits) {
    long max = (1L << (bits - 1)) - 1;
    long min = -(1L << (bits - 1));
    return v > max ? max : v < min ? min : v;
  }

  /** Clamps {@code v} to the unsigned range of {@code bits} bits. */
  static long saturateU(long v, int bits) {
    long max = (1L << bits) - 1;
    return v > max ? max : v < 0 ? 0 : v;
  }

  /** {@code abs}: lane-wise absolute value (the most negative lane stays as it is). */
  public static void abs(long[] r, int at, int bits, long[] s, int p) {
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 128 / bits; i++) {
      long x = lane(s, p, bits, i);
      setLane(r, at, bits, i, x < 0 ? -x : x);
    }
  }

  /** {@code neg}: lane-wise two's-complement negation. */
  public static void neg(long[] r, int at, int bits, long[] s, int p) {
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 128 / bits; i++) {
      setLane(r, at, bits, i, -lane(s, p, bits, i));
    }
  }

  /** {@code i8x16.popcnt}. */
  public static void popcnt8(long[] r, int at, long[] s, int p) {
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 16; i++) {
      setLane(r, at, 8, i, Long.bitCount(laneU(s, p, 8, i)));
    }
  }

  /** {@code shl}, {@code shr_s}, {@code shr_u} ({@code kind} 0, 1, 2) by {@code n} mod bits. */
  public static void shift(long[] r, int at, int kind, int bits, long[] s, int p, int n) {
    int k = n & (bits - 1);
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 128 / bits; i++) {
      long x = lane(s, p, bits, i);
      long v = kind == 0 ? x << k : kind == 1 ? x >> k : (x & mask(bits)) >>> k;
      setLane(r, at, bits, i, v);
    }
  }

  /**
   * {@code narrow}: lanes of a then b ({@code bits * 2}-bit, signed) saturated to {@code bits}
   * bits, signed or unsigned.
   */
  public static void narrow(long[] r, int at, int bits, boolean signed, long[] s, int a, int b) {
    int n = 128 / (bits * 2);
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < n; i++) {
      long x = lane(s, a, bits * 2, i);
      long y = lane(s, b, bits * 2, i);
      setLane(r, at, bits, i, signed ? saturateS(x, bits) : saturateU(x, bits));
      setLane(r, at, bits, i + n, signed ? saturateS(y, bits) : saturateU(y, bits));
    }
  }

  /** {@code extend_low}/{@code extend_high}: half of the {@code bits / 2}-bit lanes, widened. */
  public static void extend(long[] r, int at, int bits, boolean high, boolean signed, long[] s, int p) {
    int n = 128 / bits;
    int from = high ? n : 0;
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < n; i++) {
      long x = signed ? lane(s, p, bits / 2, from + i) : laneU(s, p, bits / 2, from + i);
      setLane(r, at, bits, i, x);
    }
  }

  /** {@code extmul_low}/{@code extmul_high}: the widened products of half the lanes. */
  public static void extmul(
      long[] r, int at, int bits, boolean high, boolean signed, long[] s, int a, int b) {
    int n = 128 / bits;
    int from = high ? n : 0;
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < n; i++) {
      long x = signed ? lane(s, a, bits / 2, from + i) : laneU(s, a, bits / 2, from + i);
      long y = signed ? lane(s, b, bits / 2, from + i) : laneU(s, b, bits / 2, from + i);
      setLane(r, at, bits, i, x * y);
    }
  }

  /** {@code extadd_pairwise}: sums of adjacent {@code bits / 2}-bit lanes, widened. */
  public static void extaddPairwise(long[] r, int at, int bits, boolean signed, long[] s, int p) {
    int n = 128 / bits;
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < n; i++) {
      long x = signed ? lane(s, p, bits / 2, 2 * i) : laneU(s, p, bits / 2, 2 * i);
      long y = signed ? lane(s, p, bits / 2, 2 * i + 1) : laneU(s, p, bits / 2, 2 * i + 1);
      setLane(r, at, bits, i, x + y);
    }
  }

  /** {@code i32x4.dot_i16x8_s}: sums of the signed products of adjacent 16-bit lanes. */
  public static void dot16(long[] r, int at, long[] s, int a, int b) {
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 4; i++) {
      long v = lane(s, a, 16, 2 * i) * lane(s, b, 16, 2 * i)
          + lane(s, a, 16, 2 * i + 1) * lane(s, b, 16, 2 * i + 1);
      setLane(r, at, 32, i, v);
    }
  }

  // ---- float lanes ----

  /** A lane-wise f32x4 operation of kind {@code op}; {@code b} is ignored by unary kinds. */
  public static void f32x4(long[] r, int at, int op, long[] s, int a, int b) {
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 4; i++) {
      int xb = (int) lane(s, a, 32, i);
      int yb = op < FABS ? (int) lane(s, b, 32, i) : 0;
      float x = Float.intBitsToFloat(xb);
      float y = Float.intBitsToFloat(yb);
      int v;
      switch (op) {
        case FADD: v = bits(F32.add(x, y)); break;
        case FSUB: v = bits(F32.sub(x, y)); break;
        case FMUL: v = bits(F32.mul(x, y)); break;
        case FDIV: v = bits(F32.div(x, y)); break;
        case FMIN: v = bits(F32.min(x, y)); break;
        case FMAX: v = bits(F32.max(x, y)); break;
        case FPMIN: v = y < x ? yb : xb; break;
        case FPMAX: v = x < y ? yb : xb; break;
        case FEQ: v = -F32.eq(x, y); break;
        case FNE: v = -F32.ne(x, y); break;
        case FLT: v = -F32.lt(x, y); break;
        case FGT: v = -F32.gt(x, y); break;
        case FLE: v = -F32.le(x, y); break;
        case FGE: v = -F32.ge(x, y); break;
        case FABS: v = F32.abs(xb); break;
        case FNEG: v = F32.neg(xb); break;
        case FSQRT: v = bits(F32.sqrt(x)); break;
        case FCEIL: v = bits(F32.ceil(x)); break;
        case FFLOOR: v = bits(F32.floor(x)); break;
        case FTRUNC: v = bits(F32.trunc(x)); break;
        case FNEAREST: v = bits(F32.nearest(x)); break;
        default: throw new IllegalArgumentException("f32x4 operation " + op);
      }
      setLane(r, at, 32, i, v);
    }
  }

  /** A lane-wise f64x2 operation of kind {@code op}; {@code b} is ignored by unary kinds. */
  public static void f64x2(long[] r, int at, int op, long[] s, int a, int b) {
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 2; i++) {
      long xb = s[a + i];
      long yb = op < FABS ? s[b + i] : 0;
      double x = Double.longBitsToDouble(xb);
      double y = Double.longBitsToDouble(yb);
      long v;
      switch (op) {
        case FADD: v = bits(F64.add(x, y)); break;
        case FSUB: v = bits(F64.sub(x, y)); break;
        case FMUL: v = bits(F64.mul(x, y)); break;
        case FDIV: v = bits(F64.div(x, y)); break;
        case FMIN: v = bits(F64.min(x, y)); break;
        case FMAX: v = bits(F64.max(x, y)); break;
        case FPMIN: v = y < x ? yb : xb; break;
        case FPMAX: v = x < y ? yb : xb; break;
        case FEQ: v = -F64.eq(x, y); break;
        case FNE: v = -F64.ne(x, y); break;
        case FLT: v = -F64.lt(x, y); break;
        case FGT: v = -F64.gt(x, y); break;
        case FLE: v = -F64.le(x, y); break;
        case FGE: v = -F64.ge(x, y); break;
        case FABS: v = F64.abs(xb); break;
        case FNEG: v = F64.neg(xb); break;
        case FSQRT: v = bits(F64.sqrt(x)); break;
        case FCEIL: v = bits(F64.ceil(x)); break;
        case FFLOOR: v = bits(F64.floor(x)); break;
        case FTRUNC: v = bits(F64.trunc(x)); break;
        case FNEAREST: v = bits(F64.nearest(x)); break;
        default: throw new IllegalArgumentException("f64x2 operation " + op);
      }
      r[at + i] = v;
    }
  }

  private static int bits(float f) {
    return Float.floatToRawIntBits(f);
  }

  private static long bits(double d) {
    return Double.doubleToRawLongBits(d);
  }

  // ---- conversions ----

  /** {@code i32x4.trunc_sat_f32x4_s} / {@code _u}. */
  public static void truncSatF32x4(long[] r, int at, boolean signed, long[] s, int p) {
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 4; i++) {
      float x = Float.intBitsToFloat((int) lane(s, p, 32, i));
      setLane(r, at, 32, i, signed ? I32.truncSatF32S(x) : I32.truncSatF32U(x));
    }
  }

  /** {@code i32x4.trunc_sat_f64x2_s_zero} / {@code _u_zero}: lanes 2 and 3 are zero. */
  public static void truncSatF64x2Zero(long[] r, int at, boolean signed, long[] s, int p) {
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 2; i++) {
      double x = Double.longBitsToDouble(s[p + i]);
      setLane(r, at, 32, i, signed ? I32.truncSatF64S(x) : I32.truncSatF64U(x));
    }
  }

  /** {@code f32x4.convert_i32x4_s} / {@code _u}. */
  public static void convertI32x4(long[] r, int at, boolean signed, long[] s, int p) {
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 4; i++) {
      int x = (int) lane(s, p, 32, i);
      setLane(r, at, 32, i, bits(signed ? F32.convertI32S(x) : F32.convertI32U(x)));
    }
  }

  /** {@code f64x2.convert_low_i32x4_s} / {@code _u}. */
  public static void convertLowI32x4(long[] r, int at, boolean signed, long[] s, int p) {
    long lo = bits(signed ? F64.convertI32S((int) lane(s, p, 32, 0))
        : F64.convertI32U((int) lane(s, p, 32, 0)));
    long hi = bits(signed ? F64.convertI32S((int) lane(s, p, 32, 1))
        : F64.convertI32U((int) lane(s, p, 32, 1)));
    r[at] = lo;
    r[at + 1] = hi;
  }

  /** {@code f32x4.demote_f64x2_zero}: lanes 2 and 3 are zero. */
  public static void demoteF64x2Zero(long[] r, int at, long[] s, int p) {
    long lo = bits(F32.demoteF64(Double.longBitsToDouble(s[p]))) & 0xFFFFFFFFL;
    long hi = bits(F32.demoteF64(Double.longBitsToDouble(s[p + 1]))) & 0xFFFFFFFFL;
    r[at] = lo | (hi << 32);
    r[at + 1] = 0;
  }

  /** {@code f64x2.promote_low_f32x4}. */
  public static void promoteLowF32x4(long[] r, int at, long[] s, int p) {
    long lo = bits(F64.promoteF32(Float.intBitsToFloat((int) s[p])));
    long hi = bits(F64.promoteF32(Float.intBitsToFloat((int) (s[p] >>> 32))));
    r[at] = lo;
    r[at + 1] = hi;
  }

  // ---- memory ----

  /** Traps unless {@code n} bytes at {@code ea} fit in {@code mem}. */
  public static void checkAccess(byte[] mem, long ea, int n) {
    if (ea + n > mem.length) {
      throw Trap.memoryAccess(ea);
    }
  }

  /** {@code v128.load}: 16 bytes at {@code ea}. */
  public static void load(long[] r, int at, byte[] mem, long ea) {
    checkAccess(mem, ea, 16);
    long lo = Memory.load64(mem, ea);
    r[at + 1] = Memory.load64(mem, ea + 8);
    r[at] = lo;
  }

  /** {@code v128.store}: 16 bytes at {@code ea}, nothing written unless all fit. */
  public static void store(byte[] mem, long ea, long lo, long hi) {
    checkAccess(mem, ea, 16);
    Memory.store64(mem, ea, lo);
    Memory.store64(mem, ea + 8, hi);
  }

  /**
   * {@code load8x8}, {@code load16x4}, {@code load32x2}: 8 bytes at {@code ea} read as lanes of
   * {@code bits / 2} bits and widened to {@code bits}.
   */
  public static void loadExtend(long[] r, int at, byte[] mem, long ea, int bits, boolean signed) {
    long v = Memory.load64(mem, ea);
    int half = bits / 2;
    r[at] = 0;
    r[at + 1] = 0;
    for (int i = 0; i < 128 / bits; i++) {
      long x = v >>> (i * half);
      x = half == 32 ? (signed ? (int) x : x & 0xFFFFFFFFL)
          : half == 16 ? (signed ? (short) x : x & 0xFFFF) : (signed ? (byte) x : x & 0xFF);
      setLane(r, at, bits, i, x);
    }
  }

  /** A load of {@code bytes} bytes at {@code ea}, zero-extended. */
  public static long loadN(byte[] mem, long ea, int bytes) {
    switch (bytes) {
      case 1: return Memory.load8U(mem, ea);
      case 2: return Memory.load16U(mem, ea);
      case 4: return Memory.load32(mem, ea) & 0xFFFFFFFFL;
      default: return Memory.load64(mem, ea);
    }
  }

  /** A store of the low {@code bytes} bytes of {@code v} at {@code ea}. */
  public static void storeN(byte[] mem, long ea, int bytes, long v) {
    switch (bytes) {
      case 1: Memory.store8(mem, ea, (int) v); break;
      case 2: Memory.store16(mem, ea, (int) v); break;
      case 4: Memory.store32(mem, ea, (int) v); break;
      default: Memory.store64(mem, ea, v); break;
    }
  }
}
