#pragma once
// StreamingHttpClient: the seam for outbound calls whose response body is passed on as it arrives
// (the passthrough proxy), never held whole in memory.
//
// Open sends the request and blocks the caller only until the response HEAD (status + headers)
// arrived; the body then comes through the returned stream's Pull (http::BodyStream), produced by
// a transfer that holds no caller thread. Errors before the head are those of http_client.hpp
// (InvalidArgument, PermissionDenied, Unavailable, DeadlineExceeded for the head timeout,
// FailedPrecondition for TLS verification). Any HTTP status, 3xx included, is a head: redirects are
// never followed. The caller must read the stream to its end or Cancel it (a stream nobody pulls
// stays paused and holds its upstream connection). Thread-safe.

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "ucf/http/client/upstream_request.hpp"
#include "ucf/http/headers.hpp"
#include "ucf/http/response.hpp"

namespace ucf::http {

class UpstreamStream : public BodyStream {
 public:
  virtual int status() const = 0;
  // As received, in order (hop-by-hop fields included: filtering is the caller's); the body is
  // passed on as sent (no Content-Encoding is decoded).
  virtual const Headers& headers() const = 0;
};

class StreamingHttpClient {
 public:
  using HeadFn = std::function<void(absl::StatusOr<std::shared_ptr<UpstreamStream>>)>;
  virtual ~StreamingHttpClient() = default;
  virtual absl::StatusOr<std::shared_ptr<UpstreamStream>> Open(const UpstreamRequest& request) = 0;
  // Open without blocking (required for a streamed body, UpstreamRequest::body_stream):
  // `on_head` is called exactly once, from the client's own thread, with the stream once the head
  // arrived or with why the request failed. It must not block. The head timeout applies except
  // to a streamed body (which may take long to send: a transfer making no progress ends with the
  // stall timeout).
  virtual void OpenAsync(const UpstreamRequest& request, HeadFn on_head) = 0;
};

}  // namespace ucf::http
