package dev.coroner.interpreter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test helper: a random valid module from a seed, written directly in the binary format (fast
 * enough for thousands of examples). Functions take up to three parameters and return one value;
 * bodies are typed stack programs of constants, locals, a mutable global, i32/i64/f32/f64
 * arithmetic and comparisons (division, remainder and truncation included, so they trap),
 * conversions, loads and stores at addresses near the end of the one-page memory (some out of
 * bounds), memory.size and memory.grow, select, blocks with br_if, counted loops, calls to
 * earlier functions (some through the table, with call_indirect) and the odd unreachable. The
 * last function is exported as {@code "run"}.
 *
 * <p>v128 values take part as any other type (parameters, results, locals, block results, select,
 * calls), with SIMD instructions from the interpreter's table ({@link SimdInstruction}): constants,
 * splats, lane extraction and replacement, shuffles, and every lane-wise unary, binary, ternary,
 * shift and test instruction of WebAssembly 2.0, and SIMD loads and stores (plain, extending,
 * splatting, zero-filling and lane-wise) at the same addresses as the others, some out of bounds.
 */
final class RandomModule {
  static final int I32 = 0x7F;
  static final int I64 = 0x7E;
  static final int F32 = 0x7D;
  static final int F64 = 0x7C;
  static final int V128 = 0x7B;
  private static final int SIMD = 0xFD;
  private static final int[] TYPES = {I32, I64, F32, F64};

  final byte[] bytes;
  final int[] runParams;
  /** How many SIMD instructions (v128 constants included) the module has. */
  int simdInstructions;

  private final SplittableRandom rnd;
  private final int nFuncs;
  private final int[][] params;
  private final int[] results;

  private RandomModule(long seed) {
    rnd = new SplittableRandom(seed);
    nFuncs = 1 + rnd.nextInt(4);
    params = new int[nFuncs][];
    results = new int[nFuncs];
    for (int f = 0; f < nFuncs; f++) {
      params[f] = new int[rnd.nextInt(4)];
      for (int i = 0; i < params[f].length; i++) {
        params[f][i] = pick();
      }
      results[f] = pick();
    }
    runParams = params[nFuncs - 1];
    bytes = module();
  }

  static RandomModule of(long seed) {
    return new RandomModule(seed);
  }

  /** Random arguments for {@code params} in the value stack's slot layout (a v128 takes two). */
  static long[] arguments(SplittableRandom r, int[] params) {
    List<Long> args = new ArrayList<>();
    for (int t : params) {
      if (t == V128) {
        args.add(r.nextLong());
        args.add(r.nextInt(3) == 0 ? 0 : r.nextLong());
      } else {
        args.add(argument(r, t));
      }
    }
    return args.stream().mapToLong(Long::longValue).toArray();
  }

  /** A random argument of type {@code t} as raw bits. */
  static long argument(SplittableRandom r, int t) {
    switch (t) {
      case I32: return r.nextInt(4) == 0 ? r.nextInt(-3, 4) : r.nextInt();
      case I64: return r.nextInt(4) == 0 ? r.nextInt(-3, 4) : r.nextLong();
      case F32: return Float.floatToRawIntBits((float) (r.nextDouble() * 2e9 - 1e9)) & 0xFFFFFFFFL;
      default: return Double.doubleToRawLongBits(r.nextDouble() * 4e18 - 2e18);
    }
  }

  private int pick() {
    return rnd.nextInt(8) == 0 ? V128 : TYPES[rnd.nextInt(4)];
  }

  /** A scalar type. */
  private int pickScalar() {
    return TYPES[rnd.nextInt(4)];
  }

  // ---- module ----

  private byte[] module() {
    Out m = new Out();
    m.bytes(0, 0x61, 0x73, 0x6D, 1, 0, 0, 0);
    // types: one per function
    Out types = new Out();
    types.u32(nFuncs);
    for (int f = 0; f < nFuncs; f++) {
      types.bytes(0x60).u32(params[f].length);
      for (int p : params[f]) {
        types.bytes(p);
      }
      types.bytes(1, results[f]);
    }
    m.section(1, types);
    Out funcs = new Out().u32(nFuncs);
    for (int f = 0; f < nFuncs; f++) {
      funcs.u32(f);
    }
    m.section(3, funcs);
    m.section(4, new Out().u32(1).bytes(0x70, 0).u32(nFuncs));
    m.section(5, new Out().u32(1).bytes(1).u32(1).u32(2));
    m.section(6, new Out().u32(1).bytes(I32, 1, 0x41).s64(7).bytes(0x0B));
    m.section(7, new Out().u32(1).name("run").bytes(0).u32(nFuncs - 1));
    Out elems = new Out().u32(1).bytes(0, 0x41, 0, 0x0B).u32(nFuncs);
    for (int f = 0; f < nFuncs; f++) {
      elems.u32(f);
    }
    m.section(9, elems);
    Out code = new Out().u32(nFuncs);
    for (int f = 0; f < nFuncs; f++) {
      Out body = new Body(f).generate();
      code.u32(body.size()).out(body);
    }
    m.section(10, code);
    return m.toByteArray();
  }

