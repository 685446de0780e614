#include "ucf/observability/redact.hpp"

#include "ucf/core/strings.hpp"

#include <array>

#include "boost/json/array.hpp"
#include "boost/json/object.hpp"

namespace ucf::observability {
namespace {

constexpr std::array<std::string_view, 16> kSecretParts = {
    "password", "passwd",    "secret",    "token",      "apikey",    "authorization", "privatekey",
    "accesskey", "passphrase", "credential", "cookie", "signature", "sessionid",     "codeverifier",
    "connectionstring", "connstring"};
constexpr std::array<std::string_view, 10> kSecretWords = {"code", "state", "key", "pwd", "sig",
                                                           "auth", "pass", "pw", "jwt", "dsn"};
constexpr std::array<std::string_view, 9> kDescriptiveSuffixes = {
    "id", "type", "url", "uri", "at", "expiresin", "method", "name", "prefix"};

std::string Normalize(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '-' || c == '_' || c == '.') continue;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string PercentDecode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 && HexValue(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2])));
      i += 2;
    } else {
      out.push_back(in[i] == '+' ? ' ' : in[i]);
    }
  }
  return out;
}

}  // namespace

bool IsSecretKey(std::string_view key) {
  std::string k = Normalize(key);
  if (k.empty()) return false;
  for (std::string_view w : kSecretWords) {
    if (k == w) return true;
  }
  if (core::Contains(k, "sessionid")) return true;
  for (std::string_view s : kDescriptiveSuffixes) {
    if (core::EndsWith(k, s)) return false;
  }
  for (std::string_view p : kSecretParts) {
    if (core::Contains(k, p)) return true;
  }
  return core::EndsWith(k, "key");  // encryption_key, signingKey, x-api-key
}

bool IsDroppedHeader(std::string_view name) {
  return core::EqualsIgnoreCase(name, "authorization") || core::EqualsIgnoreCase(name, "cookie") ||
         core::EqualsIgnoreCase(name, "set-cookie") ||
         core::EqualsIgnoreCase(name, "proxy-authorization");
}

boost::json::value RedactJson(const boost::json::value& value) {
  if (value.is_object()) {
    boost::json::object out;
    for (const auto& [k, v] : value.as_object()) {
      if (IsSecretKey(k) && !v.is_null()) {
        out[k] = kRedacted;
      } else {
        out[k] = RedactJson(v);
      }
    }
    return out;
  }
  if (value.is_array()) {
    boost::json::array out;
    for (const auto& v : value.as_array()) out.push_back(RedactJson(v));
    return out;
  }
  return value;
}

std::string RedactQuery(std::string_view query) {
  std::vector<std::string> parts;
  for (std::string_view pair : core::Split(query, '&')) {
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    if (eq != std::string_view::npos && IsSecretKey(PercentDecode(key))) {
      parts.push_back(std::string(key) + "=" + std::string(kRedacted));
    } else {
      parts.emplace_back(pair);
    }
  }
  return core::Join(parts, "&");
}

}  // namespace ucf::observability
