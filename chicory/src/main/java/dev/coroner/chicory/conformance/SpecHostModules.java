package dev.coroner.chicory.conformance;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import java.util.List;

/**
 * The host modules fixtures and kit cases import from, in Chicory ({@code wat/README.md}, {@code
 * docs/kit.md}): {@code spectest} (functions that do nothing, globals of 666, a table and a
 * memory) and {@code coroner.call_table}, which calls an element of the calling instance's table 0
 * so that a host frame stands between two WebAssembly frames.
 */
public final class SpecHostModules {

  private SpecHostModules() {}

  /** Adds both host modules to {@code store}. */
  public static void addTo(Store store) {
    store.addFunction(
        print("print", List.of()),
        print("print_i32", List.of(ValType.I32)),
        print("print_i64", List.of(ValType.I64)),
        print("print_f32", List.of(ValType.F32)),
        print("print_f64", List.of(ValType.F64)),
        print("print_i32_f32", List.of(ValType.I32, ValType.F32)),
        print("print_f64_f64", List.of(ValType.F64, ValType.F64)));
    store.addGlobal(
        new ImportGlobal("spectest", "global_i32", new GlobalInstance(Value.i32(666))),
        new ImportGlobal("spectest", "global_i64", new GlobalInstance(Value.i64(666))),
        new ImportGlobal("spectest", "global_f32",
            new GlobalInstance(Value.f32(Float.floatToRawIntBits(666.6f)))),
        new ImportGlobal("spectest", "global_f64",
            new GlobalInstance(Value.f64(Double.doubleToRawLongBits(666.6)))));
    store.addTable(
        new ImportTable("spectest", "table",
            new TableInstance(
                new Table(ValType.FuncRef, new TableLimits(10, 20)), Value.REF_NULL_VALUE)));
    store.addMemory(
        new ImportMemory("spectest", "memory", new ByteBufferMemory(new MemoryLimits(1, 2))));
    store.addFunction(
        new HostFunction("coroner", "call_table", FunctionType.of(List.of(ValType.I32), List.of()),
            (caller, args) -> {
              TableInstance table = caller.table(0);
              int i = (int) args[0];
              if (i < 0 || i >= table.size()) {
                throw new ChicoryException("undefined element");
              }
              int funcId = table.requiredRef(i);
              Instance target = table.instance(i) == null ? caller : table.instance(i);
              FunctionType type = target.type(target.functionType(funcId));
              if (!type.params().isEmpty() || !type.returns().isEmpty()) {
                throw new ChicoryException("indirect call type mismatch");
              }
              target.getMachine().call(funcId, new long[0]);
              return null;
            }));
  }

  private static HostFunction print(String name, List<ValType> params) {
    return new HostFunction("spectest", name, FunctionType.of(params, List.of()),
        (instance, args) -> null);
  }
}
