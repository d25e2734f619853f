package dev.coroner.interpreter;

/** Test helper: finds function bodies and instructions in a module's bytes. */
final class Bodies {
  private Bodies() {}

  /** Absolute offset of the first byte after the size LEB of defined function {@code k}. */
  static int start(byte[] m, int k) {
    int[] pos = {8};
    while (pos[0] < m.length) {
      int id = m[pos[0]++] & 0xFF;
      int size = leb(m, pos);
      int end = pos[0] + size;
      if (id == 10) {
        int count = leb(m, pos);
        for (int i = 0; i < count; i++) {
          int bodySize = leb(m, pos);
          if (i == k) {
            return pos[0];
          }
          pos[0] += bodySize;
        }
      }
      pos[0] = end;
    }
    throw new IllegalArgumentException("no body " + k);
  }

  /** Offset, from the body start, of the {@code skip}-th byte of {@code pattern} in body k. */
  static int offset(byte[] m, int k, int skip, int... pattern) {
    int s = start(m, k);
    outer:
    for (int i = s; i + pattern.length <= m.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if ((m[i + j] & 0xFF) != pattern[j]) {
          continue outer;
        }
      }
      return i + skip - s;
    }
    throw new IllegalArgumentException("pattern not found");
  }

  private static int leb(byte[] m, int[] pos) {
    int result = 0;
    int shift = 0;
    while (true) {
      int b = m[pos[0]++] & 0xFF;
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
    }
  }
}
