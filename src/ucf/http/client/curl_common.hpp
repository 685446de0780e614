#pragma once
// What every libcurl transfer of UCF shares (an implementation detail of CurlHttpClient and
// CurlStreamEngine): request validation, the header list, the method/body options and the
// transport policy (http/https only, redirects never followed, no environment proxy, TLS always
// verified), and the Status for a failed transfer (error codes: http_client.hpp).

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/http/client/upstream_request.hpp"
#include "ucf/http/headers.hpp"

namespace ucf::http::curl {

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;

// InvalidArgument when the method is not a token, the URL not absolute http(s), or a header or the
// URL carries CR/LF/NUL.
absl::Status ValidateRequest(const UpstreamRequest& request);

// The request's headers as libcurl wants them; `Expect:` always suppressed, and Content-Type
// suppressed when the request has none. On a thread serving a request (CurrentRequestContext),
// X-Request-Id and a W3C traceparent (its trace, a new span) are added unless already present.
absl::StatusOr<Slist> BuildHeaderList(const UpstreamRequest& request);

// Method and body; POSTFIELDS does not copy: `request` must outlive the transfer.
void SetMethodAndBody(CURL* h, const UpstreamRequest& request);

// URL, protocols, no redirects, no proxy, TLS verification (`ca_file` or the system store),
// HTTP/2 over TLS, keep-alive, connect timeout, headers.
void ApplyTransportPolicy(CURL* h, const UpstreamRequest& request, const std::string& ca_file,
                          std::chrono::milliseconds connect_timeout, curl_slist* headers);

// One header line as libcurl hands it to a header callback, added to `headers`. Each status line
// starts a new block (those of interim 1xx responses are dropped this way): kStatusLine, with
// `*status` set when given; the blank line ending a block: kEnd.
enum class HeaderLine { kStatusLine, kField, kEnd };
HeaderLine AddHeaderLine(std::string_view line, Headers& headers, int* status = nullptr);

// The Status for a transfer that ended with `code`; `refused`: the SSRF guard refused the
// address; `too_large`: the body exceeded `max_body` bytes.
absl::Status TransportError(CURLcode code, bool refused, bool too_large,
                            const UpstreamRequest& request, std::size_t max_body);

}  // namespace ucf::http::curl
