package dev.coroner.interpreter;

import static org.objectweb.asm.Opcodes.*;

import dev.coroner.interpreter.model.FuncType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Translates a module's functions into one hidden class of this package (so that its code reads
 * the instance's memory, globals and tables directly): a static method {@code f<i>} per function
 * ({@link FunctionTranslator}) and an invoker {@code i<i>} that unpacks raw-bit arguments for
 * calls from the interpreter and from outside.
 *
 * <p>A function is left to the interpreter when it cannot be translated ({@link
 * FunctionTranslator.Unsupported}) or the JVM would refuse its method (more than 64 KiB of
 * bytecode, too many locals): first each function is translated alone, then the class is built
 * from those that passed, and a method still too large in the class is dropped and the class
 * built again.
 */
final class ModuleTranslator {
  private static final String CLASS = "dev/coroner/interpreter/CompiledWasm";

  private final WasmModule module;
  private final boolean[] compiled;

  private ModuleTranslator(WasmModule module, boolean[] compiled) {
    this.module = module;
    this.compiled = compiled;
  }

  static String methodName(int f) {
    return "f" + f;
  }

  static String dispatcherName(int d) {
    return "d" + d;
  }

  /** The most functions a call_indirect dispatcher switches over (its method stays small). */
  private static final int MAX_DISPATCH = 512;

  /** call_indirect dispatchers requested by the translated functions, by function type. */
  private final Map<FuncType, Integer> dispatchers = new LinkedHashMap<>();
  private final List<int[]> dispatchTargets = new ArrayList<>();
  private final List<Integer> dispatchMaxHeight = new ArrayList<>();

  /**
   * The number of the dispatcher for {@code call_indirect} of type {@code t}: a method that
   * switches over this class's compiled functions of that type and calls the target directly;
   * -1 if there is none to switch over (or too many).
   */
  int dispatcher(FuncType t) {
    Integer d = dispatchers.get(t);
    if (d != null) {
      return d;
    }
    List<Integer> targets = new ArrayList<>();
    int maxHeight = 0;
    for (int f = module.importedFuncs; f < module.funcTypes.length; f++) {
      if (compiled[f] && module.functionType(f).equals(t)) {
        targets.add(f);
        maxHeight = Math.max(maxHeight, module.compiled(f).maxHeight);
      }
    }
    int number = targets.isEmpty() || targets.size() > MAX_DISPATCH ? -1 : dispatchTargets.size();
    if (number >= 0) {
      dispatchTargets.add(targets.stream().mapToInt(Integer::intValue).toArray());
      dispatchMaxHeight.add(maxHeight);
    }
    dispatchers.put(t, number);
    return number;
  }

  /** The largest value-stack height of dispatcher {@code d}'s targets. */
  int dispatcherMaxHeight(int d) {
    return dispatchMaxHeight.get(d);
  }

  /** Writes the dispatchers the translated functions asked for. */
  private void dispatchers(ClassWriter cw) {
    for (Map.Entry<FuncType, Integer> e : dispatchers.entrySet()) {
      if (e.getValue() >= 0) {
        dispatcher(cw, e.getKey(), e.getValue());
      }
    }
  }

  /**
   * {@code static R d<d>(Instance, int target, int depth, int fp, int depthLimit, int slotLimit,
   * params...)}: {@code switch (target)} over the targets, each a direct call.
   */
  private void dispatcher(ClassWriter cw, FuncType t, int d) {
    int[] targets = dispatchTargets.get(d);
    String desc = FunctionTranslator.descriptor(t);
    MethodVisitor mv = cw.visitMethod(ACC_STATIC, dispatcherName(d),
        FunctionTranslator.dispatcherDescriptor(t), null, null);
    mv.visitCode();
    Label[] cases = new Label[targets.length];
    for (int i = 0; i < cases.length; i++) {
      cases[i] = new Label();
    }
    Label bad = new Label();
    mv.visitVarInsn(ILOAD, 1);
    mv.visitLookupSwitchInsn(bad, targets, cases);
    Type[] args = Type.getArgumentTypes(desc);
    Type ret = Type.getReturnType(desc);
    for (int i = 0; i < targets.length; i++) {
      mv.visitLabel(cases[i]);
      mv.visitVarInsn(ALOAD, 0);
      int local = 2;
      for (int a = 1; a < args.length; a++) {
        mv.visitVarInsn(args[a].getOpcode(ILOAD), local);
        local += args[a].getSize();
      }
      mv.visitMethodInsn(INVOKESTATIC, CLASS, methodName(targets[i]), desc, false);
      mv.visitInsn(ret.getOpcode(IRETURN));
    }
    mv.visitLabel(bad);
    mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
    mv.visitInsn(DUP);
    mv.visitLdcInsn("call_indirect dispatcher " + d + ": not a target");
    mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>",
        "(Ljava/lang/String;)V", false);
    mv.visitInsn(ATHROW);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  String className() {
    return CLASS;
  }

  boolean isCompiled(int f) {
    return f >= module.importedFuncs && compiled[f];
  }

