package dev.coroner.wasi;

import com.dylibso.chicory.wasi.WasiPreview1;
import dev.coroner.interpreter.model.FuncType;

/**
 * One function of {@code wasi_snapshot_preview1}: its name, its WebAssembly type and how its
 * arguments map onto the {@link WasiPreview1} method that implements it.
 *
 * @param name the import field name, for instance {@code fd_write}
 * @param type the function's type
 * @param call calls Chicory's implementation
 */
record WasiFunction(String name, FuncType type, Call call) {

  /** Calls Chicory's method for this function with the guest's raw arguments. */
  @FunctionalInterface
  interface Call {
    /**
     * @param wasi Chicory's implementation
     * @param memory the caller's memory
     * @param args raw argument bits, as the interpreter passes them
     * @return the WASI errno (0 for success); functions without a result return 0
     */
    int call(WasiPreview1 wasi, GuestMemory memory, long[] args);
  }
}
