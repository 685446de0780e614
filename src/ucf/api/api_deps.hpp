#pragma once
// What the handlers may use, handed in by the composition root (app/). Handlers reach the outside
// world only through these; tests build them with fakes or real local components.

#include "ucf/config/config.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/observability/metrics.hpp"

namespace ucf::storage {
class Database;
}
namespace ucf::connections {
class ConnectionService;
class ConnectorSettingsService;
}  // namespace ucf::connections
namespace ucf::connectors::catalog {
class ProviderCatalog;
}
namespace ucf::auth {
class ApiKeyService;
class TenantService;
}  // namespace ucf::auth

namespace ucf::api {

class HealthMonitor;

struct ApiDeps {
  const config::Config* config = nullptr;
  observability::MetricsRegistry* metrics = nullptr;
  const core::Clock* clock = nullptr;
  storage::Database* db = nullptr;
  const HealthMonitor* health = nullptr;
  auth::TenantService* tenants = nullptr;
  auth::ApiKeyService* api_keys = nullptr;
  connections::ConnectionService* connections = nullptr;
  connections::ConnectorSettingsService* settings = nullptr;
  const connectors::catalog::ProviderCatalog* catalog = nullptr;
};

}  // namespace ucf::api
