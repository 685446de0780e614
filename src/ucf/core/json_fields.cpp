#include "ucf/core/json_fields.hpp"

#include "boost/json/parse.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::core {
namespace {

const boost::json::value* Find(const boost::json::object& obj, std::string_view field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

}  // namespace

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

absl::StatusOr<std::string> RequireString(const boost::json::object& obj, std::string_view field) {
  const boost::json::value* v = Find(obj, field);
  if (v == nullptr) return InvalidField(field, "is required");
  if (!v->is_string()) return InvalidField(field, "must be a string");
  return std::string(v->as_string());
}

absl::StatusOr<std::optional<std::string>> OptionalString(const boost::json::object& obj,
                                                          std::string_view field) {
  const boost::json::value* v = Find(obj, field);
  if (v == nullptr) return std::optional<std::string>();
  if (!v->is_string()) return InvalidField(field, "must be a string");
  return std::optional<std::string>(std::string(v->as_string()));
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
                                                   std::string_view field) {
  const boost::json::value* v = Find(obj, field);
  if (v == nullptr) return boost::json::object{};
  if (!v->is_object()) return InvalidField(field, "must be an object");
  return v->as_object();
}

absl::StatusOr<std::vector<std::string>> OptionalStringArray(const boost::json::object& obj,
                                                             std::string_view field) {
  const boost::json::value* v = Find(obj, field);
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (!v->is_array()) return InvalidField(field, "must be an array of strings");
  for (const boost::json::value& e : v->as_array()) {
    if (!e.is_string()) return InvalidField(field, "must be an array of strings");
    out.emplace_back(e.as_string());
  }
  return out;
}

}  // namespace ucf::core
