// build: -O1 -gdwarf-4
// A tiny configuration parser. An unknown directive is "impossible" by the
// author's reckoning, so it reports it on stderr and calls abort().
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { SET, UNSET, INCLUDE };

struct directive {
  enum kind kind;
  const char *key;
  const char *value;
};

static const char *const config[] = {
    "set color=blue",
    "set width=80",
    "unset color",
    "incude extra.conf", // the typo that brings it down
    "set height=24",
};

static struct directive parse_line(char *line) {
  struct directive d = {0};
  char *word = strtok(line, " ");
  char *rest = strtok(NULL, "");
  if (strcmp(word, "set") == 0) {
    d.kind = SET;
    d.key = strtok(rest, "=");
    d.value = strtok(NULL, "");
  } else if (strcmp(word, "unset") == 0) {
    d.kind = UNSET;
    d.key = rest;
  } else if (strcmp(word, "include") == 0) {
    d.kind = INCLUDE;
    d.value = rest;
  } else {
    fprintf(stderr, "config: unknown directive '%s'\n", word);
    abort();
  }
  return d;
}

int main(void) {
  int applied = 0;
  for (size_t i = 0; i < sizeof config / sizeof config[0]; i++) {
    char *copy = strdup(config[i]);
    struct directive d = parse_line(copy);
    printf("line %zu: kind %d key %s\n", i + 1, d.kind, d.key ? d.key : "-");
    fflush(stdout);
    applied++;
  }
  printf("%d directives\n", applied);
  return 0;
}
