// build: -O1
// An open-addressing hash table whose index computation forgets to reduce
// the hash modulo the table size for one code path, so a store goes through
// a pointer far past the end of linear memory.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct entry {
  uint32_t key;
  uint32_t value;
};

struct table {
  struct entry *slots;
  uint32_t size;
  uint32_t used;
};

static uint32_t hash(uint32_t key) {
  key ^= key >> 16;
  key *= 0x7feb352d;
  key ^= key >> 15;
  key *= 0x846ca68b;
  key ^= key >> 16;
  return key;
}

__attribute__((noinline)) static void put(struct table *t, uint32_t key, uint32_t value, int fast) {
  uint32_t i = fast ? hash(key) : hash(key) % t->size; // bug: the fast path skips the modulo
  while (!fast && t->slots[i].key != 0 && t->slots[i].key != key) {
    i = (i + 1) % t->size;
  }
  t->slots[i].key = key;
  t->slots[i].value = value;
  t->used++;
}

int main(void) {
  struct table t = {calloc(64, sizeof(struct entry)), 64, 0};
  for (uint32_t k = 1; k <= 20; k++) {
    put(&t, k, k * k, 0);
  }
  printf("%u entries\n", t.used);
  fflush(stdout);
  put(&t, 4242, 7, 1);
  printf("%u entries\n", t.used);
  return 0;
}
