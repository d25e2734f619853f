package dev.coroner.interpreter;

import static dev.coroner.interpreter.model.ValType.V128;
import static org.objectweb.asm.Opcodes.*;

import dev.coroner.coredump.BinaryReader;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates the {@code 0xFD}-prefixed (SIMD) instructions of one function for {@link
 * FunctionTranslator}, by running the interpreter's own {@link Simd#exec} on each (the semantics
 * are written once).
 *
 * <p>Each instruction is decoded as {@link SimdCompiler} decodes it, into the interpreter's
 * pre-decoded form (its number and immediates; the memory index is 0, as the translator handles
 * one memory): a constant {@code int[]} of the class (a dynamic constant, made once by {@link
 * TierRuntime#simd}). At run time the operands are copied from their JVM locals into a scratch
 * {@code long[]} in the value stack's slot layout (allocated once per invocation, at method entry,
 * in functions with SIMD instructions), {@code Simd.exec} runs on it with the stack top after the
 * operands (it computes a result in the two slots above), and the result is copied back into its
 * locals. A load or store that does not fit throws {@link dev.coroner.interpreter.semantics.Trap}
 * before anything changes, so it is a site as any trapping instruction, its operands still in
 * their locals. {@code v128.const} and the bitwise instructions (not, and, andnot, or, xor) are
 * emitted inline on the two longs.
 */
final class SimdTranslator {
  private static final long U32 = 0xFFFFFFFFL;
  /** Operand slots (at most three v128s) and the two result slots above them. */
  private static final int SCRATCH = 8;
  private static final Handle SNIPPET = new Handle(H_INVOKESTATIC, FunctionTranslator.RUNTIME,
      "simd", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;"
          + "[Ljava/lang/Object;)[I", false);

  private final FunctionTranslator t;
  private final WasmModule module;
  private final MethodVisitor mv;
  private final BinaryReader<MalformedException> r;
  private int scratch = -1;

  SimdTranslator(FunctionTranslator t, WasmModule module) {
    this.t = t;
    this.module = module;
    this.mv = t.visitor();
    this.r = t.reader();
  }

  /** At method entry: the scratch array, if an instruction uses it. */
  void init() {
    if (scratch >= 0) {
      t.pushInt(SCRATCH);
      mv.visitIntInsn(NEWARRAY, T_LONG);
      mv.visitVarInsn(ASTORE, scratch);
    }
  }

  /**
   * Translates the instruction after a {@code 0xFD} byte (in unreachable code only reads past
   * it).
   */
  void instruction(boolean unreachable) {
    int sub = r.readU32("subopcode");
    SimdInstruction in = SimdInstruction.decode(sub);
    if (in == null) {
      throw new FunctionTranslator.Unsupported("opcode 0xfd " + Integer.toUnsignedString(sub));
    }
    int[] imm = immediates(in);
    if (unreachable) {
      return;
    }
    int[] snippet = new int[1 + imm.length];
    snippet[0] = in.code();
    System.arraycopy(imm, 0, snippet, 1, imm.length);
    if (snippet.length != SimdInstruction.codeLength(in.code())) {
      throw new IllegalStateException(in.text() + ": pre-decoded length");
    }
    exec(in, snippet);
    t.noteSimd();
  }

  private int[] immediates(SimdInstruction in) {
    switch (in.kind()) {
      case LOAD:
      case STORE:
        return new int[] {memarg(), 0};
      case LOAD_LANE:
      case STORE_LANE: {
        int offset = memarg();
        return new int[] {offset, r.readByte("lane index"), 0};
      }
      case EXTRACT:
      case REPLACE:
        return new int[] {r.readByte("lane index")};
      case CONST: {
        int[] imm = new int[4];
        for (int i = 0; i < 4; i++) {
          imm[i] = (int) r.readFixed(4, "v128 constant");
        }
        return imm;
      }
      case SHUFFLE: {
        int[] imm = new int[16];
        for (int i = 0; i < 16; i++) {
          imm[i] = r.readByte("lane index");
        }
        return imm;
      }
      default:
        return new int[0];
    }
  }

  /** A memarg's offset; its memory must be memory 0 (with flag bit 6, an explicit index). */
  private int memarg() {
    int align = r.readU32("alignment");
    if (module.context().features().multiMemory() && align >= 0x40 && align < 0x80) {
      if (r.readU32("memory index") != 0) {
        throw new FunctionTranslator.Unsupported("SIMD access to a memory other than 0");
      }
    }
    long offset = module.context().features().memory64() ? r.readU64("offset")
        : r.readU32("offset") & U32;
    if (offset >>> 32 != 0) {
      throw new FunctionTranslator.Unsupported("SIMD access with a 64-bit offset");
    }
    return (int) offset;
  }

  private void exec(SimdInstruction in, int[] snippet) {
    if (inline(in, snippet)) {
      return;
    }
    if (scratch < 0) {
      scratch = t.newLocal(1);
    }
    int np = in.params().length;
    int h = t.height();
    int base = h - np;
    int site = in.traps() ? t.siteHere() : -1;
    Label start = in.traps() ? t.startRange() : null;
    int j = 0;
    for (int pos = base; pos < h; pos++) {
      int type = t.type(pos);
      mv.visitVarInsn(ALOAD, scratch);
      t.pushInt(j++);
      t.loadLow(pos);
      t.toBits(type);
      mv.visitInsn(LASTORE);
      if (type == V128) {
        mv.visitVarInsn(ALOAD, scratch);
        t.pushInt(j++);
        t.loadHigh(pos);
        mv.visitInsn(LASTORE);
      }
    }
    mv.visitLdcInsn(constant(snippet));
    mv.visitInsn(ICONST_0);
    mv.visitVarInsn(ALOAD, scratch);
    t.pushInt(j);
    mv.visitInsn(ICONST_0);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitMethodInsn(INVOKESTATIC, "dev/coroner/interpreter/Simd", "exec",
        "([II[JIIL" + FunctionTranslator.INSTANCE + ";)I", false);
    mv.visitInsn(POP);
    if (in.traps()) {
      t.endRange(start, site);
    }
    for (int i = 0; i < np; i++) {
      t.popValue();
    }
    for (int rt : in.results()) {
      mv.visitVarInsn(ALOAD, scratch);
      mv.visitInsn(ICONST_0);
      mv.visitInsn(LALOAD);
      t.fromBits(rt);
      if (rt == V128) {
        mv.visitVarInsn(ALOAD, scratch);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(LALOAD);
      }
      t.pushStore(rt);
    }
  }

  /**
   * {@code v128.const} and the bitwise instructions, which work on the two longs as they are:
   * emitted inline (the same results as {@code V128}'s, without the scratch array). Returns false
   * for the others.
   */
  private boolean inline(SimdInstruction in, int[] snippet) {
    int h = t.height();
    int op;
    switch (in) {
      case V128_CONST:
        mv.visitLdcInsn((snippet[1] & U32) | ((long) snippet[2] << 32));
        mv.visitLdcInsn((snippet[3] & U32) | ((long) snippet[4] << 32));
        t.pushStore(V128);
        return true;
      case V128_NOT:
        t.loadLow(h - 1);
        mv.visitLdcInsn(-1L);
        mv.visitInsn(LXOR);
        t.loadHigh(h - 1);
        mv.visitLdcInsn(-1L);
        mv.visitInsn(LXOR);
        t.popValue();
        t.pushStore(V128);
        return true;
      case V128_AND:
      case V128_ANDNOT:
        op = LAND;
        break;
      case V128_OR:
        op = LOR;
        break;
      case V128_XOR:
        op = LXOR;
        break;
      default:
        return false;
    }
    for (boolean high : new boolean[] {false, true}) {
      for (int pos = h - 2; pos < h; pos++) {
        if (high) {
          t.loadHigh(pos);
        } else {
          t.loadLow(pos);
        }
      }
      if (in == SimdInstruction.V128_ANDNOT) {
        mv.visitLdcInsn(-1L);
        mv.visitInsn(LXOR);
      }
      mv.visitInsn(op);
    }
    t.popValue();
    t.popValue();
    t.pushStore(V128);
    return true;
  }

  private static ConstantDynamic constant(int[] snippet) {
    Object[] args = new Object[snippet.length];
    for (int i = 0; i < snippet.length; i++) {
      args[i] = snippet[i];
    }
    return new ConstantDynamic("simd", "[I", SNIPPET, args);
  }
}
