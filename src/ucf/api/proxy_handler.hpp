#pragma once
// The passthrough proxy: ANY /proxy/{connectionId}/{path...} is sent to the connection's API base
// URL with the connection's credentials (UCF adds them; oauth2 tokens refreshed as needed, one
// forced refresh and retry after a 401 for bodies UCF still holds), and the provider's status,
// headers and body come back unchanged except for what proxy_rules.hpp removes.
//
// Runs on the upstream pool only until the transfer started (static credentials, streamed request
// bodies: the answer is an http::DeferredResponse made on the engine's thread when the head
// arrives) or, for oauth2 connections with a body UCF holds, until the head arrived (so a 401 can
// be retried); the body then streams through http::BodyStream from the StreamingHttpClient's
// transfer (constant memory, no thread held). Request bodies stream too (the route declares streams_request_body): the server hands
// the body as a source, the transfer pulls it piece by piece as the provider takes it, and the
// answer is deferred (http::DeferredResponse) until the provider's head arrives — the handler's
// thread is free once the transfer started, the body is never held whole and has no size cap
// (no 401 refresh-and-retry for such a body: it cannot be sent twice). A call holds one of the connection's in-flight permits (the quota browse and sync share)
// until its body is done; none free → 429 + Retry-After. Refusals: proxy_rules.hpp (400 naming
// "path"), a redirect leaving the API origin (502 upstream_redirect_refused, nothing passed on).
// Counted in ucf_proxy_requests_total{connector, outcome}; no audit entry per call.

#include <functional>
#include <optional>
#include <string>

#include "ucf/api/api_deps.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/http/client/streaming_http_client.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"
#include "ucf/observability/metrics.hpp"

namespace ucf::api {

// The route's runs_inline (http/router/route.hpp): true when the request's API key was validated
// recently (`fresh_tenant`) and its connection resolves from memory with static credentials
// (ConnectorManager::DirectInMemory) — then Forward neither blocks nor waits: it starts the
// transfer and answers deferred, so the call needs no upstream-pool thread. Null (always pooled)
// without `fresh_tenant` or `manager`. The one exception: a connection write of this instance
// committing between this check and the handler (microseconds) makes that call read its row from
// storage on the network thread once.
std::function<bool(const http::Request&)> ProxyRunsInline(
    const connections::ConnectorManager* manager,
    std::function<std::optional<std::string>(const http::Request&)> fresh_tenant);

class ProxyHandler {
 public:
  struct Services {
    const connections::ConnectorManager* manager = nullptr;
    http::StreamingHttpClient* streams = nullptr;
    observability::MetricsRegistry* metrics = nullptr;
  };

  explicit ProxyHandler(Services services);

  // Not an envelope on success: the provider's own answer (streamed).
  http::Response Forward(http::Request& request) const;

 private:
  absl::StatusOr<http::Response> Attempt(http::Request& request, std::string& connector) const;
  // Starts the transfer and answers with a deferred response (the provider's head, later).
  http::Response Deferred(http::UpstreamRequest upstream, http::Request& request,
                          connections::DirectTarget target) const;
  // The provider's head as the caller's answer (a redirect off the origin refused).
  static http::Response Passed(std::shared_ptr<http::UpstreamStream> stream, connections::DirectTarget& target);
  // Counts the outcome and turns an error into its envelope.
  http::Response Finish(absl::StatusOr<http::Response> response, const std::string& connector) const;

  Services deps_;
  observability::CounterFamily* requests_ = nullptr;
};

}  // namespace ucf::api
