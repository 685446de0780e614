#include "ucf/core/json_fields.hpp"

#include <string>

#include "boost/json/parse.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::core {
namespace {

const boost::json::value* Find(const boost::json::object& obj, std::string_view field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

absl::Status TooLong(std::string_view field, std::size_t max_bytes) {
  return InvalidField(field, "must be at most " + std::to_string(max_bytes) + " bytes");
}

// A string field's value, bounded before it is copied.
absl::StatusOr<std::string> BoundedString(const boost::json::value& v, std::string_view field,
                                          std::size_t max_bytes) {
  if (!v.is_string()) return InvalidField(field, "must be a string");
  if (v.get_string().size() > max_bytes) return TooLong(field, max_bytes);
  return std::string(v.get_string());
}

}  // namespace

absl::Status CheckStringLengths(const boost::json::value& value, const std::string& path,
                                std::size_t max_string_bytes) {
  if (value.is_string()) {
    if (value.get_string().size() > max_string_bytes) return TooLong(path, max_string_bytes);
  } else if (value.is_object()) {
    for (const auto& [key, member] : value.get_object()) {
      if (key.size() > kMaxStringBytes) return TooLong(path, kMaxStringBytes);
      absl::Status s = CheckStringLengths(member, path + "." + std::string(key), max_string_bytes);
      if (!s.ok()) return s;
    }
  } else if (value.is_array()) {
    const boost::json::array& items = value.get_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      absl::Status s =
          CheckStringLengths(items[i], path + "[" + std::to_string(i) + "]", max_string_bytes);
      if (!s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<boost::json::object> ParseJsonObject(std::string_view body, bool allow_empty) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    if (allow_empty) return boost::json::object{};
    return InvalidField("body", "a JSON object is required");
  }
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  if (ec) return InvalidField("body", "malformed JSON: " + ec.message());
  if (!value.is_object()) return InvalidField("body", "must be a JSON object");
  return std::move(value.as_object());
}

absl::StatusOr<std::string> RequireString(const boost::json::object& obj, std::string_view field,
                                          std::size_t max_bytes) {
  const boost::json::value* v = Find(obj, field);
  if (v == nullptr) return InvalidField(field, "is required");
  return BoundedString(*v, field, max_bytes);
}

absl::StatusOr<std::optional<std::string>> OptionalString(const boost::json::object& obj,
                                                          std::string_view field,
                                                          std::size_t max_bytes) {
  const boost::json::value* v = Find(obj, field);
  if (v == nullptr) return std::optional<std::string>();
  absl::StatusOr<std::string> s = BoundedString(*v, field, max_bytes);
  if (!s.ok()) return s.status();
  return std::optional<std::string>(*std::move(s));
}

absl::StatusOr<std::optional<bool>> OptionalBool(const boost::json::object& obj,
                                                 std::string_view field) {
  const boost::json::value* v = Find(obj, field);
  if (v == nullptr) return std::optional<bool>();
  if (!v->is_bool()) return InvalidField(field, "must be a boolean");
  return std::optional<bool>(v->as_bool());
}

absl::StatusOr<std::optional<std::int64_t>> OptionalInt(const boost::json::object& obj,
                                                        std::string_view field) {
  const boost::json::value* v = Find(obj, field);
  if (v == nullptr) return std::optional<std::int64_t>();
  if (v->is_int64()) return std::optional<std::int64_t>(v->as_int64());
  if (v->is_uint64() && v->as_uint64() <= INT64_MAX) {
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v->as_uint64()));
  }
  return InvalidField(field, "must be an integer");
}

absl::StatusOr<boost::json::object> OptionalObject(const boost::json::object& obj,
                                                   std::string_view field,
                                                   std::size_t max_string_bytes) {
  const boost::json::value* v = Find(obj, field);
  if (v == nullptr) return boost::json::object{};
  if (!v->is_object()) return InvalidField(field, "must be an object");
  absl::Status bounded = CheckStringLengths(*v, std::string(field), max_string_bytes);
  if (!bounded.ok()) return bounded;
  return v->as_object();
}

absl::StatusOr<std::vector<std::string>> OptionalStringArray(const boost::json::object& obj,
                                                             std::string_view field) {
  const boost::json::value* v = Find(obj, field);
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (!v->is_array()) return InvalidField(field, "must be an array of strings");
  if (v->as_array().size() > kMaxListItems) {
    return InvalidField(field, "must have at most " + std::to_string(kMaxListItems) + " elements");
  }
  for (const boost::json::value& e : v->as_array()) {
    if (!e.is_string()) return InvalidField(field, "must be an array of strings");
    if (e.get_string().size() > kMaxStringBytes) return TooLong(field, kMaxStringBytes);
    out.emplace_back(e.get_string());
  }
  return out;
}

}  // namespace ucf::core
