package dev.coroner.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes the types of a frame's operand stack at an instruction. Chicory's operand stack holds
 * raw {@code long} slots without types; a coredump needs each value's type (and whether it took
 * one slot or two). Like Coroner's own interpreter, this replays the validation algorithm over the
 * function body up to the instruction, after the trap, so that execution never tracks types.
 *
 * <p>It covers what WebAssembly 2.0 has besides SIMD (numeric, memory, variable, call, table,
 * bulk-memory and reference instructions, multi-value blocks), plus tail calls and {@code
 * try_table}/{@code throw} as control flow. For any other instruction before the frame's position
 * the answer is "unknown", and the dump leaves that frame's operand stack out rather than guess.
 *
 * <p>Written here because Chicory's validator, which computes the same types, is package-private
 * and keeps them private; and Coroner's interpreter's validator reads its own module model, not
 * Chicory's parsed instructions.
 */
final class OperandTypes {

  private final Instance instance;
  private final List<Kind> locals;
  private final List<Kind> vals = new ArrayList<>();
  private final List<Ctrl> ctrls = new ArrayList<>();

  private record Ctrl(int height, List<Kind> params, List<Kind> results) {}

  /** Thrown internally when an instruction is not modelled or the stack does not add up. */
  private static final class Unknown extends Exception {
    private static final long serialVersionUID = 1L;

    Unknown() {
      super(null, null, false, false);
    }
  }

  private OperandTypes(Instance instance, List<Kind> locals) {
    this.instance = instance;
    this.locals = locals;
  }

  /**
   * The kinds on {@code funcId}'s operand stack just before its instruction number {@code index}
   * executes, bottom to top; null if an instruction before it is not modelled.
   */
  static List<Kind> before(Instance instance, int funcId, int index) {
    FunctionType type = instance.type(instance.functionType(funcId));
    FunctionBody body = instance.function(funcId);
    List<Kind> locals = new ArrayList<>(Kind.of(type.params()));
    locals.addAll(Kind.of(body.localTypes()));
    OperandTypes t = new OperandTypes(instance, locals);
    t.ctrls.add(new Ctrl(0, List.of(), Kind.of(type.returns())));
    try {
      t.run(body.instructions(), index);
    } catch (Unknown | RuntimeException e) {
      return null;
    }
    return List.copyOf(t.vals);
  }

  private void run(List<AnnotatedInstruction> code, int stop) throws Unknown {
    int deadNesting = -1; // >= 0: skipping unreachable code, at this block nesting
    for (int i = 0; i < stop; i++) {
      AnnotatedInstruction ins = code.get(i);
      OpCode op = ins.opcode();
      if (deadNesting >= 0) {
        switch (op) {
          case BLOCK:
          case LOOP:
          case IF:
          case TRY_TABLE:
            deadNesting++;
            break;
          case ELSE:
            if (deadNesting == 0) {
              deadNesting = -1;
              elseBranch();
            }
            break;
          case END:
            if (deadNesting == 0) {
              deadNesting = -1;
              end();
            } else {
              deadNesting--;
            }
            break;
          default:
            break;
        }
        continue;
      }
      if (!step(ins, op)) {
        deadNesting = 0;
      }
    }
  }

