#pragma once
// Structured details attached to an absl::Status, rendered as the envelope's error.details.
//
// A status carries at most one details object, a JSON object serialised into a payload under
// kDetailsTypeUrl. Helpers here build the common shapes (a bad field, a retry-after hint).

#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "boost/json/object.hpp"

namespace ucf::core {

inline constexpr std::string_view kDetailsTypeUrl = "type.ucf.dev/details";

// Returns `status` with `details` attached (replacing any earlier details).
absl::Status WithDetails(absl::Status status, const boost::json::object& details);

// The details attached to `status`, if any.
std::optional<boost::json::object> GetDetails(const absl::Status& status);

// InvalidArgument naming the offending field: details {"field": field, "reason": reason}.
absl::Status InvalidField(std::string_view field, std::string_view reason);

// ResourceExhausted with details {"retryAfterSeconds": seconds}.
absl::Status RateLimited(std::string_view message, int retry_after_seconds);

}  // namespace ucf::core
