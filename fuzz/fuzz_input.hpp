#pragma once
// Splitting one libFuzzer input into several values: Take(n) consumes up to n bytes, Part() the
// bytes up to the next '\x01' separator (or the rest), so seeds stay readable text. Header-only.

#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <string_view>
#include <utility>

namespace ucf::fuzz {

class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {}

  std::string_view Part() {
    std::size_t at = rest_.find('\x01');
    std::string_view part = rest_.substr(0, at);
    rest_ = at == std::string_view::npos ? std::string_view() : rest_.substr(at + 1);
    return part;
  }
  std::string_view Rest() { return std::exchange(rest_, std::string_view()); }
  bool empty() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// Aborts (a libFuzzer crash with the input saved) when an invariant does not hold.
#define UCF_FUZZ_CHECK(cond)                                                          \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      __builtin_trap();                                                               \
    }                                                                                 \
  } while (0)

}  // namespace ucf::fuzz