  /** One function body: a typed random walk. */
  private final class Body {
    final int f;
    final List<Integer> locals = new ArrayList<>();
    final List<Integer> stack = new ArrayList<>();
    final Out code = new Out();
    int budget;
    int depth;
    /** The first of three i32 locals that count loop iterations, one per nesting level. */
    int counter = -1;

    Body(int f) {
      this.f = f;
      for (int p : params[f]) {
        locals.add(p);
      }
      budget = 10 + rnd.nextInt(40);
    }

    Out generate() {
      int declared = rnd.nextInt(4);
      List<Integer> decl = new ArrayList<>();
      for (int i = 0; i < declared; i++) {
        decl.add(pick());
      }
      counter = locals.size() + decl.size();
      decl.add(I32);
      decl.add(I32);
      decl.add(I32);
      locals.addAll(decl);
      Out out = new Out().u32(decl.size());
      for (int t : decl) {
        out.u32(1).bytes(t);
      }
      while (budget-- > 0) {
        step();
      }
      finish(results[f]);
      code.bytes(0x0B);
      return out.out(code);
    }

    /** Leaves exactly one value of type {@code t} above {@code base}. */
    void finishTo(int base, int t) {
      while (true) {
        int n = stack.size() - base;
        if (n >= 2 && top() == V128 && stack.get(stack.size() - 2) == V128) {
          // fold two v128s (v128.xor) rather than drop one: their bits stay observable
          simdInstructions++;
          code.bytes(SIMD).u32(0x51);
          pop();
        } else if (n == 1 && top() == V128 && t != V128) {
          // a lane of the last v128 as the value
          simdInstructions++;
          int lanes = t == I32 || t == F32 ? 4 : 2;
          code.bytes(SIMD).u32(t == I32 ? 0x1B : t == I64 ? 0x1D : t == F32 ? 0x1F : 0x21)
              .bytes(rnd.nextInt(lanes));
          pop();
          push(t);
        } else if (n > 1 || (n == 1 && top() != t)) {
          drop();
        } else {
          break;
        }
      }
      if (stack.size() == base) {
        constant(t);
      }
    }

    void finish(int t) {
      finishTo(0, t);
    }

    int top() {
      return stack.get(stack.size() - 1);
    }

    void drop() {
      code.bytes(0x1A);
      stack.remove(stack.size() - 1);
    }

    int pop() {
      return stack.remove(stack.size() - 1);
    }

    void push(int t) {
      stack.add(t);
    }

    /** Whether the stack's top has types {@code ts} (an ADDRESS operand is an i32). */
    boolean has(int... ts) {
      int n = stack.size();
      if (n < ts.length) {
        return false;
      }
      for (int i = 0; i < ts.length; i++) {
        int t = ts[i] == Instruction.Sig.ADDRESS ? I32 : ts[i];
        if (stack.get(n - ts.length + i) != t) {
          return false;
        }
      }
      return true;
    }

    void constant(int t) {
      switch (t) {
        case I32: code.bytes(0x41).s64(rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(-40, 70000)); break;
        case I64: code.bytes(0x42).s64(rnd.nextInt(8) == 0 ? -1 : rnd.nextLong() >> rnd.nextInt(64)); break;
        case F32: code.bytes(0x43).fixed(Float.floatToRawIntBits((float) (rnd.nextDouble() * 1e10 - 5e9)), 4); break;
        case F64: code.bytes(0x44).fixed(Double.doubleToRawLongBits(rnd.nextDouble() * 1e20 - 5e19), 8); break;
        default: {
          simdInstructions++;
          code.bytes(SIMD).u32(0x0C);
          int k = rnd.nextInt(3);
          for (int i = 0; i < 4; i++) {
            int lane = k == 0 ? rnd.nextInt(-3, 4) : k == 1
                ? Float.floatToRawIntBits((float) (rnd.nextDouble() * 200 - 100)) : rnd.nextInt();
            code.fixed(lane, 4);
          }
          break;
        }
      }
      push(t);
    }

