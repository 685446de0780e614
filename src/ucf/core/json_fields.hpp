#pragma once
// Typed access to JSON request bodies. Every failure is InvalidArgument whose details name the
// field (core::InvalidField), so handlers never hand-write "missing field" errors.
//
// Unknown fields are ignored; a present field of the wrong type is an error; JSON null counts as
// absent for optional fields.
//
// Every string is bounded (core/input_limits.hpp) before it is copied or looked at: a string
// longer than `max_bytes` (default kMaxStringBytes) is InvalidArgument naming the field; inside
// objects every key and string value at any depth is checked, and the error names its path
// ("config.baseUrl", "fields.labels[2]").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "boost/json/value.hpp"
#include "ucf/core/input_limits.hpp"

namespace ucf::core {

// Parses `body` as a JSON object. An empty body is an empty object when `allow_empty`.
absl::StatusOr<boost::json::object> ParseJsonObject(std::string_view body, bool allow_empty = false);

absl::StatusOr<std::string> RequireString(const boost::json::object& obj, std::string_view field,
                                          std::size_t max_bytes = kMaxStringBytes);
absl::StatusOr<std::optional<std::string>> OptionalString(const boost::json::object& obj,
                                                          std::string_view field,
                                                          std::size_t max_bytes = kMaxStringBytes);
absl::StatusOr<std::optional<bool>> OptionalBool(const boost::json::object& obj,
                                                 std::string_view field);
absl::StatusOr<std::optional<std::int64_t>> OptionalInt(const boost::json::object& obj,
                                                        std::string_view field);
// A JSON object field; absent → empty object. Its string values may be up to
// `max_string_bytes` each (keys: kMaxStringBytes).
absl::StatusOr<boost::json::object> OptionalObject(const boost::json::object& obj,
                                                   std::string_view field,
                                                   std::size_t max_string_bytes = kMaxStringBytes);
// An array of at most kMaxListItems strings; absent → empty vector.
absl::StatusOr<std::vector<std::string>> OptionalStringArray(const boost::json::object& obj,
                                                             std::string_view field);

// OK when every key and string inside `value` is within bounds; else InvalidField naming the path
// below `path`.
absl::Status CheckStringLengths(const boost::json::value& value, const std::string& path,
                                std::size_t max_string_bytes = kMaxStringBytes);

}  // namespace ucf::core
