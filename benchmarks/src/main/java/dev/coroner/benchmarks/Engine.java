package dev.coroner.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.wasm.Parser;
import dev.coroner.interpreter.FunctionInstance;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.WasmModule;

/** An interpreter instantiated with one workload, ready to run it. */
public interface Engine {

  /** Runs the workload once and returns the raw result bits. */
  long run();

  /** Coroner's interpreter, with coredump capture on or off. */
  static Engine coroner(Workload w, boolean capture) {
    return coroner(w, capture, StoreConfig.INTERPRETER);
  }

  /** Coroner on {@code engine} ("interpreter" or "compiled"), with capture on or off. */
  static Engine coroner(Workload w, boolean capture, String engine) {
    StoreConfig config = StoreConfig.defaults().withEngine(engine);
    if (capture) {
      config = config.withCapture("benchmark");
    }
    Store store = new Store(config);
    FunctionInstance f = store.instantiate(WasmModule.parse(w.wasm())).function(w.export());
    long arg = w.argument();
    return () -> f.call(arg)[0];
  }

  /** Chicory 1.7.5's interpreter (its default machine), the comparison peer. */
  static Engine chicory(Workload w) {
    ExportFunction f =
        com.dylibso.chicory.runtime.Instance.builder(Parser.parse(w.wasm())).build()
            .export(w.export());
    long arg = w.argument();
    return () -> f.apply(arg)[0];
  }

  /** Chicory 1.7.5's compiler to JVM bytecode ({@code com.dylibso.chicory:compiler}). */
  static Engine chicoryCompiler(Workload w) {
    ExportFunction f =
        com.dylibso.chicory.runtime.Instance.builder(Parser.parse(w.wasm()))
            .withMachineFactory(MachineFactoryCompiler::compile)
            .build()
            .export(w.export());
    long arg = w.argument();
    return () -> f.apply(arg)[0];
  }
}