    void step() {
      int choice = rnd.nextInt(100);
      if (choice < 18) {
        constant(pick());
      } else if (choice < 30) {
        int i = rnd.nextInt(locals.size());
        code.bytes(0x20).u32(i);
        push(locals.get(i));
      } else if (choice < 36 && !stack.isEmpty()) {
        int t = top();
        int i = localOf(t);
        if (i >= 0) {
          boolean tee = rnd.nextBoolean();
          code.bytes(tee ? 0x22 : 0x21).u32(i);
          pop();
          if (tee) {
            push(t);
          }
        }
      } else if (choice < 60) {
        numeric();
      } else if (choice < 68) {
        memory();
      } else if (choice < 72 && has(I32)) {
        code.bytes(0x24).u32(0);
        pop();
      } else if (choice < 75) {
        code.bytes(0x23).u32(0);
        push(I32);
      } else if (choice < 80 && f > 0) {
        call();
      } else if (choice < 84 && depth < 3) {
        block();
      } else if (choice < 87 && depth < 3) {
        loop();
      } else if (choice < 90 && stack.size() >= 3 && has(I32)
          && stack.get(stack.size() - 2).equals(stack.get(stack.size() - 3))) {
        code.bytes(0x1B);
        pop();
        pop();
      } else if (choice < 91 && rnd.nextInt(10) == 0) {
        code.bytes(0x00);
        // what follows is unreachable: finish the body's stack on the spot
        stack.clear();
        budget = 0;
      } else if (!stack.isEmpty() && rnd.nextInt(3) == 0) {
        drop();
      }
    }

    int localOf(int t) {
      List<Integer> of = new ArrayList<>();
      for (int i = 0; i < locals.size(); i++) {
        if (locals.get(i) == t && (i < counter || i > counter + 2)) {
          of.add(i);
        }
      }
      return of.isEmpty() ? -1 : of.get(rnd.nextInt(of.size()));
    }

    void numeric() {
      int t = pick();
      if (t == V128 || rnd.nextInt(5) == 0) {
        simd();
        return;
      }
      int k = rnd.nextInt(6);
      if (k < 3 && has(t, t)) {
        int[] ops;
        switch (t) {
          case I32: ops = new int[] {0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0x73,
              0x74, 0x75, 0x76, 0x77, 0x78}; break;
          case I64: ops = new int[] {0x7C, 0x7D, 0x7E, 0x7F, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85,
              0x86, 0x87, 0x88, 0x89, 0x8A}; break;
          case F32: ops = new int[] {0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98}; break;
          default: ops = new int[] {0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6}; break;
        }
        code.op(ops[rnd.nextInt(ops.length)]);
        pop();
      } else if (k < 4 && has(t, t)) {
        int[] base = {0x46, 0x51, 0x5B, 0x61};
        int[] count = {10, 10, 6, 6};
        int ti = index(t);
        code.op(base[ti] + rnd.nextInt(count[ti]));
        pop();
        pop();
        push(I32);
      } else if (k < 5 && has(t)) {
        int[][] unary = {{0x45, 0x67, 0x68, 0x69, 0xC0, 0xC1}, {0x50, 0x79, 0x7A, 0x7B, 0xC2,
            0xC3, 0xC4}, {0x8B, 0x8C, 0x8D, 0x8E, 0x8F, 0x90, 0x91}, {0x99, 0x9A, 0x9B, 0x9C,
            0x9D, 0x9E, 0x9F}};
        int op = unary[index(t)][rnd.nextInt(unary[index(t)].length)];
        code.op(op);
        if (op == 0x45 || op == 0x50) {
          pop();
          push(I32);
        }
      } else if (has(t)) {
        // conversions from t
        int[][] from = {
            {0xAC, I64, 0xAD, I64, 0xB2, F32, 0xB3, F32, 0xB7, F64, 0xB8, F64, 0xBE, F32},
            {0xA7, I32, 0xB4, F32, 0xB5, F32, 0xB9, F64, 0xBA, F64, 0xBF, F64},
            {0xA8, I32, 0xA9, I32, 0xAE, I64, 0xAF, I64, 0xBB, F64, 0xBC, I32},
            {0xAA, I32, 0xAB, I32, 0xB0, I64, 0xB1, I64, 0xB6, F32, 0xBD, I64}};
        int[] options = from[index(t)];
        int j = rnd.nextInt(options.length / 2);
        code.op(options[2 * j]);
        pop();
        push(options[2 * j + 1]);
      } else {
        constant(t);
      }
    }

    int index(int t) {
      return t == I32 ? 0 : t == I64 ? 1 : t == F32 ? 2 : 3;
    }

