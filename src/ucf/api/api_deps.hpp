#pragma once
// What the handlers may use, handed in by the composition root (app/). Handlers reach the outside
// world only through these; tests build them with fakes or real local components.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

#include "ucf/auth/oauth/oauth_client.hpp"
#include "ucf/config/config.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/observability/metrics.hpp"

namespace ucf::http {
class StaticSite;
class StreamingHttpClient;
}
namespace ucf::storage {
class Database;
}
namespace ucf::connections {
class CatalogStateCache;
class ConnectionRemoval;
class ConnectionService;
class ConnectorSettingsService;
class ConnectorManager;
class CredentialOnboarding;
class OAuthCompletion;
class Revoker;
}  // namespace ucf::connections
namespace ucf::webhooks {
class SubscriptionService;
class WebhookService;
}
namespace ucf::connectors {
class ApiUsageBoard;
class CursorCodec;
}
namespace ucf::sync {
class EventHub;
class EventLog;
class SyncSchedules;
class SyncService;
}
namespace ucf::auth::oauth {
class AuthorizationFlow;
}  // namespace ucf::auth::oauth
namespace ucf::catalog {
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
  connections::ConnectionRemoval* removal = nullptr;  // DELETE: provider side first
  connections::ConnectorSettingsService* settings = nullptr;
  const catalog::ProviderCatalog* catalog = nullptr;
  // GET /api/connectors' per-tenant counts and settings in memory; null: read per request.
  connections::CatalogStateCache* catalog_state = nullptr;
  // Onboarding and provider calls.
  const connections::ConnectorManager* manager = nullptr;
  connections::CredentialOnboarding* onboarding = nullptr;
  auth::oauth::AuthorizationFlow* oauth_flow = nullptr;
  connections::OAuthCompletion* oauth_completion = nullptr;
  // The tenant's OAuth client (auth/oauth/oauth_client.hpp); null → connector settings.
  const auth::oauth::OAuthClientResolver* oauth_clients = nullptr;
  connections::Revoker* revoker = nullptr;
  const connectors::CursorCodec* cursors = nullptr;
  // Provider API allowances last seen per connection (GET /api/connections/{id} metadata.apiUsage).
  const connectors::ApiUsageBoard* api_usage = nullptr;
  webhooks::WebhookService* webhooks = nullptr;
  sync::SyncService* sync = nullptr;
  // The dashboard's static export served at /ui/ (http/static_files); null: not built.
  const http::StaticSite* ui = nullptr;
  // POST/GET/DELETE /mcp: set by app/ once the route table exists (the MCP server runs routes).
  std::shared_ptr<std::function<http::Response(http::Request&)>> mcp;
  // The passthrough proxy's streaming upstream transfers.
  http::StreamingHttpClient* streams = nullptr;
  // The tenant of a request's API key when authenticating it needs no storage (validated recently,
  // auth::Authenticator::FreshTenant); nullopt otherwise. From memory only (network thread). Unset:
  // every proxied call runs on the upstream pool.
  std::function<std::optional<std::string>(const http::Request&)> fresh_tenant;
  sync::EventHub* events = nullptr;  // live job and connection events (SSE)
  const sync::EventLog* event_log = nullptr;  // the same, read from the database (resume)
  sync::SyncSchedules* schedules = nullptr;
  webhooks::SubscriptionService* subscriptions = nullptr;  // outbound webhooks to the application
  // Tells the sync workers a job was queued (they also poll).
  std::function<void()> wake_workers = [] {};
};

}  // namespace ucf::api
