package dev.coroner.symbols;

import java.util.Arrays;

/** The rows of a line table, one column per register, growing as the program runs. */
final class LineRows {
  long[] address = new long[64];
  int[] line = new int[64];
  short[] column = new short[64];
  short[] file = new short[64];
  int[] discriminator = new int[64];
  int size;

  void add(long a, int l, short c, short f, int d) {
    if (size == address.length) {
      int n = size * 2;
      address = Arrays.copyOf(address, n);
      line = Arrays.copyOf(line, n);
      column = Arrays.copyOf(column, n);
      file = Arrays.copyOf(file, n);
      discriminator = Arrays.copyOf(discriminator, n);
    }
    address[size] = a;
    line[size] = l;
    column[size] = c;
    file[size] = f;
    discriminator[size] = d;
    size++;
  }
}
