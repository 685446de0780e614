#pragma once
// GET / → {status, database, version}; GET /healthz (liveness); GET /readyz (readiness: fails
// with 503 while the database does not answer).

#include "ucf/api/api_deps.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class HealthHandler {
 public:
  explicit HealthHandler(const ApiDeps& deps) : deps_(deps) {}

  http::Response Root(http::Request& request) const;
  http::Response Liveness(http::Request& request) const;
  http::Response Readiness(http::Request& request) const;

 private:
  // "connected", "error: <reason>" or "not_configured".
  std::string DatabaseState() const;

  ApiDeps deps_;
};

}  // namespace ucf::api
