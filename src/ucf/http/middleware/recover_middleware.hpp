#pragma once
// The last-resort catch: an exception escaping a handler becomes a logged 500 envelope that names
// the request id, never a crash and never a stack trace or exception text in the response.
// Every 500 answer — an exception or a handler's Status (Response::internal_cause) — is logged at
// error level with its cause (bounded and scrubbed of secrets) and the request id, and the client
// gets only "internal error" and that request id.

#include "ucf/http/middleware/middleware.hpp"
#include "ucf/observability/logger.hpp"

namespace ucf::http {

class RecoverMiddleware final : public Middleware {
 public:
  explicit RecoverMiddleware(const observability::Logger& logger) : logger_(logger) {}
  Response Handle(Request& request, Next next) const override;

 private:
  const observability::Logger& logger_;
};

}  // namespace ucf::http
