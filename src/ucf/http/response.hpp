#pragma once
// The server's view of one HTTP response.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

#include "ucf/http/headers.hpp"

namespace ucf::http {

class BodyStream {            // a response body produced piece by piece, without holding a thread
 public:
  virtual ~BodyStream() = default;
  using Piece = absl::StatusOr<std::optional<std::string>>;  // bytes | nullopt = end | error = abort
  // The server asks for the next piece; the stream calls `next` exactly once, from any thread, now or
  // later (SSE: when an event arrives). Pull is called again only after the previous piece was written.
  virtual void Pull(std::function<void(Piece)> next) = 0;
  // The client went away or the server stops: release resources; a pending `next` may still be called.
  virtual void Cancel() = 0;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  bool omit_body = false;  // HEAD: send Content-Length of `body` but no body bytes
  // Why a 500 happened (the Status text), for the server log only; never sent to the client.
  // RecoverMiddleware logs it, scrubbed, with the request id.
  std::string internal_cause;
  std::shared_ptr<BodyStream> stream;  // set: `body` ignored, sent chunked

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string_view content_type);
};

}  // namespace ucf::http
