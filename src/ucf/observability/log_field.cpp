#include "ucf/observability/log_field.hpp"

#include <fmt/format.h>

#include "boost/json/serialize.hpp"
#include "ucf/observability/redact.hpp"

namespace ucf::observability {

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
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
        if (static_cast<unsigned char>(c) < 0x20) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void AppendTextEscaped(std::string& out, std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7f && c != '\\') {
      out += c;
      continue;
    }
    switch (c) {
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
        fmt::format_to(std::back_inserter(out), "\\x{:02x}", static_cast<unsigned>(u));
    }
  }
}

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
