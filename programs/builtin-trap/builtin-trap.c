// build: -O2
// A fixed-size ring buffer whose push() guards against overflow with
// __builtin_trap(). The helper functions are static and get inlined at -O2,
// so the trap sits inside main's body with inlined frames around it.
#include <stdint.h>
#include <stdio.h>

#define CAPACITY 8

struct ring {
  uint32_t head, tail;
  int32_t slots[CAPACITY];
};

static inline uint32_t ring_size(const struct ring *r) {
  return r->tail - r->head;
}

static inline void ring_push(struct ring *r, int32_t v) {
  if (ring_size(r) == CAPACITY) {
    __builtin_trap();
  }
  r->slots[r->tail++ % CAPACITY] = v;
}

static inline int32_t ring_pop(struct ring *r) {
  return r->slots[r->head++ % CAPACITY];
}

static struct ring events;

int main(int argc, char **argv) {
  (void)argv;
  int32_t sum = 0;
  // The producer pushes three events per round, the consumer takes two.
  for (int32_t round = 0; round < 100; round++) {
    for (int k = 0; k < 3; k++) {
      ring_push(&events, round * 10 + k + argc);
    }
    sum += ring_pop(&events);
    sum += ring_pop(&events);
    printf("round %d: %u queued, sum %d\n", round, ring_size(&events), sum);
    fflush(stdout);
  }
  return 0;
}
