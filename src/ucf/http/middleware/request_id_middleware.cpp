#include "ucf/http/middleware/request_id_middleware.hpp"

#include <algorithm>

#include "ucf/core/ids.hpp"
#include "ucf/observability/request_context.hpp"
#include "ucf/observability/trace_context.hpp"

namespace ucf::http {
namespace {

bool Acceptable(std::string_view id) {
  return !id.empty() && id.size() <= 128 &&
         std::all_of(id.begin(), id.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

std::string HeaderOrEmpty(const Request& r, std::string_view name, size_t max_len) {
  auto v = r.headers.Get(name);
  if (!v || v->size() > max_len) return {};
  return std::string(*v);
}

}  // namespace

Response RequestIdMiddleware::Handle(Request& request, Next next) const {
  auto& ctx = request.context;
  for (std::string_view name : {"X-Request-Id", "X-Correlation-Id"}) {
    auto v = request.headers.Get(name);
    if (v && Acceptable(*v)) {
      ctx.request_id = std::string(*v);
      break;
    }
  }
  if (ctx.request_id.empty()) ctx.request_id = core::NewRequestId();
  // W3C trace context: continue the caller's trace, or start one; this request is a new span.
  std::optional<std::string_view> traceparent = request.headers.Get("traceparent");
  std::optional<observability::TraceParent> parent =
      traceparent ? observability::ParseTraceParent(*traceparent) : std::nullopt;
  ctx.trace_id = parent ? parent->trace_id : observability::NewTraceId();
  ctx.trace_flags = parent ? parent->flags : "01";
  ctx.span_id = observability::NewSpanId();
  ctx.tenant_id = HeaderOrEmpty(request, "X-Tenant-Id", 64);
  ctx.api_tag = HeaderOrEmpty(request, "X-Api-Tag", 128);
  observability::ScopedRequestContext scope(ctx);
  Response response = next(request);
  response.headers.Set("X-Request-Id", ctx.request_id);
  response.headers.Set("traceparent", observability::FormatTraceParent({ctx.trace_id, ctx.span_id, ctx.trace_flags}));
  return response;
}

}  // namespace ucf::http
