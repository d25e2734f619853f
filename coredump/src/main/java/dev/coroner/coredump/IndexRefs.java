package dev.coroner.coredump;

import java.util.Arrays;

/**
 * Indices seen while decoding that can only be checked once every section has been read (the spec
 * lets custom sections come in any order). Kept as parallel primitive arrays.
 */
final class IndexRefs {

  enum Space {
    MODULE("module", "modules"),
    INSTANCE("instance", "instances"),
    MEMORY("memory", "memories"),
    GLOBAL("global", "globals");

    final String label;
    final String plural;

    Space(String label, String plural) {
      this.label = label;
      this.plural = plural;
    }
  }

  private byte[] spaces = new byte[16];
  private int[] values = new int[16];
  private int[] offsets = new int[16];
  private int size;

  void add(Space space, int value, int offset) {
    if (size == values.length) {
      spaces = Arrays.copyOf(spaces, size * 2);
      values = Arrays.copyOf(values, size * 2);
      offsets = Arrays.copyOf(offsets, size * 2);
    }
    spaces[size] = (byte) space.ordinal();
    values[size] = value;
    offsets[size] = offset;
    size++;
  }

  /**
   * Checks every reference in file order; {@code counts[space.ordinal()]} is the size of that
   * index space, or -1 to skip the space (its section is absent).
   */
  void check(int[] counts) throws CoreDumpFormatException {
    Space[] all = Space.values();
    for (int i = 0; i < size; i++) {
      int count = counts[spaces[i]];
      if (count >= 0 && Integer.compareUnsigned(values[i], count) >= 0) {
        throw CoreDumpFormatException.indexOutOfRange(
            offsets[i], all[spaces[i]].label, all[spaces[i]].plural,
            Integer.toUnsignedLong(values[i]), count);
      }
    }
  }
}
