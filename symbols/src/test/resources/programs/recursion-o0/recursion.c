// Runaway recursion at -O0: depth() uses its frame after the call, so it is
// real recursion; linked with --stack-first it traps when the shadow stack
// passes address 0.
#include <stdio.h>

struct frame {
  int values[16];
};

static int depth(int n, int limit) {
  struct frame f;
  for (int i = 0; i < 16; i++) {
    f.values[i] = n + i;
  }
  if (n == limit) {
    return f.values[3];
  }
  int below = depth(n + 1, limit);
  return below + f.values[n % 16];
}

int main(int argc, char **argv) {
  (void)argv;
  int limit = argc > 1 ? 1 << 30 : 100;
  printf("%d\n", depth(0, limit));
  return 0;
}
