#pragma once
// Reading Atlassian 2xx response bodies. Atlassian's OpenAPI descriptions declare almost nothing
// `required` (every property of a page, issue, space or comment is optional, many are nullable),
// so mappings must accept any body the spec allows: the Find* accessors treat missing, null and
// wrong-typed values alike (nullptr / nullopt), OptionalArray reads a missing or null list as an
// empty one. Only a body the spec does NOT allow (not JSON, a list that is an object, …) is
// Internal, and the message names the provider and the field path, e.g. "jira: response field
// 'issues[2]' is not an object". Pure; thread-safe.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "boost/json/array.hpp"
#include "boost/json/object.hpp"
#include "boost/json/value.hpp"

namespace ucf::connectors::atlassian {

// Internal "<provider>: response field '<field>' <problem>".
absl::Status MalformedField(std::string_view provider, std::string_view field,
                            std::string_view problem);

// The body as a JSON object (deeply nested ADF allowed); Internal when it is not one.
absl::StatusOr<boost::json::object> ParseResponseObject(std::string_view provider,
                                                        std::string_view body);

const boost::json::object* FindObject(const boost::json::object& obj, std::string_view key);
const boost::json::array* FindArray(const boost::json::object& obj, std::string_view key);
// A string, or an integer rendered in decimal (Atlassian ids are strings in one API, numbers in
// another).
std::optional<std::string> FindString(const boost::json::object& obj, std::string_view key);
// A non-empty FindString.
std::optional<std::string> FindNonEmptyString(const boost::json::object& obj, std::string_view key);
// An integer, or a string holding a decimal integer.
std::optional<std::int64_t> FindInt(const boost::json::object& obj, std::string_view key);
std::optional<bool> FindBool(const boost::json::object& obj, std::string_view key);
// FindString on nested objects: FindStringPath(issue, {"fields", "status", "name"}).
std::optional<std::string> FindStringPath(const boost::json::object& obj,
                                          std::initializer_list<std::string_view> path);

// The array `key`, an empty one when it is missing or null (the spec makes it optional); Internal
// naming `field` when it is something else.
absl::StatusOr<const boost::json::array*> OptionalArray(std::string_view provider,
                                                        const boost::json::object& obj,
                                                        std::string_view key,
                                                        std::string_view field);

}  // namespace ucf::connectors::atlassian
