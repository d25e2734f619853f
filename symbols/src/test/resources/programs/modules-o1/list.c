// A linked list in its own compile unit.
#include <stdlib.h>

#include "list.h"

struct node *list_push(struct node *head, int key) {
  struct node *n = malloc(sizeof *n);
  n->key = key;
  n->next = head;
  return n;
}

int list_length(const struct node *head) {
  int n = 0;
  for (; head != NULL; head = head->next) {
    n++;
  }
  return n;
}

int *list_to_array(const struct node *head, int *count) {
  *count = list_length(head);
  int *keys = malloc(sizeof(int) * (size_t)*count);
  for (int i = 0; head != NULL; head = head->next) {
    keys[i++] = head->key;
  }
  return keys;
}
