package dev.coroner.chicory;

import com.dylibso.chicory.wabt.Wat2Wasm;

/** Test modules written in the text format, compiled with wabt (Chicory's pure-Java build). */
final class Wat {
  private Wat() {}

  static byte[] compile(String wat) {
    return Wat2Wasm.parse(wat);
  }
}
