#ifndef LIST_H
#define LIST_H

struct node {
  int key;
  struct node *next;
};

struct node *list_push(struct node *head, int key);
int list_length(const struct node *head);
int *list_to_array(const struct node *head, int *count);

void sort_keys(int *keys, int count);

#endif
