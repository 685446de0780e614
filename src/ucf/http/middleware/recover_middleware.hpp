#pragma once
// The last-resort catch: an exception escaping a handler becomes a logged 500 envelope that names
// the request id, never a crash and never a stack trace or exception text in the response.

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
