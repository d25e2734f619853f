// build: -O1
// A plug-in table of command handlers. One handler was written with a
// different signature and cast to fit the table; calling it through the
// table is a call_indirect whose type does not match: "indirect call type
// mismatch".
#include <stdio.h>
#include <string.h>

typedef int (*handler)(const char *arg, int flags);

static int cmd_echo(const char *arg, int flags) {
  printf("echo: %s%s\n", arg, flags ? "!" : "");
  return 0;
}

static int cmd_len(const char *arg, int flags) {
  (void)flags;
  printf("len: %zu\n", strlen(arg));
  return (int)strlen(arg);
}

// Written later, against an older API with a 64-bit "flags".
static int cmd_upper(const char *arg, long long flags) {
  char buf[32];
  size_t i = 0;
  for (; arg[i] && i < sizeof buf - 1; i++) {
    buf[i] = (arg[i] >= 'a' && arg[i] <= 'z') ? arg[i] - 32 : arg[i];
  }
  buf[i] = '\0';
  printf("upper: %s (%lld)\n", buf, flags);
  return 0;
}

struct command {
  const char *name;
  handler run;
};

static struct command commands[] = {
    {"echo", cmd_echo},
    {"len", cmd_len},
    {"upper", (handler)cmd_upper}, // the cast hides the mismatch
};

static int dispatch(const char *name, const char *arg) {
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    if (strcmp(commands[i].name, name) == 0) {
      return commands[i].run(arg, 1);
    }
  }
  printf("unknown command %s\n", name);
  return -1;
}

int main(void) {
  static const char *const script[][2] = {
      {"echo", "hello"}, {"len", "coredump"}, {"upper", "boom"}, {"echo", "unreached"}};
  for (size_t i = 0; i < sizeof script / sizeof script[0]; i++) {
    dispatch(script[i][0], script[i][1]);
    fflush(stdout);
  }
  return 0;
}
