// build: -O2
// Sorts employee records by name with the C library's qsort. One record
// was "deleted" by setting its name to a sentinel pointer, and the deletion
// filter was forgotten; the comparator hands the sentinel to strcmp, which
// reads far outside memory. The trap sits in strcmp, called from the
// comparator, called from qsort's internals, called from main: libc frames
// between user frames.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DELETED ((char *)0xFFFFFFF0u)

struct employee {
  char *name;
  int id;
  int salary;
};

static int by_name(const void *a, const void *b) {
  const struct employee *x = a;
  const struct employee *y = b;
  return strcmp(x->name, y->name);
}

static struct employee *load(int *count) {
  static const char *const names[] = {"mallory", "alice", "trent", "bob", "carol",
                                      "dave", "eve", "peggy", "victor", "walter"};
  int n = sizeof names / sizeof names[0];
  struct employee *staff = calloc(n, sizeof *staff);
  for (int i = 0; i < n; i++) {
    staff[i].name = strdup(names[i]);
    staff[i].id = 100 + i;
    staff[i].salary = 1000 * (i + 3);
  }
  free(staff[6].name); // eve left the company
  staff[6].name = DELETED;
  *count = n;
  return staff;
}

int main(void) {
  int n;
  struct employee *staff = load(&n);
  printf("sorting %d records\n", n);
  fflush(stdout);
  qsort(staff, n, sizeof *staff, by_name);
  for (int i = 0; i < n; i++) {
    printf("%d %s\n", staff[i].id, staff[i].name);
  }
  return 0;
}
