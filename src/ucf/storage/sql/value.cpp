#include "ucf/storage/sql/value.hpp"

#include <utility>

#include "boost/json/serialize.hpp"
#include "ucf/core/json_text.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::storage::sql {

Value::Value(core::TimePoint t) : kind_(ValueKind::kTime), text_(core::FormatRfc3339(t)) {}

Value Value::Json(const boost::json::value& v) {
  Value out(ValueKind::kJson);
  out.text_ = boost::json::serialize(v);
  return out;
}

Value Value::JsonText(std::string text) {
  Value out(ValueKind::kJson);
  out.text_ = std::move(text);
  return out;
}

namespace {

template <typename Items>
std::string JsonStringArray(const Items& items) {
  std::string out = "[";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    core::AppendJsonString(out, item);
  }
  out += ']';
  return out;
}

}  // namespace

Value Value::StringArray(const std::vector<std::string>& items) { return JsonText(JsonStringArray(items)); }

Value Value::StringArray(const std::vector<std::string_view>& items) { return JsonText(JsonStringArray(items)); }

Value Value::Null(ValueKind kind) {
  Value out(kind);
  out.null_ = true;
  return out;
}

}  // namespace ucf::storage::sql
