#include "ucf/connectors/atlassian/response_json.hpp"

#include <fmt/format.h>

#include "boost/json/parse.hpp"
#include "boost/json/parse_options.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::atlassian {

absl::Status MalformedField(std::string_view provider, std::string_view field,
                            std::string_view problem) {
  return absl::InternalError(fmt::format("{}: response field '{}' {}", provider, field, problem));
}

absl::StatusOr<boost::json::object> ParseResponseObject(std::string_view provider,
                                                        std::string_view body) {
  boost::json::parse_options options;
  options.max_depth = 256;  // ADF documents nest lists in list items
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec) {
    return absl::InternalError(fmt::format("{}: response is not JSON: {}", provider, ec.message()));
  }
  if (!value.is_object()) {
    return absl::InternalError(fmt::format("{}: response is not a JSON object", provider));
  }
  return std::move(value.as_object());
}

const boost::json::object* FindObject(const boost::json::object& obj, std::string_view key) {
  const boost::json::value* v = obj.if_contains(key);
  return v != nullptr && v->is_object() ? &v->as_object() : nullptr;
}

const boost::json::array* FindArray(const boost::json::object& obj, std::string_view key) {
  const boost::json::value* v = obj.if_contains(key);
  return v != nullptr && v->is_array() ? &v->as_array() : nullptr;
}

std::optional<std::string> FindString(const boost::json::object& obj, std::string_view key) {
  const boost::json::value* v = obj.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return core::StrCat(v->as_int64());
  if (v->is_uint64()) return core::StrCat(v->as_uint64());
  return std::nullopt;
}

std::optional<std::string> FindNonEmptyString(const boost::json::object& obj,
                                              std::string_view key) {
  std::optional<std::string> s = FindString(obj, key);
  if (!s || s->empty()) return std::nullopt;
  return s;
}

std::optional<std::int64_t> FindInt(const boost::json::object& obj, std::string_view key) {
  const boost::json::value* v = obj.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  if (v->is_string()) return core::ParseInt64(std::string_view(v->as_string()));
  return std::nullopt;
}

std::optional<bool> FindBool(const boost::json::object& obj, std::string_view key) {
  const boost::json::value* v = obj.if_contains(key);
  if (v == nullptr || !v->is_bool()) return std::nullopt;
  return v->as_bool();
}

std::optional<std::string> FindStringPath(const boost::json::object& obj,
                                          std::initializer_list<std::string_view> path) {
  const boost::json::object* current = &obj;
  std::size_t i = 0;
  for (std::string_view key : path) {
    if (++i == path.size()) return FindString(*current, key);
    current = FindObject(*current, key);
    if (current == nullptr) return std::nullopt;
  }
  return std::nullopt;
}

absl::StatusOr<const boost::json::array*> OptionalArray(std::string_view provider,
                                                        const boost::json::object& obj,
                                                        std::string_view key,
                                                        std::string_view field) {
  static const boost::json::array kEmpty;
  const boost::json::value* v = obj.if_contains(key);
  if (v == nullptr || v->is_null()) return &kEmpty;
  if (!v->is_array()) return MalformedField(provider, field, "is not an array");
  return &v->as_array();
}

}  // namespace ucf::connectors::atlassian
