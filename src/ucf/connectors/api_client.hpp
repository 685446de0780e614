#pragma once
// ApiClient: how a connector talks to its provider for ONE connection. The framework builds it
// with the connection's base URL and credentials; connectors only say method, path and body.
//
// Contract of Send:
//   - `path_or_url` starting with "/" is appended to BaseUrl(); an absolute http(s) URL is used as
//     it is only when it is on the same origin as BaseUrl() (connectors follow provider "next"
//     links this way), anything else is InvalidArgument;
//   - authentication is added (Bearer access token for oauth2, Basic email:token for api_key/basic,
//     the provider's header for personal tokens) together with Accept: application/json and, with a
//     body, Content-Type: application/json;
//   - an oauth2 401 makes ONE forced refresh (token_refresher.hpp) and one retry;
//   - retries on 429/5xx/timeouts, SSRF refusal and the per-connection concurrency limit come from
//     the underlying HttpClient decorators;
//   - any 2xx is returned as a response; any other status becomes a Status through
//     StatusFromUpstream (provider message, secrets scrubbed, in details), so connectors can
//     `UCF_ASSIGN_OR_RETURN` and parse.
// Thread-safe for the lifetime of one request. It is the HTTP kind of Session (session.hpp):
// HttpConnector (connector.hpp) hands it to the ApiClient& methods of HTTP connectors.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/connectors/session.hpp"
#include "ucf/http/client/upstream_response.hpp"
#include "ucf/http/headers.hpp"

namespace ucf::connectors {

class ApiClient : public Session {
 public:
  ApiClient* Http() override { return this; }

  virtual absl::StatusOr<http::UpstreamResponse> Send(std::string_view method,
                                                      std::string_view path_or_url,
                                                      std::string_view json_body = {},
                                                      const http::Headers& extra_headers = {}) = 0;

  // The connection's API root without a trailing slash, e.g. "https://acme.atlassian.net" or
  // "https://api.atlassian.com/ex/jira/<cloudId>".
  virtual std::string_view BaseUrl() const = 0;

  // ConnectionId() (Session): the connection this client acts for.
};

}  // namespace ucf::connectors
