#include "ucf/api/proxy_rules.hpp"

#include <algorithm>
#include <array>

#include "ucf/connections/connection_api_client.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::api {
namespace {

absl::Status Refused(std::string_view why) { return core::InvalidField("path", why); }

bool Printable(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

bool IsHopByHop(std::string_view name, const std::vector<std::string>& named_by_connection) {
  static constexpr std::array<std::string_view, 9> kHop = {
      "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
      "TE", "Trailer", "Transfer-Encoding", "Upgrade"};
  for (std::string_view h : kHop) {
    if (core::EqualsIgnoreCase(name, h)) return true;
  }
  for (const std::string& h : named_by_connection) {
    if (core::EqualsIgnoreCase(name, h)) return true;
  }
  return false;
}

// The field names a Connection header lists (bounded: at most 32).
std::vector<std::string> NamedByConnection(const http::Headers& headers) {
  std::vector<std::string> out;
  for (const auto& [name, value] : headers) {
    if (!core::EqualsIgnoreCase(name, "Connection")) continue;
    for (std::string_view token : core::Split(value, ',')) {
      if (out.size() >= 32) break;
      std::string_view t = core::Trim(token);
      if (!t.empty()) out.emplace_back(t);
    }
  }
  return out;
}

http::Headers Filter(const http::Headers& in, std::initializer_list<std::string_view> drop,
                     std::initializer_list<std::string_view> drop_prefixes) {
  std::vector<std::string> named = NamedByConnection(in);
  http::Headers out;
  for (const auto& [name, value] : in) {
    if (IsHopByHop(name, named)) continue;
    bool dropped = std::any_of(drop.begin(), drop.end(),
                               [&](std::string_view d) { return core::EqualsIgnoreCase(name, d); });
    dropped = dropped || std::any_of(drop_prefixes.begin(), drop_prefixes.end(), [&](std::string_view p) {
                return name.size() >= p.size() && core::EqualsIgnoreCase(std::string_view(name).substr(0, p.size()), p);
              });
    if (!dropped) out.Add(name, value);
  }
  return out;
}

}  // namespace

absl::StatusOr<std::string> ProxyUpstreamUrl(std::string_view base_url, std::string_view raw_target) {
  std::size_t q = raw_target.find('?');
  std::string_view path = raw_target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? std::string_view() : raw_target.substr(q + 1);
  if (!Printable(path) || !Printable(query)) return Refused("must be printable ASCII");
  if (path.find('#') != std::string_view::npos || query.find('#') != std::string_view::npos) {
    return Refused("must not contain a fragment");
  }
  // "/proxy/<id>/<tail>": the rules apply to the id segment too, so that the router's (decoded)
  // view and this raw one split the same way.
  constexpr std::string_view kPrefix = "/proxy/";
  std::string_view after = path.starts_with(kPrefix) ? path.substr(kPrefix.size()) : std::string_view();
  if (after.find('\\') != std::string_view::npos) return Refused("must not contain a backslash");
  std::string lower = core::ToLower(after);
  for (std::string_view encoded : {"%2e", "%2f", "%5c", "%25"}) {
    if (lower.find(encoded) != std::string::npos) {
      return Refused("must not contain an encoded '.', '/', '\\' or '%'");
    }
  }
  std::size_t slash = after.find('/');
  std::string_view tail = slash == std::string_view::npos ? std::string_view() : after.substr(slash + 1);
  if (tail.starts_with("/")) return Refused("must not start with '/' (a network-path reference)");
  std::vector<std::string_view> segments = core::Split(tail, '/');
  for (std::string_view s : segments) {
    if (s == "." || s == "..") return Refused("must not contain '.' or '..' segments");
  }
  if (!segments.empty() && segments.front().find(':') != std::string_view::npos) {
    return Refused("must be a path under the connection's API, not an absolute URL");
  }
  std::string url = core::StrCat(base_url, "/", tail);
  if (q != std::string_view::npos) url = core::StrCat(url, "?", query);
  // Belt and braces: whatever the rules above missed, the origin cannot change.
  if (connections::UrlOrigin(url) != connections::UrlOrigin(base_url)) {
    return Refused("must stay on the connection's API origin");
  }
  return url;
}

http::Headers ForwardedRequestHeaders(const http::Headers& incoming) {
  return Filter(incoming,
                {"Host", "Authorization", "Cookie", "Content-Length", "Expect", "X-Tenant-Id", "X-Api-Tag",
                 "X-Request-Id", "X-Correlation-Id", "traceparent", "tracestate", "Forwarded"},
                {"X-Forwarded-"});
}

http::Headers ReturnedResponseHeaders(const http::Headers& upstream) {
  return Filter(upstream, {"Set-Cookie", "Set-Cookie2"}, {});
}

bool RedirectStaysOnOrigin(std::string_view location, std::string_view base_url) {
  location = core::Trim(location);
  if (location.starts_with("//") || location.starts_with("\\") || location.starts_with("/\\")) return false;
  // A reference with a scheme is absolute: compare origins.
  std::size_t colon = location.find(':');
  std::size_t slash = location.find_first_of("/?#");
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) {
    std::string origin = connections::UrlOrigin(location);
    return !origin.empty() && origin == connections::UrlOrigin(base_url);
  }
  return true;
}

}  // namespace ucf::api
