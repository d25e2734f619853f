// qsort with a comparator that crashes on a poisoned key, so that libc's
// qsort frames sit between the user frames.
#include <stdlib.h>

#include "list.h"

static int poisoned(int key) { return key == 13; }

static int compare_keys(const void *a, const void *b) {
  int x = *(const int *)a;
  int y = *(const int *)b;
  if (poisoned(x) || poisoned(y)) {
    __builtin_trap();
  }
  return (x > y) - (x < y);
}

void sort_keys(int *keys, int count) { qsort(keys, (size_t)count, sizeof *keys, compare_keys); }
