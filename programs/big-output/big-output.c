// build: -O2
// Writes exactly 1 MiB (1,048,576 bytes) to standard output: 16,384 lines
// of 64 bytes, then exits normally.
#include <stdio.h>

int main(void) {
  unsigned x = 12345;
  for (int i = 0; i < 16384; i++) {
    x = x * 1103515245u + 12345u;
    // 6 + 1 + 8 + 1 + 47 + 1 = 64 bytes per line
    printf("%06d %08x %-47s\n", i, x, "the quick brown fox jumps over the lazy dog");
  }
  return 0;
}
