#include "ucf/connectors/postgres/pg_target.hpp"

#include <array>
#include <optional>

#include "boost/json/value.hpp"
#include "ucf/connectors/postgres/pg_ident.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

constexpr std::size_t kMaxUrlBytes = 2048;
constexpr std::size_t kMaxHostBytes = 253;
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::array<std::string_view, 6> kSslModes = {"disable", "allow",     "prefer",
                                                       "require", "verify-ca", "verify-full"};

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// A DNS name / IPv4 literal (letters, digits, '-', '.', labels not starting or ending with '-')
// or an IPv6 literal (hex digits, ':' and '.').
bool IsValidHost(std::string_view host) {
  if (host.empty() || host.size() > kMaxHostBytes) return false;
  if (host.find(':') != std::string_view::npos) {
    for (char c : host) {
      if (!IsHex(c) && c != ':' && c != '.') return false;
    }
    return true;
  }
  for (std::string_view label : core::Split(host, '.')) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!IsAlnum(c) && c != '-') return false;
    }
  }
  return true;
}

absl::Status CheckText(std::string_view field, std::string_view value, std::size_t max_bytes,
                       bool secret) {
  if (value.size() > max_bytes) {
    return core::InvalidField(field, core::StrCat("longer than ", max_bytes, " bytes"));
  }
  if (!IsCleanUtf8(value)) {
    return core::InvalidField(field, secret ? "contains a NUL byte or invalid UTF-8"
                                            : "not valid UTF-8 text (or contains a NUL byte)");
  }
  return absl::OkStatus();
}

// Validates `target` (fields named as in the form, or all as `url_field` when set).
absl::Status Validate(const PgTarget& t, std::optional<std::string_view> url_field,
                      const HostCheck& check_host) {
  auto name = [&](std::string_view field) { return url_field ? *url_field : field; };
  if (t.host.empty()) return core::InvalidField(name("host"), "host is required");
  if (!IsValidHost(t.host)) {
    return core::InvalidField(name("host"),
                              "host must be a DNS name or an IP address (no socket paths or lists)");
  }
  if (t.port < 1 || t.port > 65535) return core::InvalidField(name("port"), "port must be 1..65535");
  if (t.database.empty()) return core::InvalidField(name("database"), "database is required");
  UCF_RETURN_IF_ERROR(CheckText(name("database"), t.database, kMaxIdentifierBytes, false));
  if (t.user.empty()) return core::InvalidField(name("user"), "user is required");
  UCF_RETURN_IF_ERROR(CheckText(name("user"), t.user, kMaxIdentifierBytes, false));
  UCF_RETURN_IF_ERROR(CheckText(name("password"), t.password, kMaxPasswordBytes, true));
  bool mode_ok = false;
  for (std::string_view mode : kSslModes) mode_ok = mode_ok || t.sslmode == mode;
  if (!mode_ok) {
    return core::InvalidField(
        name("sslmode"), "sslmode must be disable, allow, prefer, require, verify-ca or verify-full");
  }
  if (!check_host) return absl::InternalError("postgresql: no host check configured");
  return check_host(t.host);
}

absl::StatusOr<std::string> StringField(const boost::json::object& fields, std::string_view key) {
  const boost::json::value* v = fields.if_contains(key);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return core::InvalidField(key, "must be a string");
  return std::string(v->get_string().data(), v->get_string().size());
}

absl::StatusOr<int> PortField(const boost::json::object& fields) {
  const boost::json::value* v = fields.if_contains("port");
  if (v == nullptr || v->is_null()) return 5432;
  if (v->is_int64()) {
    std::int64_t p = v->get_int64();
    if (p < 1 || p > 65535) return core::InvalidField("port", "port must be 1..65535");
    return static_cast<int>(p);
  }
  if (v->is_uint64()) return core::InvalidField("port", "port must be 1..65535");
  if (v->is_string()) {
    std::string_view text(v->get_string().data(), v->get_string().size());
    if (text.empty() || text.size() > 5) return core::InvalidField("port", "port must be 1..65535");
    int p = 0;
    for (char c : text) {
      if (c < '0' || c > '9') return core::InvalidField("port", "port must be an integer");
      p = p * 10 + (c - '0');
    }
    if (p < 1 || p > 65535) return core::InvalidField("port", "port must be 1..65535");
    return p;
  }
  return core::InvalidField("port", "port must be an integer");
}

// Percent-decodes a URL component; nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size() || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) return std::nullopt;
    out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
    i += 2;
  }
  return out;
}

}  // namespace

std::string PgTarget::ToString() const {
  std::string host_part = host.find(':') != std::string::npos ? core::StrCat("[", host, "]") : host;
  return core::StrCat("postgresql://", user, "@", host_part, ":", port, "/", database,
                      "?sslmode=", sslmode);
}

