#pragma once
// RFC 3339 UTC timestamps, the only time format on the wire and in the database.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"

namespace ucf::core {

// "2026-11-25T20:36:41.123Z" (millisecond precision, always UTC, always 'Z').
std::string FormatRfc3339(TimePoint t);

// Parses RFC 3339 with 'Z' or a numeric offset and optional fractional seconds.
// InvalidArgument when `text` is not such a timestamp.
absl::StatusOr<TimePoint> ParseRfc3339(std::string_view text);

}  // namespace ucf::core
