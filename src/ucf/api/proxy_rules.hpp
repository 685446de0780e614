#pragma once
// The passthrough proxy's rules, as pure functions (proxy_handler.hpp applies them):
//
// Path: the part of the raw request target after "/proxy/{connectionId}/" is appended to the
// connection's API base URL exactly as received (still percent-encoded) — never decoded, so it can
// add or remove no path segment. Refused (InvalidArgument naming "path"): a "." or ".." segment,
// an encoded '.', '/', '\' or '%' (%2e %2f %5c %25, any case: encoded and double-encoded
// traversal), a backslash, an empty segment at the start ("//host": a network-path reference), a
// scheme in the first segment ("https:…", an absolute URL), '#', and bytes outside printable ASCII.
// The query string passes unchanged under the same byte rule.
//
// Headers (RFC 9110 §7.6.1 hop-by-hop fields: Connection and every field it names, Keep-Alive,
// Proxy-Connection, Proxy-Authenticate, Proxy-Authorization, TE, Trailer, Transfer-Encoding,
// Upgrade):
//   to the provider:  all but hop-by-hop, Host, Authorization (UCF adds the connection's),
//                     Cookie, Content-Length (set from the body), and UCF's own X-Tenant-Id,
//                     X-Api-Tag, X-Request-Id, X-Correlation-Id, traceparent, tracestate, and
//                     X-Forwarded-* (replaced by UCF's values where it has them)
//   to the caller:    all but hop-by-hop and Set-Cookie / Set-Cookie2 (a provider session must not
//                     reach the tenant's client); Content-Length is kept — the bytes pass
//                     undecoded, so the server sends them raw under it (chunked without one)
//
// Redirects: a Location that leaves the connection's API origin (absolute on another
// scheme/host/port, or "//host" scheme-relative) is refused by the proxy.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/http/headers.hpp"

namespace ucf::api {

// The upstream URL for `raw_target` (the request target as received: "/proxy/<id>/<tail>?<q>")
// under `base_url` (no trailing slash). InvalidArgument naming "path" when a rule refuses it.
absl::StatusOr<std::string> ProxyUpstreamUrl(std::string_view base_url, std::string_view raw_target);

http::Headers ForwardedRequestHeaders(const http::Headers& incoming);
http::Headers ReturnedResponseHeaders(const http::Headers& upstream);

// Whether a response with this Location header stays on `base_url`'s origin (relative references
// do; absolute ones only with the same scheme, host and port).
bool RedirectStaysOnOrigin(std::string_view location, std::string_view base_url);

}  // namespace ucf::api
