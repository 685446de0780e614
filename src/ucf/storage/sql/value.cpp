#include "ucf/storage/sql/value.hpp"

#include <utility>

#include "boost/json/array.hpp"
#include "boost/json/serialize.hpp"
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

Value Value::StringArray(const std::vector<std::string>& items) {
  boost::json::array array;
  array.reserve(items.size());
  for (const std::string& item : items) array.emplace_back(item);
  return Json(array);
}

Value Value::Null(ValueKind kind) {
  Value out(kind);
  out.null_ = true;
  return out;
}

}  // namespace ucf::storage::sql