  /** Translates {@code module}; functions it cannot translate have no code in the result. */
  static ModuleCode translate(WasmModule module) {
    int n = module.funcTypes.length;
    boolean[] ok = new boolean[n];
    for (int f = module.importedFuncs; f < n; f++) {
      ok[f] = true;
    }
    boolean[] alone = ok.clone();
    for (int f = module.importedFuncs; f < n; f++) {
      ModuleTranslator t = new ModuleTranslator(module, alone);
      try {
        ClassWriter cw = t.newClass();
        t.function(cw, f);
        cw.visitEnd();
        cw.toByteArray();
      } catch (FunctionTranslator.Unsupported e) {
        ok[f] = false;
        TierStats.interpreted(e.getMessage());
      } catch (MethodTooLargeException e) {
        ok[f] = false;
        TierStats.interpreted("method too large");
      }
    }
    while (true) {
      ModuleTranslator t = new ModuleTranslator(module, ok.clone());
      FunctionMeta[] metas = new FunctionMeta[n];
      ClassWriter cw = t.newClass();
      for (int f = module.importedFuncs; f < n; f++) {
        if (ok[f]) {
          metas[f] = new FunctionMeta(module.compiled(f), t.function(cw, f));
          t.invoker(cw, f);
        }
      }
      t.dispatchers(cw);
      cw.visitEnd();
      byte[] bytes;
      try {
        bytes = cw.toByteArray();
      } catch (MethodTooLargeException e) {
        ok[Integer.parseInt(e.getMethodName().substring(1))] = false;
        TierStats.interpreted("method too large");
        continue;
      }
      try {
        ModuleCode code = t.define(bytes, metas);
        TierStats.compiled(code.compiledCount());
        return code;
      } catch (VerifyError e) {
        // A translation the JVM rejects is a bug of this translator: with the property
        // coroner.compiler.strict (set in this project's tests) it is an error; otherwise the
        // functions whose methods the JVM rejects on their own run in the interpreter.
        if (Boolean.getBoolean(STRICT)) {
          throw e;
        }
        boolean dropped = false;
        for (int f = module.importedFuncs; f < n; f++) {
          if (ok[f] && !t.verifiesAlone(f, alone)) {
            ok[f] = false;
            TierStats.interpreted("rejected by the JVM's verifier");
            dropped = true;
          }
        }
        if (!dropped) {
          throw e;
        }
      }
    }
  }

  /** The system property that makes a translation the JVM rejects an error (for tests). */
  static final String STRICT = "coroner.compiler.strict";

  /** Whether function {@code f}'s method, alone in a class, passes the JVM's verifier. */
  private boolean verifiesAlone(int f, boolean[] assumed) {
    ModuleTranslator t = new ModuleTranslator(module, assumed);
    ClassWriter cw = t.newClass();
    t.function(cw, f);
    cw.visitEnd();
    try {
      MethodHandles.lookup().defineHiddenClass(cw.toByteArray(), false);
      return true;
    } catch (VerifyError e) {
      return false;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private ClassWriter newClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected String getCommonSuperClass(String a, String b) {
        return "java/lang/Object";
      }
    };
    cw.visit(V17, ACC_FINAL | ACC_SUPER, CLASS, null, "java/lang/Object", null);
    return cw;
  }

  private List<Site> function(ClassWriter cw, int f) {
    CompiledFunction cf = module.compiled(f);
    MethodVisitor mv = cw.visitMethod(ACC_STATIC, methodName(f),
        FunctionTranslator.descriptor(cf.type), null, null);
    return new FunctionTranslator(this, module, cf, mv).translate();
  }

  /**
   * {@code static long[] i<f>(Instance, int depth, int fp, int depthLimit, int slotLimit, long[]
   * args)}: arguments and results in the value stack's slot layout (a v128 takes two).
   */
  private void invoker(ClassWriter cw, int f) {
    FuncType t = module.functionType(f);
    MethodVisitor mv = cw.visitMethod(ACC_STATIC, "i" + f,
        "(L" + FunctionTranslator.INSTANCE + ";IIII[J)[J", null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, 0);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitVarInsn(ILOAD, 2);
    mv.visitVarInsn(ILOAD, 3);
    mv.visitVarInsn(ILOAD, 4);
    int slot = 0;
    for (int i = 0; i < t.paramCount(); i++) {
      mv.visitVarInsn(ALOAD, 5);
      mv.visitLdcInsn(slot++);
      mv.visitInsn(LALOAD);
      FunctionTranslator.fromBits(mv, t.param(i));
      if (FunctionTranslator.kind(t.param(i)) == 4) {
        // a v128: its high long from the next slot
        mv.visitVarInsn(ALOAD, 5);
        mv.visitLdcInsn(slot++);
        mv.visitInsn(LALOAD);
      }
    }
    mv.visitMethodInsn(INVOKESTATIC, CLASS, methodName(f), FunctionTranslator.descriptor(t),
        false);
    int nr = t.resultCount();
    if (nr == 0) {
      mv.visitLdcInsn(0);
      mv.visitIntInsn(NEWARRAY, T_LONG);
    } else if (!FunctionTranslator.returnsArray(t)) {
      FunctionTranslator.toBits(mv, t.result(0));
      mv.visitVarInsn(LSTORE, 6);
      mv.visitLdcInsn(1);
      mv.visitIntInsn(NEWARRAY, T_LONG);
      mv.visitInsn(DUP);
      mv.visitLdcInsn(0);
      mv.visitVarInsn(LLOAD, 6);
      mv.visitInsn(LASTORE);
    }
    mv.visitInsn(ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private ModuleCode define(byte[] bytes, FunctionMeta[] metas) {
    try {
      MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
      MethodHandle[] invokers = new MethodHandle[metas.length];
      MethodType mt = MethodType.methodType(
          long[].class, Instance.class, int.class, int.class, int.class, int.class, long[].class);
      for (int f = 0; f < metas.length; f++) {
        if (metas[f] != null) {
          invokers[f] = hidden.findStatic(hidden.lookupClass(), "i" + f, mt);
        }
      }
      return new ModuleCode(metas, invokers);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("compiled module class: " + e, e);
    }
  }
}
