// build: -O0
// An inventory kept as a linked list of heap-allocated items. Restocking
// checks an invariant with assert(); one item's count went negative, so the
// assertion fails and the C library aborts (__assert_fail -> abort ->
// unreachable).
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item {
  char name[16];
  int count;
  struct item *next;
};

struct inventory {
  struct item *head;
  int items;
  long total;
};

static struct item *add_item(struct inventory *inv, const char *name, int count) {
  struct item *it = malloc(sizeof *it);
  strncpy(it->name, name, sizeof it->name - 1);
  it->name[sizeof it->name - 1] = '\0';
  it->count = count;
  it->next = inv->head;
  inv->head = it;
  inv->items++;
  inv->total += count;
  return it;
}

static void take(struct inventory *inv, struct item *it, int n) {
  it->count -= n; // no check: the bug
  inv->total -= n;
}

static void restock(struct inventory *inv, int threshold) {
  for (struct item *it = inv->head; it != NULL; it = it->next) {
    assert(it->count >= 0 && "stock count went negative");
    if (it->count < threshold) {
      printf("restock %s (%d left)\n", it->name, it->count);
    }
  }
}

int main(void) {
  struct inventory inv = {0};
  add_item(&inv, "bolts", 40);
  struct item *nuts = add_item(&inv, "nuts", 12);
  add_item(&inv, "washers", 7);
  printf("%d items, %ld pieces\n", inv.items, inv.total);
  restock(&inv, 10);
  take(&inv, nuts, 15);
  printf("after order: %ld pieces\n", inv.total);
  fflush(stdout);
  restock(&inv, 10);
  return 0;
}
