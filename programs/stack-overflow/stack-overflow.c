// build: -O0 -Wl,--stack-first -Wl,-z,stack-size=65536
// A recursive-descent evaluator for nested expressions. The input nests far
// deeper than the 64 KiB shadow stack allows; each level keeps a 1 KiB token
// buffer on the stack. Linked with --stack-first, the stack sits below the
// data, so running out of it stores below address 0, which wraps around to
// the top of the 32-bit address space: "out of bounds memory access".
#include <stdio.h>
#include <string.h>

struct parser {
  const char *text;
  int pos;
  int depth;
  int max_depth;
};

static long expr(struct parser *p);

static long primary(struct parser *p) {
  char token[1024];
  int n = 0;
  if (p->text[p->pos] == '(') {
    p->pos++;
    p->depth++;
    if (p->depth > p->max_depth) {
      p->max_depth = p->depth;
    }
    long v = expr(p);
    p->pos++; // ')'
    p->depth--;
    return v;
  }
  while (p->text[p->pos] >= '0' && p->text[p->pos] <= '9') {
    token[n++] = p->text[p->pos++];
  }
  token[n] = '\0';
  long v = 0;
  for (int i = 0; i < n; i++) {
    v = v * 10 + (token[i] - '0');
  }
  return v;
}

static long expr(struct parser *p) {
  long v = primary(p);
  while (p->text[p->pos] == '+') {
    p->pos++;
    v += primary(p);
  }
  return v;
}

static char input[4096];

int main(void) {
  struct parser p = {"(1+(2+3))+4", 0, 0, 0};
  printf("small: %ld\n", expr(&p));
  int depth = 2000;
  for (int i = 0; i < depth; i++) {
    input[i] = '(';
  }
  input[depth] = '7';
  memset(input + depth + 1, ')', depth);
  struct parser deep = {input, 0, 0, 0};
  printf("deep: nesting %d\n", depth);
  fflush(stdout);
  printf("deep: %ld\n", expr(&deep));
  return 0;
}
