#pragma once
// RandomSource: the seam for retry jitter, seedable so tests are deterministic.

#include <cstdint>
#include <mutex>
#include <random>

namespace ucf::http {

// Uniform doubles in [0, 1). Thread-safe. Not for secrets (crypto/ has the secure source).
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual double NextUnit() = 0;
};

// A Mersenne Twister behind a mutex. The default constructor seeds from std::random_device.
class SeededRandomSource final : public RandomSource {
 public:
  SeededRandomSource();
  explicit SeededRandomSource(std::uint64_t seed) : engine_(seed) {}

  double NextUnit() override;

 private:
  std::mutex mu_;
  std::mt19937_64 engine_;  // guarded by mu_
};

// Always returns `value` (clamped into [0, 1)); for tests that pin the jitter.
class FixedRandomSource final : public RandomSource {
 public:
  explicit FixedRandomSource(double value);
  double NextUnit() override { return value_; }

 private:
  double value_;
};

}  // namespace ucf::http