    void address() {
      int k = rnd.nextInt(8);
      code.bytes(0x41).s64(k == 0 ? rnd.nextInt(131072) : k == 1 ? 65536 - rnd.nextInt(40)
          : rnd.nextInt(60000));
      push(I32);
    }

    /** A SIMD instruction that fits the stack (or a v128 constant). */
    void simd() {
      List<SimdInstruction> fit = new ArrayList<>();
      for (SimdInstruction in : SimdInstruction.values()) {
        if (in.subopcode() < 0x100 && in.width() == 0 && in.kind() != SimdInstruction.Kind.CONST
            && has(in.params())) {
          fit.add(in);
        }
      }
      if (has(V128, V128) && rnd.nextInt(6) == 0) {
        // select between two v128s
        code.bytes(0x41).s64(rnd.nextInt(2)).bytes(0x1B);
        pop();
        return;
      }
      if (fit.isEmpty() || rnd.nextInt(6) == 0) {
        if (rnd.nextBoolean()) {
          constant(V128);
        } else {
          // a splat of a scalar constant
          int t = pickScalar();
          constant(t);
          int[] splats = {0x0F, 0x10, 0x11};
          simdInstructions++;
          code.bytes(SIMD).u32(t == I32 ? splats[rnd.nextInt(3)] : t == I64 ? 0x12
              : t == F32 ? 0x13 : 0x14);
          pop();
          push(V128);
        }
        return;
      }
      // a kind first, then one of its instructions: lane and test instructions as often as the
      // many lane-wise ones
      SimdInstruction.Kind kind = fit.get(rnd.nextInt(fit.size())).kind();
      if (rnd.nextBoolean()) {
        List<SimdInstruction.Kind> kinds = new ArrayList<>();
        for (SimdInstruction x : fit) {
          if (!kinds.contains(x.kind())) {
            kinds.add(x.kind());
          }
        }
        kind = kinds.get(rnd.nextInt(kinds.size()));
      }
      List<SimdInstruction> ofKind = new ArrayList<>();
      for (SimdInstruction x : fit) {
        if (x.kind() == kind) {
          ofKind.add(x);
        }
      }
      SimdInstruction in = ofKind.get(rnd.nextInt(ofKind.size()));
      simdInstructions++;
      code.bytes(SIMD).u32(in.subopcode());
      if (in.kind() == SimdInstruction.Kind.SHUFFLE) {
        for (int i = 0; i < 16; i++) {
          code.bytes(rnd.nextInt(32));
        }
      } else if (in.kind() == SimdInstruction.Kind.EXTRACT
          || in.kind() == SimdInstruction.Kind.REPLACE) {
        code.bytes(rnd.nextInt(in.lanes()));
      }
      for (int i = 0; i < in.params().length; i++) {
        pop();
      }
      for (int t : in.results()) {
        push(t);
      }
    }

    /** A SIMD load or store near the end of memory (some out of bounds). */
    void simdMemory() {
      List<SimdInstruction> mem = new ArrayList<>();
      for (SimdInstruction in : SimdInstruction.values()) {
        if (in.width() != 0) {
          mem.add(in);
        }
      }
      SimdInstruction in = mem.get(rnd.nextInt(mem.size()));
      address();
      int[] params = in.params();
      if (params.length == 2) {
        constant(V128);
      }
      simdInstructions++;
      code.bytes(SIMD).u32(in.subopcode());
      int align = Integer.numberOfTrailingZeros(in.width());
      code.u32(rnd.nextInt(align + 1)).u32(rnd.nextInt(10) == 0 ? rnd.nextInt(70000)
          : rnd.nextInt(24));
      if (in.kind() == SimdInstruction.Kind.LOAD_LANE
          || in.kind() == SimdInstruction.Kind.STORE_LANE) {
        code.bytes(rnd.nextInt(in.lanes()));
      }
      for (int i = 0; i < params.length; i++) {
        pop();
      }
      for (int t : in.results()) {
        push(t);
      }
    }

    void memory() {
      if (rnd.nextInt(4) == 0) {
        simdMemory();
        return;
      }
      int k = rnd.nextInt(10);
      if (k < 4) {
        address();
        int[] loads = {0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x32, 0x33,
            0x34, 0x35};
        int[] types = {I32, I64, F32, F64, I32, I32, I32, I32, I64, I64, I64, I64, I64, I64};
        int j = rnd.nextInt(loads.length);
        code.op(loads[j]).u32(0).u32(rnd.nextInt(10) == 0 ? rnd.nextInt(70000) : rnd.nextInt(8));
        pop();
        push(types[j]);
      } else if (k < 8) {
        int t = pickScalar();
        address();
        constant(t);
        int op = t == I32 ? (rnd.nextBoolean() ? 0x36 : 0x3A + rnd.nextInt(2))
            : t == I64 ? (rnd.nextBoolean() ? 0x37 : 0x3C + rnd.nextInt(3))
            : t == F32 ? 0x38 : 0x39;
        code.op(op).u32(0).u32(rnd.nextInt(8));
        pop();
        pop();
      } else if (k < 9) {
        code.op(0x3F).bytes(0);
        push(I32);
      } else {
        code.bytes(0x41).s64(rnd.nextInt(3));
        code.op(0x40).bytes(0);
      }
      if (k == 9) {
        push(I32);
        pop();
        push(I32);
      }
    }

