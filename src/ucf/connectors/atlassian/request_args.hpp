#pragma once
// Checks of caller-supplied arguments shared by the Atlassian connectors. Failures are
// InvalidArgument naming the field (core::InvalidField). Pure; thread-safe.

#include <string_view>

#include "absl/status/status.h"

namespace ucf::connectors::atlassian {

// `value` must be non-empty after trimming and free of control characters (ids, keys).
absl::Status RequireId(std::string_view field, std::string_view value);

// `limit` clamped into 1..max (the framework passes 1..200; providers cap lower or higher).
int ClampLimit(int limit, int max);

}  // namespace ucf::connectors::atlassian
