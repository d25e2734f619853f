// Builds a list from the arguments' lengths plus a few fixed keys and sorts it.
#include <stdio.h>
#include <string.h>

#include "list.h"

int main(int argc, char **argv) {
  struct node *head = NULL;
  for (int i = 0; i < argc; i++) {
    head = list_push(head, (int)strlen(argv[i]));
  }
  for (int k = 20; k > 10; k -= 1) {
    head = list_push(head, k);
  }
  int count = 0;
  int *keys = list_to_array(head, &count);
  sort_keys(keys, count);
  for (int i = 0; i < count; i++) {
    printf("%d\n", keys[i]);
  }
  return 0;
}