  /** Applies one instruction; returns false if the code after it is unreachable. */
  private boolean step(AnnotatedInstruction ins, OpCode op) throws Unknown {
    switch (op) {
      case NOP:
      case DATA_DROP:
      case ELEM_DROP:
        return true;
      case UNREACHABLE:
      case RETURN:
      case BR:
      case RETURN_CALL:
      case RETURN_CALL_INDIRECT:
      case RETURN_CALL_REF:
      case THROW:
      case THROW_REF:
        return false;
      case BR_TABLE:
        pop();
        return false;
      case BR_IF:
        pop();
        return true;
      case BLOCK:
      case LOOP:
      case TRY_TABLE:
        enter(ins);
        return true;
      case IF:
        pop();
        enter(ins);
        return true;
      case ELSE:
        elseBranch();
        return true;
      case END:
        end();
        return true;
      case CALL:
        call(instance.type(instance.functionType((int) ins.operand(0))));
        return true;
      case CALL_INDIRECT:
      case CALL_REF:
        pop(); // the table index, or the function reference
        call(instance.type((int) ins.operand(0)));
        return true;
      case DROP:
        pop();
        return true;
      case SELECT:
      case SELECT_T:
        {
          pop();
          Kind k = pop();
          pop();
          vals.add(k);
          return true;
        }
      case LOCAL_GET:
        vals.add(local(ins));
        return true;
      case LOCAL_SET:
        pop();
        return true;
      case LOCAL_TEE:
        pop();
        vals.add(local(ins));
        return true;
      case GLOBAL_GET:
        vals.add(Kind.of(instance.global((int) ins.operand(0)).getType()));
        return true;
      case GLOBAL_SET:
        pop();
        return true;
      case TABLE_GET:
        pop();
        vals.add(Kind.REF);
        return true;
      case TABLE_SET:
        pop(2);
        return true;
      case MEMORY_SIZE:
      case TABLE_SIZE:
        vals.add(Kind.I32);
        return true;
      case MEMORY_GROW:
        pop();
        vals.add(Kind.I32);
        return true;
      case TABLE_GROW:
        pop(2);
        vals.add(Kind.I32);
        return true;
      case MEMORY_INIT:
      case MEMORY_COPY:
      case MEMORY_FILL:
      case TABLE_INIT:
      case TABLE_COPY:
      case TABLE_FILL:
        pop(3);
        return true;
      case REF_NULL:
      case REF_FUNC:
        vals.add(Kind.REF);
        return true;
      case REF_IS_NULL:
        pop();
        vals.add(Kind.I32);
        return true;
      case REF_AS_NON_NULL:
        pop();
        vals.add(Kind.REF);
        return true;
      default:
        NumericEffects.Effect e = NumericEffects.of(op);
        if (e == null) {
          throw new Unknown();
        }
        pop(e.pops().size());
        vals.addAll(e.pushes());
        return true;
    }
  }

  private Kind local(AnnotatedInstruction ins) throws Unknown {
    int index = (int) ins.operand(0);
    if (index < 0 || index >= locals.size()) {
      throw new Unknown();
    }
    return locals.get(index);
  }

  private void call(FunctionType type) throws Unknown {
    pop(type.params().size());
    vals.addAll(Kind.of(type.returns()));
  }

  /** block, loop, if (condition already popped), try_table. */
  private void enter(AnnotatedInstruction ins) throws Unknown {
    long blockType = ins.operand(0);
    List<Kind> params;
    List<Kind> results;
    if (blockType == 0x40) {
      params = List.of();
      results = List.of();
    } else if (ValType.isValid(blockType)) {
      params = List.of();
      results = List.of(Kind.ofOpcode((int) blockType));
    } else {
      FunctionType t = instance.type((int) blockType);
      params = Kind.of(t.params());
      results = Kind.of(t.returns());
    }
    pop(params.size());
    ctrls.add(new Ctrl(vals.size(), params, results));
    vals.addAll(params);
  }

  private void elseBranch() throws Unknown {
    Ctrl c = top();
    truncate(c.height());
    vals.addAll(c.params());
  }

  private void end() throws Unknown {
    Ctrl c = top();
    ctrls.remove(ctrls.size() - 1);
    truncate(c.height());
    vals.addAll(c.results());
  }

  private Ctrl top() throws Unknown {
    if (ctrls.isEmpty()) {
      throw new Unknown();
    }
    return ctrls.get(ctrls.size() - 1);
  }

  private void truncate(int height) throws Unknown {
    if (vals.size() < height) {
      throw new Unknown();
    }
    vals.subList(height, vals.size()).clear();
  }

  private Kind pop() throws Unknown {
    if (vals.size() <= top().height()) {
      throw new Unknown();
    }
    return vals.remove(vals.size() - 1);
  }

  private void pop(int n) throws Unknown {
    for (int i = 0; i < n; i++) {
      pop();
    }
  }
}
