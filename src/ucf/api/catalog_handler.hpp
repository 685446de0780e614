#pragma once
// The connector catalog as a tenant sees it:
//   GET  /api/connectors, /api/connectors/{id}   descriptions (auth methods and scopes from the
//                                                provider catalog) + this tenant's connections
//                                                counted by status, settings flags
//   POST /api/connectors/{id}/validate, /probe   config checks through the connector
// Thin: parse → services → value (api_result.hpp).

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "boost/json/object.hpp"
#include "ucf/api/api_result.hpp"
#include "ucf/api/inline_tenant.hpp"
#include "ucf/connectors/connector.hpp"
#include "ucf/http/request.hpp"

namespace ucf::connections {
class CatalogStateCache;
class ConnectionService;
class ConnectorManager;
class ConnectorSettingsService;
}  // namespace ucf::connections
namespace ucf::catalog {
class ProviderCatalog;
}

namespace ucf::api {

// The list route's runs_inline (http/router/route.hpp): true when the request's tenant is known
// from memory (InlineTenant) and its catalog state is cached with at least 100 ms of its ttl left
// — then List reads no storage and the answer is written on the network thread. Null (always on a
// worker) without `cache` or `fresh_tenant`. As for the proxy: a write of this instance committing
// between this check and the handler makes that one request read storage on the network thread.
std::function<bool(const http::Request&)> CatalogRunsInline(const connections::CatalogStateCache* cache,
                                                            FreshTenantFn fresh_tenant);

class CatalogHandler {
 public:
  // What the handler uses; all must outlive it and be set before a request arrives (the
  // route-table test builds handlers without services and never calls them).
  struct Services {
    const connections::ConnectorManager* manager = nullptr;
    connections::ConnectionService* connections = nullptr;
    connections::ConnectorSettingsService* settings = nullptr;
    const catalog::ProviderCatalog* catalog = nullptr;
    // This tenant's counts and settings for List kept in memory; null: read per request.
    connections::CatalogStateCache* catalog_state = nullptr;
  };

  // Renders every registered connector's description once (the registry is fixed at start).
  explicit CatalogHandler(Services services);

  // Written as text: each description serialised once at start, this tenant's fields appended.
  ApiTextResult List(http::Request& request) const;
  ApiResult Get(http::Request& request) const;
  ApiResult ValidateConfig(http::Request& request) const;
  ApiResult Probe(http::Request& request) const;

 private:
  const boost::json::object& Description(const connectors::Connector& c) const;

  Services s_;
  std::map<std::string, boost::json::object, std::less<>> descriptions_;  // by connector id
  // The same, serialised without the closing brace (List appends the per-tenant keys), in the
  // registry's order.
  std::vector<std::pair<std::string, std::string>> description_texts_;
};

}  // namespace ucf::api
