#pragma once
// Parsers for configuration values. Errors say what is expected, never echoing secret values.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ucf::config {

absl::StatusOr<bool> ParseBoolValue(std::string_view value);
absl::StatusOr<long long> ParseIntValue(std::string_view value, long long min, long long max);
// A JSON array of strings (the original's format) or a comma-separated list.
absl::StatusOr<std::vector<std::string>> ParseListValue(std::string_view value);

}  // namespace ucf::config
