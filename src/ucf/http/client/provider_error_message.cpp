#include "ucf/http/client/provider_error_message.hpp"

#include <array>
#include <vector>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "boost/json/value.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::http {
namespace {

namespace json = boost::json;

std::string Text(const json::value* v) {
  if (v == nullptr) return "";
  if (v->is_string()) return std::string(core::Trim(std::string_view(v->as_string())));
  if (v->is_int64() || v->is_uint64()) return json::serialize(*v);
  return "";
}

std::string Field(const json::object& o, std::string_view key) { return Text(o.if_contains(key)); }

// A provider body may list any number of errors; the message keeps the first few (and checking
// each new one against those stays O(1), not quadratic in the body).
constexpr std::size_t kMaxParts = 16;

void Add(std::vector<std::string>& parts, std::string part) {
  if (part.empty() || parts.size() >= kMaxParts) return;
  for (const std::string& existing : parts) {
    if (existing == part) return;
  }
  parts.push_back(std::move(part));
}

std::string Prefixed(const std::string& prefix, const std::string& text) {
  if (prefix.empty()) return text;
  if (text.empty()) return prefix;
  return core::StrCat(prefix, ": ", text);
}

// One element of an "errors" array or a Salesforce error list.
std::string ErrorObjectText(const json::object& o) {
  std::string text = Field(o, "message");
  if (text.empty()) text = Field(o, "detail");
  if (text.empty()) text = Field(o, "title");
  std::string code = Field(o, "errorCode");
  if (!code.empty()) return Prefixed(code, text);
  if (!text.empty()) return text;
  // GitHub validation errors: {"resource": "Issue", "field": "title", "code": "missing_field"}.
  return Prefixed(Field(o, "field"), Field(o, "code"));
}

void FromErrors(const json::value& errors, std::vector<std::string>& parts) {
  if (errors.is_object()) {
    for (const auto& [field, message] : errors.as_object()) {
      Add(parts, Prefixed(std::string(std::string_view(field)), Text(&message)));
    }
  } else if (errors.is_array()) {
    for (const json::value& e : errors.as_array()) {
      if (e.is_string()) Add(parts, Text(&e));
      if (e.is_object()) Add(parts, ErrorObjectText(e.as_object()));
    }
  }
}

std::vector<std::string> FromObject(const json::object& o) {
  std::vector<std::string> parts;
  Add(parts, Field(o, "message"));
  if (const json::value* messages = o.if_contains("errorMessages");
      messages && messages->is_array()) {
    for (const json::value& m : messages->as_array()) Add(parts, Text(&m));
  }
  if (const json::value* errors = o.if_contains("errors")) FromErrors(*errors, parts);
  if (const json::value* error = o.if_contains("error")) {
    if (error->is_string()) Add(parts, Prefixed(Text(error), Field(o, "error_description")));
    if (error->is_object()) Add(parts, ErrorObjectText(error->as_object()));
  }
  if (parts.empty()) {
    static constexpr std::array<std::string_view, 6> kFallbacks = {
        "error_description", "detail", "title", "error_message", "errorMessage", "msg"};
    for (std::string_view key : kFallbacks) {
      Add(parts, Field(o, key));
      if (!parts.empty()) break;
    }
  }
  return parts;
}

std::string PlainText(std::string_view body) {
  body = core::Trim(body);
  if (body.empty() || body.front() == '<' || body.front() == '{' || body.front() == '[') return "";
  return std::string(core::Trim(body.substr(0, body.find('\n'))));
}

}  // namespace

std::string ExtractProviderMessage(std::string_view body) {
  boost::system::error_code ec;
  json::value doc = json::parse(json::string_view(body.data(), body.size()), ec);
  if (ec) return PlainText(body);
  std::vector<std::string> parts;
  if (doc.is_object()) parts = FromObject(doc.as_object());
  if (doc.is_array()) {
    for (const json::value& e : doc.as_array()) {
      if (e.is_object()) Add(parts, ErrorObjectText(e.as_object()));
    }
  }
  if (doc.is_string()) Add(parts, Text(&doc));
  return core::Join(parts, "; ");
}

}  // namespace ucf::http
