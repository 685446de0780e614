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
#include "ucf/connectors/connector.hpp"
#include "ucf/http/request.hpp"

namespace ucf::connections {
class ConnectionService;
class ConnectorManager;
class ConnectorSettingsService;
}  // namespace ucf::connections
namespace ucf::catalog {
class ProviderCatalog;
}

namespace ucf::api {

class CatalogHandler {
 public:
  // What the handler uses; all must outlive it and be set before a request arrives (the
  // route-table test builds handlers without services and never calls them).
  struct Services {
    const connections::ConnectorManager* manager = nullptr;
    connections::ConnectionService* connections = nullptr;
    connections::ConnectorSettingsService* settings = nullptr;
    const catalog::ProviderCatalog* catalog = nullptr;
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
