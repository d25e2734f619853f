package dev.coroner.harness.v8;

import dev.coroner.symbols.DwarfException;
import dev.coroner.symbols.Symbolizer;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where a frame is in its module file, for both engines' terms: a coredump's code offset counts
 * from the byte after the function body's size, V8's from the start of the module. The function
 * bodies are found by the {@code symbols} module's {@link Symbolizer} (checked against
 * llvm-symbolizer on every instruction), not by the interpreter whose dumps are being checked, so
 * a wrong body start in the interpreter cannot cancel itself out here.
 */
final class ModulePlaces {

  private final Map<ByteBuffer, Symbolizer> modules = new HashMap<>();

  /** The module offset of code offset {@code codeOffset} of function {@code function}, or empty. */
  OptionalLong moduleOffset(byte[] module, int function, int codeOffset) {
    try {
      return symbolizer(module).moduleOffset(function, codeOffset);
    } catch (DwarfException e) {
      return OptionalLong.empty();
    }
  }

  /** The code offset of module offset {@code moduleOffset} in function {@code function}, or empty. */
  OptionalLong codeOffset(byte[] module, int function, long moduleOffset) {
    try {
      Symbolizer s = symbolizer(module);
      OptionalLong start = s.bodyStart(function);
      OptionalLong size = s.bodySize(function);
      if (start.isEmpty() || size.isEmpty()) {
        return OptionalLong.empty();
      }
      long offset = moduleOffset - start.getAsLong();
      return offset >= 0 && offset < size.getAsLong() ? OptionalLong.of(offset) : OptionalLong.empty();
    } catch (DwarfException e) {
      return OptionalLong.empty();
    }
  }

  private Symbolizer symbolizer(byte[] module) {
    return modules.computeIfAbsent(ByteBuffer.wrap(module), k -> Symbolizer.of(module));
  }
}
