#include "ucf/api/health_handler.hpp"

#include "ucf/core/strings.hpp"

#include "boost/json/object.hpp"
#include "ucf/http/error_response.hpp"
#include "ucf/api/health_monitor.hpp"

namespace ucf::api {

std::string HealthHandler::DatabaseState() const {
  if (deps_.health == nullptr) return "not_configured";
  return deps_.health->DatabaseState();
}

ApiResult HealthHandler::Root(http::Request&) const {
  boost::json::object data{{"status", "running"},
                           {"database", DatabaseState()},
                           {"version", deps_.config->app_version}};
  return boost::json::value(std::move(data));
}

ApiResult HealthHandler::Liveness(http::Request&) const {
  return boost::json::value{{"status", "alive"}};
}

http::Response HealthHandler::Readiness(http::Request&) const {
  std::string db = DatabaseState();
  if (db != "connected" && db != "not_configured") {
    // Generic on purpose: the cause is in the server log (HealthMonitor), not for anyone asking.
    http::Response r = http::MakeError(503, "unavailable", "not ready: the database is unavailable");
    r.headers.Set("Retry-After", "1");
    return r;
  }
  return http::EnvelopeResponse(boost::json::value{{"status", "ready"}, {"database", db}});
}

}  // namespace ucf::api
