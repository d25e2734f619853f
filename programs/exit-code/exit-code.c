// build: -O1
// Validates records given on standard input, one "name age" pair per line,
// and exits with the number of invalid lines (no crash: the exit code is the
// outcome).
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  char name[64];
  int age;
  int valid = 0;
  int invalid = 0;
  char line[128];
  while (fgets(line, sizeof line, stdin) != NULL) {
    if (sscanf(line, "%63s %d", name, &age) == 2 && age >= 0 && age < 150) {
      valid++;
    } else {
      invalid++;
      fprintf(stderr, "invalid: %s", line);
    }
  }
  printf("%d valid, %d invalid\n", valid, invalid);
  exit(invalid);
}
