#pragma once
// A structured log field: a key and a value that is rendered straight into the log line without
// building a JSON document first (the access log writes one line per request).
//
// Values hold views: a LogField must not outlive the strings or JSON value it was made from (use
// them inside the logging call's argument list, as the Logger API does).

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

#include "boost/json/value.hpp"

namespace ucf::observability {

class LogValue {
 public:
  LogValue(std::nullptr_t) : kind_(Kind::kNull) {}
  LogValue(const char* s) : kind_(Kind::kString), string_(s) {}
  LogValue(std::string_view s) : kind_(Kind::kString), string_(s) {}
  LogValue(const std::string& s) : kind_(Kind::kString), string_(s) {}
  template <typename T>
    requires std::integral<T>
  LogValue(T v) {
    if constexpr (std::same_as<T, bool>) {
      kind_ = Kind::kBool;
      int_ = v ? 1 : 0;
    } else {
      kind_ = Kind::kInt;
      int_ = static_cast<std::int64_t>(v);
    }
  }
  LogValue(double v) : kind_(Kind::kDouble), double_(v) {}
  LogValue(const boost::json::value& v) : kind_(Kind::kJson), json_(&v) {}
  LogValue(const boost::json::object& v) : kind_(Kind::kJsonObject), object_(&v) {}

  bool is_null() const { return kind_ == Kind::kNull; }
  // Appends the value as JSON; `redact` replaces any non-null value with "***", and values under
  // secret-like keys inside JSON documents are always redacted.
  void AppendJson(std::string& out, bool redact) const;
  // Appends the value for text-mode lines (strings unquoted, control characters escaped).
  void AppendText(std::string& out, bool redact) const;

 private:
  enum class Kind { kNull, kString, kInt, kDouble, kBool, kJson, kJsonObject };
  Kind kind_;
  std::string_view string_;
  std::int64_t int_ = 0;
  double double_ = 0;
  const boost::json::value* json_ = nullptr;
  const boost::json::object* object_ = nullptr;
};

struct LogField {
  std::string_view key;
  LogValue value;
};

// Appends `s` as a JSON string literal (quoted, escaped).
void AppendJsonString(std::string& out, std::string_view s);

// Appends `s` for a text-mode line: control characters (CR, LF, TAB, the rest of C0, DEL) and
// backslashes are escaped (\n, \r, \t, \x1b, \\), so no value — a decoded "%0a" in a path,
// a header, a provider's message — can start a forged line or hide part of one.
void AppendTextEscaped(std::string& out, std::string_view s);

}  // namespace ucf::observability
