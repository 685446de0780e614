#pragma once
// A statement parameter: a typed value, or a typed NULL, bound to a $n placeholder.
//
// The type travels with NULLs too, so PostgreSQL can prepare `$2 IS NULL OR col = $2`.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "boost/json/value.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::storage::sql {

enum class ValueKind { kText, kInt, kBool, kJson, kTime };

class Value {
 public:
  Value(std::string_view text) : kind_(ValueKind::kText), text_(text) {}
  Value(const std::string& text) : Value(std::string_view(text)) {}
  Value(const char* text) : Value(std::string_view(text)) {}
  template <typename T,
            std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Value(T v) : kind_(ValueKind::kInt), int_(static_cast<std::int64_t>(v)) {}
  Value(bool v) : kind_(ValueKind::kBool), int_(v ? 1 : 0) {}
  // Bound as RFC 3339 UTC with millisecond precision (finer precision is dropped).
  Value(core::TimePoint t);
  // nullopt → a NULL of T's kind.
  template <typename T>
  Value(const std::optional<T>& v) : Value(v.has_value() ? Value(*v) : Value(T{})) {
    null_ = !v.has_value();
  }

  // A JSON document (object or array).
  static Value Json(const boost::json::value& v);
  // A JSON document already serialised, bound as it is: the caller vouches that it is valid JSON.
  static Value JsonText(std::string text);
  // A JSON array of strings (jsonb on PostgreSQL), written without a DOM.
  static Value StringArray(const std::vector<std::string>& items);
  static Value StringArray(const std::vector<std::string_view>& items);
  static Value Null(ValueKind kind);

  ValueKind kind() const { return kind_; }
  bool is_null() const { return null_; }
  // Text form of kText, kJson and kTime values.
  const std::string& text() const { return text_; }
  // Integer of kInt values; 0/1 for kBool.
  std::int64_t integer() const { return int_; }

 private:
  explicit Value(ValueKind kind) : kind_(kind) {}

  ValueKind kind_;
  bool null_ = false;
  std::string text_;
  std::int64_t int_ = 0;
};

}  // namespace ucf::storage::sql
