#pragma once
// Timestamps in response bodies: RFC 3339 text (core/time_format.hpp), JSON null when absent.

#include <optional>

#include "boost/json/value.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::api {

inline boost::json::value OptionalTimeJson(const std::optional<core::TimePoint>& t) {
  return t ? boost::json::value(core::FormatRfc3339(*t)) : boost::json::value(nullptr);
}

}  // namespace ucf::api
