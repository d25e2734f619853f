package dev.coroner.interpreter;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Wast;

/** Test helper: text to binary with Chicory's wabt. */
final class Wat {
  private Wat() {}

  static byte[] bytes(String wat) {
    return Wat2Wasm.parse(wat);
  }

  /**
   * Text to binary through wast2json with the WebAssembly 3.0 features the interpreter implements
   * enabled (tail calls, multiple memories, memory64, extended constant expressions).
   */
  static byte[] bytes3(String wat) {
    try {
      Command c = Wast.convert("test.wast", wat).commands().get(0);
      return ((Command.ModuleCommand) c).module().bytes();
    } catch (Exception e) {
      throw new IllegalArgumentException("wast2json rejects the module: " + e.getMessage(), e);
    }
  }

  static WasmModule module(String wat) {
    return WasmModule.parse(bytes(wat));
  }
}
