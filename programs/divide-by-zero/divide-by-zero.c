// build: -O2 -gdwarf-4
// Per-bucket averages of a latency histogram built from a log. No request
// fell in the "slow" bucket, and the average divides by its sample count:
// an integer divide by zero, inside a helper that -O2 inlines into the
// report loop.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bucket {
  const char *label;
  int limit_ms;
  int samples;
  int total_ms;
};

static struct bucket buckets[] = {
    {"fast", 10, 0, 0},
    {"normal", 100, 0, 0},
    {"slow", 1000, 0, 0},
    {"timeout", 1 << 30, 0, 0},
};
#define NBUCKETS (int)(sizeof buckets / sizeof buckets[0])

static const char log_text[] = "GET / 4\nGET /a 31\nGET /b 8\nPOST /c 57\nGET /d 3000\n"
                               "GET /e 9\nPOST /f 72\nGET /g 5012\n";

static void record(int ms) {
  for (int i = 0; i < NBUCKETS; i++) {
    if (ms < buckets[i].limit_ms) {
      buckets[i].samples++;
      buckets[i].total_ms += ms;
      return;
    }
  }
}

static inline int average(const struct bucket *b) {
  return b->total_ms / b->samples;
}

__attribute__((noinline)) static void report(const struct bucket *bs, int n) {
  for (int i = 0; i < n; i++) {
    printf("%-8s %2d requests, %5d ms on average\n", bs[i].label, bs[i].samples, average(&bs[i]));
    fflush(stdout);
  }
}

int main(void) {
  char *text = strdup(log_text);
  for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
    char *last = strrchr(line, ' ');
    record(atoi(last + 1));
  }
  report(buckets, NBUCKETS);
  return 0;
}
