#pragma once
// Establishes the request's identity: request id (X-Request-Id, else X-Correlation-Id, else a new
// UUID; a supplied id must be 1–128 visible ASCII characters, otherwise a new one is used),
// X-Tenant-Id and X-Api-Tag into the request context, and makes that context current on this
// thread for everything downstream. Echoes X-Request-Id on the response. W3C trace context
// (observability/trace_context.hpp): a valid `traceparent` is continued, otherwise a trace is
// started; the request's span is new either way and answered as `traceparent`; the logger writes
// the trace id on every line of the request.

#include "ucf/http/middleware/middleware.hpp"

namespace ucf::http {

class RequestIdMiddleware final : public Middleware {
 public:
  Response Handle(Request& request, Next next) const override;
};

}  // namespace ucf::http
