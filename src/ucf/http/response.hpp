#pragma once
// The server's view of one HTTP response: a status, headers and either a whole body or a stream.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/http/headers.hpp"

namespace ucf::http {

// A response body produced piece by piece (Server-Sent Events, proxied downloads) without holding
// a thread while it waits.
//
// Contract:
//   - the server calls Pull, and calls it again only after the previous piece was written to the
//     client (back-pressure: at most one piece is in flight);
//   - the stream calls `next` exactly once per Pull, from any thread, at once or later (SSE: when
//     an event arrives) with: bytes to send (an empty string is allowed and sends nothing);
//     std::nullopt at the end of the body; or an error, which aborts the response (the connection
//     is closed without a proper end, so the client sees a truncated body);
//   - Cancel: the client went away, a write failed or the server stops. The stream releases what it
//     holds and need not call a pending `next` (calling it is harmless). Called at most once, and
//     never after the stream ended with nullopt or an error.
// The server keeps the stream alive until it ended or was cancelled.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  using Piece = absl::StatusOr<std::optional<std::string>>;
  virtual void Pull(std::function<void(Piece)> next) = 0;
  virtual void Cancel() = 0;
};

struct Response;

// A response whose head is not known when the handler returns (a proxied upload: the provider
// answers once the streamed request body was sent). The handler returns a Response carrying it;
// the server frees the handler's thread and calls Await once, and the producer calls `ready`
// exactly once, from any thread, at once or later, with the real response; the headers the
// middlewares set on the placeholder (request id, trace, CORS) replace those of the same name.
// The producer must call `ready` in bounded time (an upstream timeout at the latest).
class DeferredResponse {
 public:
  virtual ~DeferredResponse() = default;
  virtual void Await(std::function<void(Response)> ready) = 0;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When set, `body` is ignored and the body is this stream: sent with chunked transfer encoding,
  // or as raw bytes when `headers` carry a Content-Length (the stream must then produce exactly
  // that many bytes; fewer close the connection).
  std::shared_ptr<BodyStream> stream;
  // When set, this response is a placeholder (status 0 in access logs and HTTP metrics) and the
  // answer comes from `deferred` (see DeferredResponse).
  std::shared_ptr<DeferredResponse> deferred;
  bool omit_body = false;  // HEAD: send Content-Length of `body` but no body bytes
  // Why a 500 happened (the Status text), for the server log only; never sent to the client.
  // RecoverMiddleware logs it, scrubbed, with the request id.
  std::string internal_cause;

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string_view content_type);
  // A streamed response (see BodyStream) with the given content type.
  static Response Stream(int status, std::shared_ptr<BodyStream> stream,
                         std::string_view content_type);
};

}  // namespace ucf::http
