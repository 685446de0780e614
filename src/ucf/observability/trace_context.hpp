#pragma once
// W3C Trace Context (https://www.w3.org/TR/trace-context/) for requests and the provider calls they
// make: a request's `traceparent` is accepted when valid (version 00 form; all-zero ids and
// version ff refused) or a new trace is started; every request gets its own span id; outbound
// calls carry the request's trace id with a new span id, and X-Request-Id.
// Pure functions; thread-safe.

#include <optional>
#include <string>
#include <string_view>

namespace ucf::observability {

struct TraceParent {
  std::string trace_id;   // 32 lower-case hex digits, not all zero
  std::string parent_id;  // 16 lower-case hex digits, not all zero
  std::string flags;      // 2 hex digits ("01" = sampled)
};

// nullopt unless `header` is a valid traceparent (at most 512 bytes looked at).
std::optional<TraceParent> ParseTraceParent(std::string_view header);
std::string FormatTraceParent(const TraceParent& parent);
std::string NewTraceId();  // 32 hex digits
std::string NewSpanId();   // 16 hex digits

}  // namespace ucf::observability
