#include "ucf/observability/log_field.hpp"

#include <fmt/format.h>

#include "boost/json/serialize.hpp"
#include "ucf/observability/redact.hpp"

namespace ucf::observability {

namespace {

// Backslash escapes shared by JSON strings and text-mode values; they differ in the quote (JSON
// only) and in how the remaining control characters are spelled (\u00XX vs \xXX; DEL is only
// escaped in text, where it could hide characters on a terminal).
void AppendEscaped(std::string& out, std::string_view s, bool json) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += json ? "\\\"" : "\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20 && json) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(u));
        } else if (u < 0x20 || (u == 0x7f && !json)) {
          fmt::format_to(std::back_inserter(out), "\\x{:02x}", static_cast<unsigned>(u));
        } else {
          out += c;
        }
    }
  }
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  AppendEscaped(out, s, /*json=*/true);
  out += '"';
}

void AppendTextEscaped(std::string& out, std::string_view s) { AppendEscaped(out, s, /*json=*/false); }

void LogValue::AppendJson(std::string& out, bool redact) const {
  if (kind_ == Kind::kNull) {
    out += "null";
    return;
  }
  if (redact) {
    out += "\"***\"";
    return;
  }
  switch (kind_) {
    case Kind::kString:
      AppendJsonString(out, string_);
      break;
    case Kind::kInt:
      fmt::format_to(std::back_inserter(out), "{}", int_);
      break;
    case Kind::kDouble:
      fmt::format_to(std::back_inserter(out), "{}", double_);
      break;
    case Kind::kBool:
      out += int_ ? "true" : "false";
      break;
    case Kind::kJson:
      out += boost::json::serialize(RedactJson(*json_));
      break;
    case Kind::kJsonObject:
      out += boost::json::serialize(RedactJson(*object_));
      break;
    case Kind::kNull:
      break;
  }
}

void LogValue::AppendText(std::string& out, bool redact) const {
  if (redact && kind_ != Kind::kNull) {
    out += kRedacted;
  } else if (kind_ == Kind::kString) {
    AppendTextEscaped(out, string_);
  } else if (kind_ == Kind::kDouble) {
    fmt::format_to(std::back_inserter(out), "{:.3f}", double_);
  } else {
    std::string json;
    AppendJson(json, redact);
    AppendTextEscaped(out, json);  // JSON escapes control characters already; kept for safety
  }
}

}  // namespace ucf::observability
