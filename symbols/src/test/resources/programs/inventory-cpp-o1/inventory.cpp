// C++ at -O1 with DWARF 4: nested namespaces, a class template with a static
// member, operator overloading and out-of-line member definitions. A bad
// index aborts through a member function called from a template.
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace store {
namespace detail {

template <typename T, int N>
class Slots {
 public:
  T &at(int i);
  int size() const { return used_; }
  void add(const T &value);
  static int created;

 private:
  T items_[N];
  int used_ = 0;
};

template <typename T, int N>
int Slots<T, N>::created = 0;

template <typename T, int N>
T &Slots<T, N>::at(int i) {
  if (i < 0 || i >= used_) {
    std::fprintf(stderr, "slot %d out of range\n", i);
    std::abort();
  }
  return items_[i];
}

template <typename T, int N>
void Slots<T, N>::add(const T &value) {
  if (used_ < N) {
    items_[used_++] = value;
    created++;
  }
}

}  // namespace detail

struct Item {
  char name[16];
  int count;
  Item &operator+=(int n) {
    count += n;
    return *this;
  }
};

class Inventory {
 public:
  void stock(const char *name, int count);
  int total();
  Item &find(int index);

 private:
  detail::Slots<Item, 8> slots_;
};

void Inventory::stock(const char *name, int count) {
  Item item{};
  std::strncpy(item.name, name, sizeof item.name - 1);
  item.count = count;
  slots_.add(item);
}

int Inventory::total() {
  int sum = 0;
  for (int i = 0; i < slots_.size(); i++) {
    sum += slots_.at(i).count;
  }
  return sum;
}

Item &Inventory::find(int index) { return slots_.at(index); }

}  // namespace store

int main(int argc, char **argv) {
  store::Inventory inv;
  for (int i = 1; i < argc; i++) {
    inv.stock(argv[i], i * 10);
  }
  inv.stock("bolts", 40);
  inv.find(argc + 1) += 5;
  std::printf("%d\n", inv.total());
  return 0;
}
