#pragma once
// One access-log line per request (method, path, route, status, duration_ms, bytes, the redacted
// query, request_id, tenant_id, api_tag from the context; path and query cut to 2 KiB, control
// characters escaped by the logger) and the request metrics:
//   http_requests_total{method,route,status}, http_request_duration_seconds{method,route},
//   http_requests_in_flight.
// Route labels are patterns ("/api/connections/{id}"), or "unmatched", never raw paths.
// A deferred answer (Response::deferred) is logged and counted when it is delivered.

#include "ucf/http/middleware/middleware.hpp"
#include "ucf/observability/logger.hpp"
#include "ucf/observability/metrics.hpp"

namespace ucf::http {

class AccessLogMiddleware final : public Middleware {
 public:
  AccessLogMiddleware(const observability::Logger& logger, observability::MetricsRegistry& metrics);
  Response Handle(Request& request, Next next) const override;

 private:
  struct Entry;
  void Record(const Entry& entry, const Response& response) const;

  const observability::Logger& logger_;
  observability::CounterFamily& requests_;
  observability::HistogramFamily& latency_;
  observability::GaugeFamily& in_flight_;
};

}  // namespace ucf::http
