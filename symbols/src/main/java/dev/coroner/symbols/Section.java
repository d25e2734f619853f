package dev.coroner.symbols;

import dev.coroner.coredump.ByteReader;

/**
 * Where one section's contents lie in the module file: {@code [start, end)}, absolute offsets.
 *
 * @param name the custom section's name ({@code .debug_info}...) or a known section's role
 *     ({@code code}, {@code import}, {@code module} for the section headers themselves)
 */
record Section(String name, int start, int end) {

  /** A reader over this section's contents; its offsets are module offsets. */
  ByteReader reader(byte[] module) {
    return new ByteReader(module, start, end, name + " section");
  }

  int size() {
    return end - start;
  }

  /** Whether section offset {@code offset} lies inside the contents. */
  boolean contains(long offset) {
    return offset >= 0 && offset < size();
  }
}
