#pragma once
// Typed access to JSON request bodies. Every failure is InvalidArgument whose details name the
// field (core::InvalidField), so handlers never hand-write "missing field" errors.
//
// Unknown fields are ignored; a present field of the wrong type is an error; JSON null counts as
// absent for optional fields.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "boost/json/value.hpp"

namespace ucf::core {

// Parses `body` as a JSON object. An empty body is an empty object when `allow_empty`.
absl::StatusOr<boost::json::object> ParseJsonObject(std::string_view body, bool allow_empty = false);

absl::StatusOr<std::string> RequireString(const boost::json::object& obj, std::string_view field);
absl::StatusOr<std::optional<std::string>> OptionalString(const boost::json::object& obj,
                                                          std::string_view field);
absl::StatusOr<std::optional<bool>> OptionalBool(const boost::json::object& obj,
                                                 std::string_view field);
absl::StatusOr<std::optional<std::int64_t>> OptionalInt(const boost::json::object& obj,
                                                        std::string_view field);
// A JSON object field; absent → empty object.
absl::StatusOr<boost::json::object> OptionalObject(const boost::json::object& obj,
                                                   std::string_view field);
// An array of strings; absent → empty vector.
absl::StatusOr<std::vector<std::string>> OptionalStringArray(const boost::json::object& obj,
                                                             std::string_view field);

}  // namespace ucf::core
