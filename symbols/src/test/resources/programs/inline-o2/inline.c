// Inlining at -O2: sum_first is inlined into main, and a three-deep chain of
// static inline helpers (scale -> weigh -> checked_index) is inlined into
// score. The assert fails when the program gets more than one argument.
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

static int sum_first(const int *v, int n, int count) {
  int s = 0;
  for (int i = 0; i < count; i++) {
    assert(i < n);
    s += v[i];
  }
  return s;
}

static inline int checked_index(int i, int n) {
  if (i < 0 || i >= n) {
    abort();
  }
  return i;
}

static inline int weigh(const int *w, int i, int n) {
  return w[checked_index(i, n)] * 3;
}

static inline int scale(const int *w, int i, int n) {
  return weigh(w, i, n) + weigh(w, i + 1, n);
}

__attribute__((noinline)) int score(const int *w, int n, int k) {
  int total = 0;
  for (int i = 0; i < k; i++) {
    total += scale(w, i, n);
  }
  return total;
}

int main(int argc, char **argv) {
  int v[4] = {1, 2, 3, 4};
  int w[5] = {5, 4, 3, 2, 1};
  int total = sum_first(v, 4, argc + 3);
  total += score(w, 5, argc + 2);
  printf("%d\n", total);
  return 0;
}
