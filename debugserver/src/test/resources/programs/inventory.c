/* A freestanding inventory report that crashes with an integer divide by zero:
 * one item on the heap has a count of 0. Built for the coroner debug tests. */

typedef struct item {
  int id;
  int count;
  int weight;
  struct item *next;
} item;

typedef struct stats {
  int items;
  long long total_weight;
} stats;

extern unsigned char __heap_base;
static unsigned char *heap_top;

static void *allocate(unsigned long size) {
  if (!heap_top) {
    heap_top = &__heap_base;
  }
  void *p = heap_top;
  heap_top += (size + 7) & ~7ul;
  return p;
}

__attribute__((noinline)) static item *build(int n) {
  item *head = 0;
  for (int i = n; i > 0; i--) {
    item *it = allocate(sizeof *it);
    it->id = 100 + i;
    it->count = i % 4;
    it->weight = 250 * i;
    it->next = head;
    head = it;
  }
  return head;
}

__attribute__((noinline)) int unit_weight(const item *it, stats *st) {
  int per_unit = it->weight / it->count;
  st->items++;
  st->total_weight += per_unit;
  return per_unit;
}

__attribute__((noinline)) long long summarize(const item *head, int limit) {
  stats st = {0, 0};
  int seen = 0;
  for (const item *it = head; it && seen < limit; it = it->next) {
    unit_weight(it, &st);
    seen++;
  }
  return st.total_weight;
}

int start(int n) {
  item *head = build(n);
  return (int)summarize(head, n);
}
