#include "ucf/http/client/metered_http_client.hpp"

namespace ucf::http {

std::string_view StatusClass(const absl::StatusOr<UpstreamResponse>& outcome) {
  if (!outcome.ok()) return "error";
  int s = outcome->status;
  return s >= 500 ? "5xx" : s >= 400 ? "4xx" : s >= 300 ? "3xx" : s >= 200 ? "2xx" : "error";
}

MeteredHttpClient::MeteredHttpClient(HttpClient& inner, observability::MetricsRegistry& metrics)
    : inner_(inner),
      requests_(metrics.Counter("ucf_upstream_requests_total",
                                "Provider calls (each retry counted) by purpose (connector id, oauth, …) "
                                "and status class",
                                {"purpose", "status_class"})) {}

absl::StatusOr<UpstreamResponse> MeteredHttpClient::Send(const UpstreamRequest& request) {
  absl::StatusOr<UpstreamResponse> outcome = inner_.Send(request);
  requests_.Increment({request.purpose.empty() ? std::string_view("other") : std::string_view(request.purpose),
                       StatusClass(outcome)});
  return outcome;
}

}  // namespace ucf::http