    void call() {
      int g = rnd.nextInt(f);
      int[] ps = params[g];
      for (int p : ps) {
        constant(p);
      }
      if (rnd.nextBoolean()) {
        // an earlier function (of this type or not), or no element at all
        code.bytes(0x41).s64(rnd.nextInt(6) == 0 ? nFuncs + 1 : rnd.nextInt(f));
        code.op(0x11).u32(g).u32(0);
      } else {
        code.op(0x10).u32(g);
      }
      for (int i = 0; i < ps.length; i++) {
        pop();
      }
      push(results[g]);
    }

    void block() {
      int t = pick();
      int base = stack.size();
      code.bytes(0x02, t);
      depth++;
      int saved = budget;
      budget = Math.min(budget, 2 + rnd.nextInt(8));
      List<Integer> outer = new ArrayList<>(stack);
      stack.clear();
      while (budget-- > 0) {
        step();
        if (rnd.nextInt(6) == 0 && !stack.isEmpty() && top() == t) {
          // br_if 0 with the block's value below the condition
          code.bytes(0x41).s64(rnd.nextInt(2));
          code.bytes(0x0D).u32(0);
        }
      }
      finishTo(0, t);
      code.bytes(0x0B);
      stack.clear();
      stack.addAll(outer);
      push(t);
      depth--;
      budget = saved - 1;
      if (stack.size() != base + 1) {
        throw new AssertionError();
      }
    }

    void loop() {
      // counter = 3; loop { body; counter -= 1; br_if 0 (counter != 0) }
      int c = counter + depth;
      code.bytes(0x41).s64(1 + rnd.nextInt(3)).bytes(0x21).u32(c);
      code.bytes(0x03, 0x40);
      depth++;
      int saved = budget;
      budget = Math.min(budget, 2 + rnd.nextInt(6));
      List<Integer> outer = new ArrayList<>(stack);
      stack.clear();
      while (budget-- > 0) {
        step();
      }
      while (!stack.isEmpty()) {
        drop();
      }
      code.bytes(0x20).u32(c).bytes(0x41).s64(1).op(0x6B).bytes(0x22).u32(c);
      code.bytes(0x0D).u32(0);
      code.bytes(0x0B);
      stack.addAll(outer);
      depth--;
      budget = saved - 1;
    }
  }

  /** A growing byte buffer with the binary format's encodings. */
  static final class Out {
    private final ByteArrayOutputStream b = new ByteArrayOutputStream();
    int lastOpcode = -1;

    Out bytes(int... v) {
      for (int x : v) {
        b.write(x);
      }
      return this;
    }

    Out op(int opcode) {
      lastOpcode = opcode;
      return bytes(opcode);
    }

    int last() {
      byte[] a = b.toByteArray();
      return a.length == 0 ? -1 : a[a.length - 1];
    }

    Out u32(long v) {
      do {
        int x = (int) (v & 0x7F);
        v >>>= 7;
        b.write(v != 0 ? x | 0x80 : x);
      } while (v != 0);
      return this;
    }

    Out s64(long v) {
      while (true) {
        int x = (int) (v & 0x7F);
        v >>= 7;
        boolean done = (v == 0 && (x & 0x40) == 0) || (v == -1 && (x & 0x40) != 0);
        b.write(done ? x : x | 0x80);
        if (done) {
          return this;
        }
      }
    }

    Out fixed(long v, int width) {
      for (int i = 0; i < width; i++) {
        b.write((int) (v >>> (8 * i)) & 0xFF);
      }
      return this;
    }

    Out name(String s) {
      byte[] n = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      u32(n.length);
      b.write(n, 0, n.length);
      return this;
    }

    Out out(Out o) {
      byte[] a = o.toByteArray();
      b.write(a, 0, a.length);
      return this;
    }

    Out section(int id, Out content) {
      bytes(id);
      u32(content.size());
      return out(content);
    }

    int size() {
      return b.size();
    }

    byte[] toByteArray() {
      return b.toByteArray();
    }
  }
}
