#include "ucf/core/time_format.hpp"

#include <fmt/format.h>

#include <ctime>

#include "absl/time/time.h"

namespace ucf::core {

std::string FormatRfc3339(TimePoint t) {
  using namespace std::chrono;
  auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  time_t secs = static_cast<time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  int millis = static_cast<int>(ms - static_cast<long long>(secs) * 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

absl::StatusOr<TimePoint> ParseRfc3339(std::string_view text) {
  absl::Time parsed;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(text), &parsed, &err)) {
    return absl::InvalidArgumentError("not an RFC 3339 timestamp: " + err);
  }
  return absl::ToChronoTime(parsed);
}

}  // namespace ucf::core
