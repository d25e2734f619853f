// -gline-tables-only at -O2: subprograms carry only names, inlined frames are
// still described. A division by zero traps inside an inlined helper.
#include <stdio.h>
#include <stdlib.h>

static inline int ratio(int a, int b) { return a / b; }

static inline int average(const int *v, int n) {
  int s = 0;
  for (int i = 0; i < n; i++) {
    s += v[i];
  }
  return ratio(s, n);
}

int main(int argc, char **argv) {
  int v[8];
  int n = argc > 1 ? atoi(argv[1]) : 0;
  for (int i = 0; i < 8; i++) {
    v[i] = i * argc;
  }
  printf("%d\n", average(v, n));
  return 0;
}
