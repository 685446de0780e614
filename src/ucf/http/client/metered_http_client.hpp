#pragma once
// MeteredHttpClient: an HttpClient decorator counting every attempt that reaches the provider:
//   ucf_upstream_requests_total{purpose, status_class}   status_class: 2xx 3xx 4xx 5xx, or "error"
//   (no response: refused, timeout, connection failure); purpose: UpstreamRequest::purpose
//   (a connector id, "oauth", …) or "other".
// Placed right above the transport (under RetryingHttpClient) so each retry is one more attempt.
// Thread-safe; `inner` and `metrics` must outlive it.

#include "ucf/http/client/http_client.hpp"
#include "ucf/observability/metrics.hpp"

namespace ucf::http {

class MeteredHttpClient final : public HttpClient {
 public:
  MeteredHttpClient(HttpClient& inner, observability::MetricsRegistry& metrics);

  absl::StatusOr<UpstreamResponse> Send(const UpstreamRequest& request) override;

 private:
  HttpClient& inner_;
  observability::CounterFamily& requests_;
};

// "2xx" … "5xx" for a status, "error" for no response.
std::string_view StatusClass(const absl::StatusOr<UpstreamResponse>& outcome);

}  // namespace ucf::http
