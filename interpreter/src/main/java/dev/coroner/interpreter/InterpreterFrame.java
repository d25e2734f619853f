package dev.coroner.interpreter;

import dev.coroner.coredump.BinaryReader;
import dev.coroner.interpreter.model.ValType;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The interpreter's {@link FrameView}: a frame's function, its frame base and stack end in the
 * machine's value stack, and the index of its current instruction in the pre-decoded code.
 *
 * <p>Operand types are not tracked at run time; they are recomputed on first use by re-validating
 * the function body up to the frame's instruction, and shared through {@link OperandTypes} by the
 * frames of one snapshot (a deep recursion repeats the same function and offset many times).
 */
final class InterpreterFrame implements FrameView {
  private final FunctionInstance fn;
  private final long[] st;
  private final int fp;
  private final int pc;
  private final int end;
  private final OperandTypes types;
  private int[] operandTypes;

  /**
   * @param pc the index in {@code fn}'s pre-decoded code of the frame's current instruction
   * @param end the value-stack index just past the frame's operands
   */
  InterpreterFrame(FunctionInstance fn, long[] st, int fp, int pc, int end, OperandTypes types) {
    this.fn = fn;
    this.st = st;
    this.fp = fp;
    this.pc = pc;
    this.end = end;
    this.types = types;
  }

  @Override
  public Instance instance() {
    return fn.instance;
  }

  @Override
  public int functionIndex() {
    return fn.index;
  }

  @Override
  public int codeOffset() {
    return fn.code.codeOffset(pc);
  }

  @Override
  public int localCount() {
    return fn.code.localTypes.length;
  }

  @Override
  public int localType(int index) {
    return fn.code.localTypes[checkIndex(index, localCount())] & 0xFF;
  }

  @Override
  public long local(int index) {
    return st[fp + fn.code.localSlot(checkIndex(index, localCount()))];
  }

  @Override
  public long localHigh(int index) {
    return localType(index) == ValType.V128 ? st[fp + fn.code.localSlot(index) + 1] : 0;
  }

  /** Slots of the operand stack. */
  private int operandSlots() {
    return Math.max(end - fp - fn.code.localCount(), 0);
  }

  @Override
  public int stackHeight() {
    int slots = operandSlots();
    if (!fn.code.usesV128) {
      return slots;
    }
    // A v128 operand takes two slots: count values by their types.
    int[] types = operandTypes();
    int n = 0;
    for (int used = 0; used < slots; n++) {
      used += n < types.length ? Slots.width(types[n]) : 1;
    }
    return n;
  }

  @Override
  public int operandType(int index) {
    checkIndex(index, stackHeight());
    int[] types = operandTypes();
    return index < types.length ? types[index] : ValType.UNKNOWN;
  }

  private int[] operandTypes() {
    if (operandTypes == null) {
      operandTypes = types.at(fn, codeOffset());
    }
    return operandTypes;
  }

  /** The first slot of operand {@code index}, from the frame base. */
  private int operandSlot(int index) {
    checkIndex(index, stackHeight());
    int slot = fn.code.localCount();
    if (!fn.code.usesV128) {
      return slot + index;
    }
    int[] types = operandTypes();
    for (int i = 0; i < index; i++) {
      slot += i < types.length ? Slots.width(types[i]) : 1;
    }
    return slot;
  }

  @Override
  public long operand(int index) {
    return st[fp + operandSlot(index)];
  }

  @Override
  public long operandHigh(int index) {
    return operandType(index) == ValType.V128 ? st[fp + operandSlot(index) + 1] : 0;
  }

  private static int checkIndex(int index, int size) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of " + size);
    }
    return index;
  }

  @Override
  public String toString() {
    return "function " + fn.index + " of " + fn.instance.displayName() + " at code offset 0x"
        + Integer.toHexString(codeOffset());
  }

  /** Operand types by function and code offset, computed once per snapshot. */
  static final class OperandTypes {
    private final Map<CompiledFunction, Map<Integer, int[]>> cache = new IdentityHashMap<>();

    int[] at(FunctionInstance f, int codeOffset) {
      CompiledFunction cf = f.code;
      return cache.computeIfAbsent(cf, k -> new HashMap<>()).computeIfAbsent(codeOffset, off -> {
        WasmModule module = f.instance.module;
        BinaryReader<MalformedException> r = ModuleErrors.reader(module.bytes);
        r.skip(cf.instrStart, "module");
        BinaryReader<MalformedException> body =
            r.slice(cf.bodyEnd - cf.instrStart, cf.instrStart, "function body");
        return FunctionCompiler.operandTypesAt(module.context(), body, cf, off);
      });
    }
  }
}