absl::StatusOr<PgTarget> ParsePgTarget(const boost::json::object& fields,
                                       const HostCheck& check_host) {
  UCF_ASSIGN_OR_RETURN(std::string url, StringField(fields, "url"));
  if (!url.empty()) {
    for (std::string_view key : {"host", "port", "database", "user", "password", "sslmode"}) {
      const boost::json::value* v = fields.if_contains(key);
      if (v != nullptr && !v->is_null() && !(v->is_string() && v->get_string().empty())) {
        return core::InvalidField("url", core::StrCat("give either url or the separate fields, not "
                                                      "both (", key, " is set)"));
      }
    }
    return ParsePgUrl(url, check_host);
  }
  PgTarget t;
  UCF_ASSIGN_OR_RETURN(t.host, StringField(fields, "host"));
  UCF_ASSIGN_OR_RETURN(t.port, PortField(fields));
  UCF_ASSIGN_OR_RETURN(t.database, StringField(fields, "database"));
  UCF_ASSIGN_OR_RETURN(t.user, StringField(fields, "user"));
  UCF_ASSIGN_OR_RETURN(t.password, StringField(fields, "password"));
  UCF_ASSIGN_OR_RETURN(std::string sslmode, StringField(fields, "sslmode"));
  if (!sslmode.empty()) t.sslmode = std::move(sslmode);
  if (t.host.size() > kMaxHostBytes) return core::InvalidField("host", "host is too long");
  UCF_RETURN_IF_ERROR(Validate(t, std::nullopt, check_host));
  return t;
}

absl::StatusOr<PgTarget> ParsePgUrl(std::string_view url, const HostCheck& check_host) {
  constexpr std::string_view kField = "url";
  if (url.size() > kMaxUrlBytes) return core::InvalidField(kField, "url is too long");
  if (!IsCleanUtf8(url)) return core::InvalidField(kField, "url is not valid UTF-8 text");
  std::string_view rest = url;
  bool scheme_ok = false;
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (rest.size() >= scheme.size() && core::EqualsIgnoreCase(rest.substr(0, scheme.size()), scheme)) {
      rest.remove_prefix(scheme.size());
      scheme_ok = true;
      break;
    }
  }
  if (!scheme_ok) return core::InvalidField(kField, "url must start with postgresql://");
  if (rest.find('#') != std::string_view::npos) {
    return core::InvalidField(kField, "url must not have a fragment");
  }
  std::size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  rest = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);

  PgTarget t;
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
    std::size_t colon = userinfo.find(':');
    auto user = PercentDecode(userinfo.substr(0, colon));
    if (!user) return core::InvalidField(kField, "bad percent-escape in the user");
    t.user = *std::move(user);
    if (colon != std::string_view::npos) {
      auto password = PercentDecode(userinfo.substr(colon + 1));
      if (!password) return core::InvalidField(kField, "bad percent-escape in the password");
      t.password = *std::move(password);
    }
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return core::InvalidField(kField, "unterminated [IPv6]");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return core::InvalidField(kField, "junk after [IPv6]");
      port = after.substr(1);
    }
    if (host.find(':') == std::string_view::npos) {
      return core::InvalidField(kField, "[brackets] are only for IPv6 addresses");
    }
  } else {
    std::size_t colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
  }
  t.host = std::string(host);
  if (!port.empty()) {
    auto p = core::ParseInt64(port);
    if (!p || port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos ||
        *p < 1 || *p > 65535) {
      return core::InvalidField(kField, "port must be 1..65535");
    }
    t.port = static_cast<int>(*p);
  }
  std::string_view query;
  if (std::size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  if (!rest.empty()) {
    std::string_view path = rest.substr(1);  // after '/'
    if (path.find('/') != std::string_view::npos) {
      return core::InvalidField(kField, "the url path must be just /database");
    }
    auto database = PercentDecode(path);
    if (!database) return core::InvalidField(kField, "bad percent-escape in the database");
    t.database = *std::move(database);
  }
  for (std::string_view param : core::Split(query, '&', /*skip_empty=*/true)) {
    std::size_t eq = param.find('=');
    std::string_view key = param.substr(0, eq);
    if (key != "sslmode" || eq == std::string_view::npos) {
      return core::InvalidField(kField, "the only url parameter accepted is sslmode");
    }
    auto mode = PercentDecode(param.substr(eq + 1));
    if (!mode) return core::InvalidField(kField, "bad percent-escape in sslmode");
    t.sslmode = *std::move(mode);
  }
  UCF_RETURN_IF_ERROR(Validate(t, kField, check_host));
  return t;
}

}  // namespace ucf::connectors::postgres
