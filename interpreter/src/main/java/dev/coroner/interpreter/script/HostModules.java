package dev.coroner.interpreter.script;

import dev.coroner.interpreter.Extern;
import dev.coroner.interpreter.FunctionInstance;
import dev.coroner.interpreter.HostFunction;
import dev.coroner.interpreter.Instance;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.TableInstance;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.GlobalType;
import dev.coroner.interpreter.model.Limits;
import dev.coroner.interpreter.model.ValType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Host modules for scripts: the spec suite's {@code spectest} and the project's {@code coroner}. */
public final class HostModules {
  private HostModules() {}

  private static final HostFunction NOTHING = (ctx, args) -> new long[0];

  /**
   * The {@code spectest} module: {@code print*} functions (which do nothing), globals {@code
   * global_i32}/{@code global_i64} = 666 and {@code global_f32}/{@code global_f64} = 666.6, a
   * funcref table of 10..20 elements and a memory of 1..2 pages.
   */
  public static Map<String, Extern> spectest(Store store) {
    Map<String, Extern> m = new LinkedHashMap<>();
    int i32 = ValType.I32;
    int i64 = ValType.I64;
    int f32 = ValType.F32;
    int f64 = ValType.F64;
    m.put("print", store.hostFunction(FuncType.of(new int[0], new int[0]), NOTHING));
    m.put("print_i32", store.hostFunction(FuncType.of(new int[] {i32}, new int[0]), NOTHING));
    m.put("print_i64", store.hostFunction(FuncType.of(new int[] {i64}, new int[0]), NOTHING));
    m.put("print_f32", store.hostFunction(FuncType.of(new int[] {f32}, new int[0]), NOTHING));
    m.put("print_f64", store.hostFunction(FuncType.of(new int[] {f64}, new int[0]), NOTHING));
    m.put("print_i32_f32",
        store.hostFunction(FuncType.of(new int[] {i32, f32}, new int[0]), NOTHING));
    m.put("print_f64_f64",
        store.hostFunction(FuncType.of(new int[] {f64, f64}, new int[0]), NOTHING));
    m.put("global_i32", store.newGlobal(new GlobalType(i32, false), 666));
    m.put("global_i64", store.newGlobal(new GlobalType(i64, false), 666));
    m.put("global_f32",
        store.newGlobal(new GlobalType(f32, false), Float.floatToRawIntBits(666.6f) & 0xFFFFFFFFL));
    m.put("global_f64",
        store.newGlobal(new GlobalType(f64, false), Double.doubleToRawLongBits(666.6)));
    m.put("table", store.newTable(ValType.FUNCREF, new Limits(10, 20)));
    m.put("memory", store.newMemory(new Limits(1, 2)));
    return m;
  }

  /**
   * The {@code coroner} module. {@code call_table (param i32)} calls element {@code i} of the
   * calling instance's table 0 with no arguments and no results; it puts a host frame between two
   * WebAssembly frames. It traps as an indirect call does: "undefined element", "uninitialized
   * element" or "indirect call type mismatch".
   */
  public static Map<String, Extern> coroner(Store store) {
    FuncType noArgs = FuncType.of(new int[0], new int[0]);
    FunctionInstance callTable = store.hostFunction(
        FuncType.of(new int[] {ValType.I32}, new int[0]),
        (ctx, args) -> {
          Instance caller = ctx.caller();
          if (caller == null) {
            throw new TrapException(TrapException.UNDEFINED_ELEMENT, "no calling instance");
          }
          TableInstance table = caller.table(0);
          int i = (int) args[0];
          if (Integer.compareUnsigned(i, table.size()) >= 0) {
            throw new TrapException(TrapException.UNDEFINED_ELEMENT, "call_table index " + i);
          }
          long ref = table.get(i);
          if (ref == Store.NULL_REF) {
            throw new TrapException(TrapException.UNINITIALIZED_ELEMENT, "call_table index " + i);
          }
          FunctionInstance f = ctx.store().functionOf(ref);
          if (!f.type().equals(noArgs)) {
            throw new TrapException(TrapException.INDIRECT_CALL_TYPE_MISMATCH,
                "call_table index " + i);
          }
          ctx.invoke(f);
          return new long[0];
        });
    Map<String, Extern> m = new LinkedHashMap<>();
    m.put("call_table", callTable);
    return m;
  }
}
