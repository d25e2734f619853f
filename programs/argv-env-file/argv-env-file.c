// build: -O2
// A unit converter: argv[1] names a quantity, the environment variable SCALE
// gives a divisor, and the conversion table is read from /data/units.txt (a
// preopened folder). With the quantity "min" (whose value is INT_MIN in the
// file) and SCALE=-1 the signed division overflows: "integer overflow".
// Any other combination runs to completion.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct unit {
  char name[16];
  int value;
};

static int read_units(const char *path, struct unit *units, int max) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    fprintf(stderr, "%s: %s\n", path, strerror(errno));
    exit(2);
  }
  int n = 0;
  while (n < max && fscanf(f, "%15s %d", units[n].name, &units[n].value) == 2) {
    n++;
  }
  fclose(f);
  return n;
}

static inline int scaled(const struct unit *u, int scale) {
  return u->value / scale;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s QUANTITY\n", argv[0]);
    return 64;
  }
  const char *scale_text = getenv("SCALE");
  int scale = scale_text ? atoi(scale_text) : 1;
  struct unit units[8];
  int n = read_units("/data/units.txt", units, 8);
  printf("%d units, scale %d\n", n, scale);
  fflush(stdout);
  for (int i = 0; i < n; i++) {
    if (strcmp(units[i].name, argv[1]) == 0) {
      printf("%s = %d\n", units[i].name, scaled(&units[i], scale));
      return 0;
    }
  }
  fprintf(stderr, "no unit %s\n", argv[1]);
  return 3;
}
