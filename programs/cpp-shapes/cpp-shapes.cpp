// build: -O2 -fno-exceptions
// C++ with libc++: a scene of shapes held as std::unique_ptr in a
// std::vector, with virtual area(). Picking "the last layer" is off by one;
// std::vector::at() would throw std::out_of_range, but libc++ for WASI is
// built without exceptions, so it reports the error on stderr and aborts.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace scene {

class Shape {
 public:
  explicit Shape(std::string name) : name_(std::move(name)) {}
  virtual ~Shape() = default;
  virtual double area() const = 0;
  const std::string &name() const { return name_; }

 private:
  std::string name_;
};

class Rect final : public Shape {
 public:
  Rect(double w, double h) : Shape("rect"), w_(w), h_(h) {}
  double area() const override { return w_ * h_; }

 private:
  double w_, h_;
};

class Circle final : public Shape {
 public:
  explicit Circle(double r) : Shape("circle"), r_(r) {}
  double area() const override { return 3.0 * r_ * r_; }

 private:
  double r_;
};

class Layers {
 public:
  void add(std::unique_ptr<Shape> s) { shapes_.push_back(std::move(s)); }
  double total() const {
    double sum = 0;
    for (const auto &s : shapes_) sum += s->area();
    return sum;
  }
  const Shape &top() const { return *shapes_.at(shapes_.size()); }  // off by one
  std::size_t size() const { return shapes_.size(); }

 private:
  std::vector<std::unique_ptr<Shape>> shapes_;
};

}  // namespace scene

int main() {
  scene::Layers layers;
  layers.add(std::make_unique<scene::Rect>(4, 5));
  layers.add(std::make_unique<scene::Circle>(2));
  layers.add(std::make_unique<scene::Rect>(1, 3));
  std::printf("%zu layers, total area %.1f\n", layers.size(), layers.total());
  std::fflush(stdout);
  std::printf("top layer: %s\n", layers.top().name().c_str());
  return 0;
}
