#include "ucf/core/time_format.hpp"

#include "absl/time/time.h"

namespace ucf::core {

std::string FormatRfc3339(TimePoint t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::FromChrono(t), absl::UTCTimeZone());
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
