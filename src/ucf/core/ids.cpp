#include "ucf/core/ids.hpp"

#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <stdexcept>

#include "ucf/core/strings.hpp"

namespace ucf::core {
namespace {

void FillRandom(unsigned char* out, std::size_t n) {
  // RAND_bytes fails only when the OS entropy source is unusable; nothing sensible can go on.
  if (RAND_bytes(out, static_cast<int>(n)) != 1) std::abort();
}

// Stamps version 4 / variant 1 into 16 random bytes and formats them canonically.
std::string FormatUuidV4(std::array<unsigned char, 16> b) {
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  std::string hex =
      HexEncode(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

}  // namespace

std::string NewUuid() {
  std::array<unsigned char, 16> b;
  FillRandom(b.data(), b.size());
  return FormatUuidV4(b);
}

std::string NewRequestId() {
  thread_local std::mt19937_64 rng = [] {
    std::uint64_t seed;
    FillRandom(reinterpret_cast<unsigned char*>(&seed), sizeof seed);
    return std::mt19937_64(seed);
  }();
  std::array<unsigned char, 16> b;
  std::uint64_t hi = rng(), lo = rng();
  std::memcpy(b.data(), &hi, 8);
  std::memcpy(b.data() + 8, &lo, 8);
  return FormatUuidV4(b);
}

std::string RandomToken(std::size_t bytes) {
  std::string raw(bytes, '\0');
  FillRandom(reinterpret_cast<unsigned char*>(raw.data()), raw.size());
  return Base64UrlEncode(raw);
}

std::string NewId(std::string_view prefix) {
  constexpr std::uint64_t kLow48 = (std::uint64_t{1} << 48) - 1;
  static std::mutex mu;
  static std::uint64_t last_ms = 0, last_random = 0;
  std::uint64_t now_ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
  std::uint64_t ms, random;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (now_ms > last_ms) {
      // A fresh millisecond: new random bits, with the top one clear so that increments within this
      // millisecond have 2^47 steps of room before they carry into the time part.
      FillRandom(reinterpret_cast<unsigned char*>(&random), sizeof random);
      random &= kLow48 >> 1;
      ms = now_ms;
    } else {
      // Same millisecond, or the clock stepped back: stay on the last one and count up.
      ms = last_ms;
      random = last_random + 1;
      if (random > kLow48) {
        ++ms;
        random = 0;
      }
    }
    last_ms = ms;
    last_random = random;
  }
  std::array<unsigned char, 12> b;
  for (int i = 0; i < 6; ++i) {
    b[5 - i] = static_cast<unsigned char>(ms >> (8 * i));
    b[11 - i] = static_cast<unsigned char>(random >> (8 * i));
  }
  return std::string(prefix) + "_" +
         HexEncode(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

}  // namespace ucf::core
