#pragma once
// HttpClient: the seam for every outbound call to a provider (connectors, OAuth, webhooks).
//
// Send performs one request and blocks the calling thread until the response is complete, so call
// it from a worker thread, never from a network thread. Implementations are thread-safe: one
// client serves concurrent Sends.
//
// Any HTTP status is a response (a 404 or 503 is OK at this level; StatusFromUpstream in
// upstream_error.hpp turns it into a Status). A Status means no usable response arrived:
//   InvalidArgument    the request itself is malformed (URL not http(s), CR/LF in a header,
//                      empty method)
//   PermissionDenied   the URL's host resolved only to a refused address (loopback, private,
//                      link-local... see address_policy.hpp); nothing was sent
//   Unavailable        connection refused or reset, DNS failure, TLS handshake failure, garbage
//                      or truncated response (retryable for idempotent requests)
//   DeadlineExceeded   the connect or total timeout expired (retryable for idempotent requests)
//   ResourceExhausted  the response body exceeded the client's size cap (the gRPC convention for
//                      an over-large message; details {"reason": "response_too_large",
//                      "limitBytes": N}); never retried
//   FailedPrecondition the peer's TLS certificate failed verification; never retried
//   Internal           anything else (out of memory, a libcurl bug)
// Decorators add: ResourceExhausted (details.reason "concurrency_limit") from ConcurrencyLimiter
// when the connection is at its limit.
// Error messages name the method and the URL without its query string or user info.

#include "absl/status/statusor.h"
#include "ucf/http/client/upstream_request.hpp"
#include "ucf/http/client/upstream_response.hpp"

namespace ucf::http {

class HttpClient {
 public:
  virtual ~HttpClient() = default;

  virtual absl::StatusOr<UpstreamResponse> Send(const UpstreamRequest& request) = 0;
};

}  // namespace ucf::http
