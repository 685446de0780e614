#pragma once
// GET / → {status, database, version}; GET /healthz (liveness); GET /readyz (readiness: fails
// with 503 while the database does not answer).

#include "ucf/api/api_deps.hpp"
#include "ucf/api/api_result.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class HealthHandler {
 public:
  // What the handler uses (and nothing else); all must outlive it. The route-table test builds
  // handlers without services and never calls them.
  struct Services {
    const config::Config* config = nullptr;
    const HealthMonitor* health = nullptr;
  };

  explicit HealthHandler(Services services) : deps_(std::move(services)) {}

  ApiResult Root(http::Request& request) const;
  ApiResult Liveness(http::Request& request) const;
  http::Response Readiness(http::Request& request) const;

 private:
  // "connected", "error: <reason>" or "not_configured".
  std::string DatabaseState() const;

  Services deps_;
};

}  // namespace ucf::api
