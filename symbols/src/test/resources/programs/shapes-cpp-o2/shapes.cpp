// C++ at -O2 (DWARF 5): a namespace, a class with out-of-line members (DW_AT_specification),
// a template, lambdas passed to <algorithm>; traps when the clamped sum overflows its limit.
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <algorithm>

namespace geo {

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
  int id = 0;
};

class Rect : public Shape {
 public:
  Rect(double w, double h);
  double area() const override;
 private:
  double w_, h_;
};

Rect::Rect(double w, double h) : w_(w), h_(h) {}
double Rect::area() const { return w_ * h_; }

template <typename T>
T clamp_sum(const std::vector<T> &v, T limit) {
  T s{};
  for (const T &x : v) {
    s += x;
    if (s > limit) __builtin_trap();
  }
  return s;
}

}  // namespace geo

int main(int argc, char **argv) {
  std::vector<geo::Shape *> shapes;
  for (int i = 0; i < argc + 3; i++) shapes.push_back(new geo::Rect(i, i + 1));
  std::vector<double> areas;
  std::transform(shapes.begin(), shapes.end(), std::back_inserter(areas),
                 [](const geo::Shape *s) { return s->area(); });
  std::sort(areas.begin(), areas.end(), [](double a, double b) { return a > b; });
  std::printf("%f\n", geo::clamp_sum(areas, 10.0 * argc));
  return 0;
}
