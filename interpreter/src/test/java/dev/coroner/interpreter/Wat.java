package dev.coroner.interpreter;

import com.dylibso.chicory.wabt.Wat2Wasm;

/** Test helper: text to binary with Chicory's wabt. */
final class Wat {
  private Wat() {}

  static byte[] bytes(String wat) {
    return Wat2Wasm.parse(wat);
  }

  static WasmModule module(String wat) {
    return WasmModule.parse(bytes(wat));
  }
}
