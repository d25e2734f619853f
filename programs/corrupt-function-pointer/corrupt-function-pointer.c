// build: -O0
// A session object keeps a fixed-size name buffer right before its
// on_close callback. Copying a too-long user name overruns the buffer and
// overwrites the callback with text; calling it is a call_indirect with an
// index far outside the function table: "undefined element".
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct session {
  int id;
  char user[12];
  void (*on_close)(struct session *);
};

static void log_close(struct session *s) {
  printf("session %d of %s closed\n", s->id, s->user);
}

static struct session *open_session(int id, const char *user) {
  struct session *s = malloc(sizeof *s);
  s->id = id;
  s->on_close = log_close;
  strcpy(s->user, user); // no length check: the bug
  return s;
}

static void close_session(struct session *s) {
  s->on_close(s);
  free(s);
}

int main(void) {
  struct session *a = open_session(1, "alice");
  close_session(a);
  fflush(stdout);
  struct session *b = open_session(2, "bartholomew-the-third");
  printf("opened session %d\n", b->id);
  fflush(stdout);
  close_session(b);
  return 0;
}
