package dev.coroner.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import dev.coroner.interpreter.Instance;
import dev.coroner.interpreter.MemoryInstance;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.ValType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every function of Chicory's {@code WasiPreview1} is bound, with Chicory's own name and type, and
 * reachable from WebAssembly; called with the same arguments, Coroner's binding and Chicory's own
 * runtime give the same errno and leave the same bytes in memory.
 */
class WasiBindingTest {

  /** Chicory declares these but throws "We don't yet support this WASI call". */
  private static final Set<String> UNSUPPORTED = Set.of("adapter_close_badfd",
      "adapter_open_badfd", "proc_raise", "sock_accept", "sock_recv", "sock_send");

  private static WasiPreview1 chicoryWasi() {
    return WasiPreview1.builder().withLogger(Wasi.SilentLogger.INSTANCE).withOptions(options())
        .build();
  }

  private static WasiOptions options() {
    return WasiOptions.builder()
        .withArguments(List.of("probe.wasm", "one", "two"))
        .withEnvironment("HOME", "/nowhere")
        .withStdin(new ByteArrayInputStream(new byte[0]), false)
        .withStdout(new ByteArrayOutputStream(), false)
        .withStderr(new ByteArrayOutputStream(), false)
        .withClock(ProgramRunner.CLOCK)
        .build();
  }

  @Test
  void bindingListsChicorysGeneratedFunctionsWithTheirTypes() {
    List<String> chicory = new ArrayList<>();
    for (HostFunction f : chicoryWasi().toHostFunctions()) {
      assertEquals(Wasi.MODULE, f.module());
      chicory.add(f.name() + " " + FuncType.of(codes(f.functionType().params()),
          codes(f.functionType().returns())));
    }
    List<String> ours = new ArrayList<>();
    for (WasiFunction f : WasiFunctions.all()) {
      ours.add(f.name() + " " + f.type());
    }
    assertEquals(chicory, ours);
    assertEquals(48, ours.size());
  }

  private static int[] codes(List<com.dylibso.chicory.wasm.types.ValType> types) {
    return types.stream().mapToInt(com.dylibso.chicory.wasm.types.ValType::opcode).toArray();
  }

  @Test
  void everyFunctionIsReachableAndAgreesWithChicorysOwnRuntime() {
    byte[] probe = Wat2Wasm.parse(probeModule());
    WasmModule module = WasmModule.parse(probe);
    int reached = 0;
    for (WasiFunction f : WasiFunctions.all()) {
      long[] args = new long[f.type().paramCount()];
      // Coroner with the adapter.
      Store store = new Store();
      Wasi wasi = Wasi.create(options());
      wasi.register(store);
      Instance coroner = store.instantiate(module, "probe");
      // Chicory's runtime with Chicory's own WASI, on the same module.
      com.dylibso.chicory.runtime.Instance chicory =
          com.dylibso.chicory.runtime.Instance.builder(Parser.parse(probe))
              .withImportValues(
                  ImportValues.builder().addFunction(chicoryWasi().toHostFunctions()).build())
              .build();
      String export = "call_" + f.name();
      if (f.name().equals("proc_exit")) {
        ProgramExit exit = assertThrows(ProgramExit.class, () -> coroner.invoke(export, args));
        WasiExitException theirs = assertThrows(WasiExitException.class,
            () -> chicory.export(export).apply(args));
        assertEquals(theirs.exitCode(), exit.exitCode());
        reached++;
        continue;
      }
      long ours = coroner.invoke(export, args)[0];
      if (UNSUPPORTED.contains(f.name())) {
        assertEquals(Wasi.ENOSYS, ours, f.name());
        RuntimeException e = assertThrows(RuntimeException.class,
            () -> chicory.export(export).apply(args), f.name());
        assertTrue(e.getMessage().startsWith("We don't yet support this WASI call"),
            f.name() + ": Chicory now implements it; bind it instead of returning ENOSYS");
      } else {
        long theirs = chicory.export(export).apply(args)[0];
        assertEquals(theirs, ours, f.name() + ": errno");
        assertArrayEquals(chicory.memory().readBytes(0, 64), firstBytes(coroner.memory(0), 64),
            f.name() + ": memory written");
      }
      reached++;
    }
    assertEquals(48, reached);
  }

  private static byte[] firstBytes(MemoryInstance memory, int n) {
    byte[] out = new byte[n];
    memory.read(0, out, 0, n);
    return out;
  }

  /** A module importing every WASI function and exporting call_NAME that forwards to it. */
  private static String probeModule() {
    StringBuilder imports = new StringBuilder();
    StringBuilder exports = new StringBuilder();
    for (WasiFunction f : WasiFunctions.all()) {
      String sig = signature(f.type());
      imports.append("  (import \"").append(Wasi.MODULE).append("\" \"").append(f.name())
          .append("\" (func $").append(f.name()).append(sig).append("))\n");
      exports.append("  (func (export \"call_").append(f.name()).append("\")").append(sig);
      for (int i = 0; i < f.type().paramCount(); i++) {
        exports.append(" local.get ").append(i);
      }
      exports.append(" call $").append(f.name()).append(")\n");
    }
    return "(module\n" + imports + "  (memory (export \"memory\") 1)\n" + exports + ")";
  }

  private static String signature(FuncType t) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < t.paramCount(); i++) {
      s.append(" (param ").append(ValType.name(t.param(i))).append(')');
    }
    for (int i = 0; i < t.resultCount(); i++) {
      s.append(" (result ").append(ValType.name(t.result(i))).append(')');
    }
    return s.toString();
  }
}
