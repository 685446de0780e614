#include "ucf/http/client/random_source.hpp"

#include <algorithm>
#include <cmath>

namespace ucf::http {

SeededRandomSource::SeededRandomSource() : engine_(std::random_device{}()) {}

double SeededRandomSource::NextUnit() {
  std::lock_guard lock(mu_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine_);
}

FixedRandomSource::FixedRandomSource(double value)
    : value_(std::clamp(value, 0.0, std::nextafter(1.0, 0.0))) {}

}  // namespace ucf::http
