#include "ucf/api/routes.hpp"

#include <memory>

#include "boost/json/serialize.hpp"
#include "ucf/api/browse_handler.hpp"
#include "ucf/api/connections_handler.hpp"
#include "ucf/api/catalog_handler.hpp"
#include "ucf/api/onboarding_handler.hpp"
#include "ucf/api/connector_settings_handler.hpp"
#include "ucf/api/docs_page.hpp"
#include "ucf/api/health_handler.hpp"
#include "ucf/api/openapi.hpp"
#include "ucf/api/proxy_handler.hpp"
#include "ucf/api/events_handler.hpp"
#include "ucf/api/subscriptions_handler.hpp"
#include "ucf/api/sync_handler.hpp"
#include "ucf/api/tenancy_handler.hpp"
#include "ucf/api/ui_routes.hpp"
#include "ucf/api/webhooks_handler.hpp"
#include "ucf/http/error_response.hpp"

namespace ucf::api {
namespace {

using http::Access;
using http::Execution;
using http::Route;

// THE adapter from a handler's value (api_result.hpp) to an HTTP response: every envelope of every
// route is made here, by http::EnvelopeResponse. `ok_status` is the status of a success (201 for
// routes that create).
template <typename H>
http::Handler Bind(std::shared_ptr<H> h, ApiResult (H::*method)(http::Request&) const,
                   int ok_status = 200) {
  return [h, method, ok_status](http::Request& r) {
    return http::EnvelopeResponse(((*h).*method)(r), ok_status);
  };
}

// Handlers that answer something other than an envelope (a redirect).
template <typename H>
http::Handler Bind(std::shared_ptr<H> h, http::Response (H::*method)(http::Request&) const) {
  return [h, method](http::Request& r) { return ((*h).*method)(r); };
}

}  // namespace

std::vector<Route> BuildRoutes(const ApiDeps& deps) {
  auto health = std::make_shared<HealthHandler>(HealthHandler::Services{.config = deps.config, .health = deps.health});
  std::vector<Route> routes = {
      {"GET", "/", RedirectBrowsersToUi(Bind(health, &HealthHandler::Root)),
       "Service status and database check (a browser asking text/html is sent to /ui/)",
       Access::kPublic, Execution::kInline, "Health"},
      {"GET", "/healthz", Bind(health, &HealthHandler::Liveness), "Liveness probe",
       Access::kPublic, Execution::kInline, "Health"},
      {"GET", "/readyz", Bind(health, &HealthHandler::Readiness), "Readiness probe",
       Access::kPublic, Execution::kInline, "Health"},
      {"GET", "/metrics",
       [metrics = deps.metrics](http::Request&) {
         return http::Response::Text(200, metrics->RenderPrometheus(),
                                     "text/plain; version=0.0.4; charset=utf-8");
       },
       "Prometheus metrics", Access::kPublic, Execution::kInline, "Ops"},
  };
  for (http::Route& r : UiRoutes(deps.ui)) routes.push_back(std::move(r));
  const std::string api = deps.config->api_prefix;
  auto tenancy = std::make_shared<TenancyHandler>(TenancyHandler::Services{.db = deps.db, .tenants = deps.tenants, .api_keys = deps.api_keys});
  std::vector<Route> tenancy_routes = {
      {"GET", api + "/tenants", Bind(tenancy, &TenancyHandler::ListTenants), "List tenants",
       Access::kAdmin, Execution::kWorker, "Tenancy"},
      {"POST", api + "/tenants", Bind(tenancy, &TenancyHandler::CreateTenant, 201),
       "Create a tenant {id, name}", Access::kAdmin, Execution::kWorker, "Tenancy"},
      {"GET", api + "/api-keys", Bind(tenancy, &TenancyHandler::ListApiKeys),
       "List this tenant's API keys", Access::kTenant, Execution::kWorker, "Tenancy"},
      {"POST", api + "/api-keys", Bind(tenancy, &TenancyHandler::CreateApiKey, 201),
       "Create an API key {name, readOnly}; the key is shown once (a read-only key cannot use MCP write tools)", Access::kTenant, Execution::kWorker,
       "Tenancy"},
      {"DELETE", api + "/api-keys/{id}", Bind(tenancy, &TenancyHandler::RevokeApiKey),
       "Revoke an API key", Access::kTenant, Execution::kWorker, "Tenancy"},
      {"GET", api + "/audit-logs", Bind(tenancy, &TenancyHandler::ListAuditLogs),
       "Audit log, newest first (action, targetType, targetId, actor, since, until, cursor, limit)",
       Access::kTenant, Execution::kWorker, "Audit"},
  };
  routes.insert(routes.end(), tenancy_routes.begin(), tenancy_routes.end());

  auto conn = std::make_shared<ConnectionsHandler>(ConnectionsHandler::Services{
      .connections = deps.connections, .revoker = deps.revoker, .removal = deps.removal,
      .api_usage = deps.api_usage});
  const std::string c = api + "/connections";
  std::vector<Route> connection_routes = {
      {"GET", c, Bind(conn, &ConnectionsHandler::List),
       "List connections (connectorId, status, cursor, limit)", Access::kTenant,
       Execution::kWorker, "Connections"},
      {"POST", c, Bind(conn, &ConnectionsHandler::Upsert),
       "Create or update a connection {connectorId, name, config}; secret fields are encrypted",
       Access::kTenant, Execution::kWorker, "Connections"},
      {"GET", c + "/{id}", Bind(conn, &ConnectionsHandler::Get), "A connection",
       Access::kTenant, Execution::kWorker, "Connections"},
      {"PATCH", c + "/{id}", Bind(conn, &ConnectionsHandler::Update),
       "Update a connection {name, config, metadata}", Access::kTenant, Execution::kWorker,
       "Connections"},
      {"DELETE", c + "/{id}", Bind(conn, &ConnectionsHandler::Delete),
       "Delete a connection: its webhooks and token are removed at the provider first", Access::kTenant,
       Execution::kUpstream, "Connections"},
      {"POST", c + "/token", Bind(conn, &ConnectionsHandler::StoreToken),
       "Store a token {connectionId, token, refreshToken (OAuth), expiresAt}", Access::kTenant, Execution::kWorker,
       "Connections"},
      {"POST", c + "/revoke", Bind(conn, &ConnectionsHandler::RevokeByBody),
       "Revoke a connection {connectionId, reason}", Access::kTenant, Execution::kUpstream,
       "Connections"},
      {"POST", c + "/{id}/revoke", Bind(conn, &ConnectionsHandler::RevokeById),
       "Revoke a connection {reason}", Access::kTenant, Execution::kUpstream, "Connections"},
      {"GET", c + "/{id}/token", Bind(conn, &ConnectionsHandler::ReadToken),
       "The decrypted current token (admin token only; X-Tenant-Id names the tenant; audited token.read)",
       Access::kAdmin, Execution::kWorker, "Connections"},
      {"GET", c + "/{id}/sync-state", Bind(conn, &ConnectionsHandler::GetSyncState),
       "Sync cursor of the connection (model)", Access::kTenant, Execution::kWorker,
       "Connections"},
      {"POST", c + "/{id}/sync-state", Bind(conn, &ConnectionsHandler::PutSyncState),
       "Store the sync cursor {cursor, model}", Access::kTenant, Execution::kWorker,
       "Connections"},
  };
  routes.insert(routes.end(), connection_routes.begin(), connection_routes.end());

  auto catalog = std::make_shared<CatalogHandler>(CatalogHandler::Services{
      .manager = deps.manager,
      .connections = deps.connections,
      .settings = deps.settings,
      .catalog = deps.catalog});
  auto onboarding = std::make_shared<OnboardingHandler>(OnboardingHandler::Services{
      .db = deps.db,
      .catalog = deps.catalog,
      .manager = deps.manager,
      .connections = deps.connections,
      .onboarding = deps.onboarding,
      .oauth_flow = deps.oauth_flow,
      .oauth_completion = deps.oauth_completion,
      .oauth_clients = deps.oauth_clients,
      .revoker = deps.revoker,
      .api_prefix = deps.config->api_prefix,
      .public_url = &deps.config->public_url});
  auto browse = std::make_shared<BrowseHandler>(BrowseHandler::Services{.connections = deps.connections, .manager = deps.manager, .cursors = deps.cursors});
  const std::string k = api + "/connectors";
  std::vector<Route> connector_routes = {
      {"GET", k, Bind(catalog, &CatalogHandler::List),
       "Connectors with their forms and resources, and this tenant's connections of each counted by "
       "status (connectionCount, connectionsByStatus, status)", Access::kTenant,
       Execution::kWorker, "Connectors"},
      {"GET", k + "/{id}", Bind(catalog, &CatalogHandler::Get),
       "One connector with its forms, URL parameters, connection counts and first 50 connections",
       Access::kTenant,
       Execution::kWorker, "Connectors"},
      {"POST", k + "/{id}/connect", Bind(onboarding, &OnboardingHandler::Connect),
       "Start connecting {method, name, redirectUri, scopes, urlParams|site}: oauth2 → {authUrl, state, "
       "codeChallenge}; api_key → the fields to supply",
       Access::kTenant, Execution::kWorker, "Onboarding"},
      {"POST", k + "/{id}/connect/callback", Bind(onboarding, &OnboardingHandler::Callback),
       "Finish connecting: {code, state} (oauth2) or {apiKey, apiSecret, email, baseUrl, name} checked with "
       "the provider before saving",
       Access::kTenant, Execution::kUpstream, "Onboarding"},
      {"POST", k + "/{id}/validate", Bind(catalog, &CatalogHandler::ValidateConfig),
       "Check a connector config {config}", Access::kTenant, Execution::kWorker, "Connectors"},
      {"POST", k + "/{id}/probe", Bind(catalog, &CatalogHandler::Probe),
       "Check a config and describe the connector's capabilities", Access::kTenant, Execution::kWorker,
       "Connectors"},
      {"POST", k + "/{id}/revoke", Bind(onboarding, &OnboardingHandler::Revoke),
       "Revoke a connection of this connector {connectionId, reason}", Access::kTenant,
       Execution::kUpstream, "Onboarding"},
      {"GET", k + "/{id}/containers", Bind(browse, &BrowseHandler::ConnectorContainers),
       "Containers of the connector's connection (connectionId, cursor, limit, raw)", Access::kTenant,
       Execution::kUpstream, "Browse"},
      {"GET", k + "/{id}/items", Bind(browse, &BrowseHandler::ConnectorItems),
       "Items (connectionId, containerId, q, cursor, limit, raw)", Access::kTenant, Execution::kUpstream,
       "Browse"},
      {"GET", k + "/{id}/comments", Bind(browse, &BrowseHandler::ConnectorComments),
       "Comments of an item (connectionId, itemId, cursor, limit, raw)", Access::kTenant,
       Execution::kUpstream, "Browse"},
      {"GET", "/oauth/callback", Bind(onboarding, &OnboardingHandler::OAuthRedirect),
       "The provider's browser redirect (code, state): completes the connection, then redirects to the "
       "dashboard",
       Access::kPublic, Execution::kUpstream, "Onboarding"},
      {"POST", c + "/validate", Bind(onboarding, &OnboardingHandler::ValidateConnectionByBody),
       "Check a connection's credentials with the provider {connectionId}", Access::kTenant,
       Execution::kUpstream, "Connections"},
      {"POST", c + "/{id}/validate", Bind(onboarding, &OnboardingHandler::ValidateConnection),
       "Check the connection's credentials with a real provider call", Access::kTenant,
       Execution::kUpstream, "Connections"},
      {"POST", c + "/{id}/site", Bind(onboarding, &OnboardingHandler::ChooseSite),
       "Choose the site of an OAuth connection whose account reaches several {site}", Access::kTenant,
       Execution::kWorker, "Onboarding"},
      {"GET", c + "/{id}/containers", Bind(browse, &BrowseHandler::Containers),
       "Containers (projects, spaces, …) (cursor, limit, raw)", Access::kTenant, Execution::kUpstream,
       "Browse"},
      {"GET", c + "/{id}/items", Bind(browse, &BrowseHandler::Items),
       "Items of a container (containerId, q, cursor, limit, raw)", Access::kTenant, Execution::kUpstream,
       "Browse"},
      {"POST", c + "/{id}/items", Bind(browse, &BrowseHandler::CreateItem, 201),
       "Create an item {containerId, title, body, fields}", Access::kTenant, Execution::kUpstream,
       "Browse"},
      {"GET", c + "/{id}/items/{itemId}", Bind(browse, &BrowseHandler::Item), "One item with its body",
       Access::kTenant, Execution::kUpstream, "Browse"},
      {"GET", c + "/{id}/items/{itemId}/comments", Bind(browse, &BrowseHandler::Comments),
       "Comments of an item (cursor, limit, raw)", Access::kTenant, Execution::kUpstream, "Browse"},
      {"POST", c + "/{id}/items/{itemId}/comments", Bind(browse, &BrowseHandler::CreateComment, 201),
       "Add a comment {text}", Access::kTenant, Execution::kUpstream, "Browse"},
  };
  routes.insert(routes.end(), connector_routes.begin(), connector_routes.end());

  auto sync = std::make_shared<SyncHandler>(SyncHandler::Services{.connections = deps.connections, .manager = deps.manager, .cursors = deps.cursors, .sync = deps.sync, .schedules = deps.schedules, .wake_workers = deps.wake_workers});
  std::vector<Route> sync_routes = {
      {"POST", c + "/{id}/sync", Bind(sync, &SyncHandler::SyncConnection, 202),
       "Queue a sync of the connection {model (default: its item model), full (default: incremental)}", Access::kTenant,
       Execution::kWorker, "Sync"},
      {"POST", k + "/{id}/jobs", Bind(sync, &SyncHandler::ConnectorJob),
       "The original's job route {type: sync|import|probe, params: {connectionId, model}}", Access::kTenant,
       Execution::kWorker, "Sync"},
      {"GET", api + "/jobs", Bind(sync, &SyncHandler::ListJobs),
       "Sync jobs, newest first (connectionId, status, type, cursor, limit)", Access::kTenant,
       Execution::kWorker, "Sync"},
      {"GET", api + "/jobs/{id}", Bind(sync, &SyncHandler::GetJob), "A sync job with progress and counts",
       Access::kTenant, Execution::kWorker, "Sync"},
      {"POST", api + "/jobs/{id}/cancel", Bind(sync, &SyncHandler::CancelJob), "Cancel a sync job",
       Access::kTenant, Execution::kWorker, "Sync"},
      {"GET", c + "/{id}/schedule", Bind(sync, &SyncHandler::GetSchedule), "The connection's sync schedules",
       Access::kTenant, Execution::kWorker, "Sync"},
      {"PUT", c + "/{id}/schedule", Bind(sync, &SyncHandler::PutSchedule),
       "Sync a model every N seconds {model, everySeconds >= 30, fullEvery: every Nth run full}", Access::kTenant,
       Execution::kWorker, "Sync"},
      {"DELETE", c + "/{id}/schedule", Bind(sync, &SyncHandler::DeleteSchedule), "Remove a schedule (?model=)",
       Access::kTenant, Execution::kWorker, "Sync"},
      {"GET", c + "/{id}/records", Bind(sync, &SyncHandler::Records),
       "Change feed of synced records, ascending (model, modifiedAfter, cursor, limit); resume with `resume`",
       Access::kTenant, Execution::kWorker, "Sync"},
  };
  routes.insert(routes.end(), sync_routes.begin(), sync_routes.end());
  auto events = std::make_shared<EventsHandler>(EventsHandler::Services{.sync = deps.sync, .events = deps.events});
  routes.push_back({"GET", api + "/jobs/{id}/events", Bind(events, &EventsHandler::JobEvents),
                    "Live progress of a job (Server-Sent Events; Last-Event-ID resumes)", Access::kTenant,
                    Execution::kWorker, "Sync"});
  routes.push_back({"GET", api + "/events", Bind(events, &EventsHandler::TenantEvents),
                    "The tenant's job and connection events (Server-Sent Events; Last-Event-ID resumes)",
                    Access::kTenant, Execution::kWorker, "Sync"});
  routes.push_back({"GET", "/ws/docs", Bind(events, &EventsHandler::Docs), "The events documentation",
                    Access::kPublic, Execution::kWorker, "Sync"});

  auto hooks = std::make_shared<WebhooksHandler>(WebhooksHandler::Services{.config = deps.config, .connections = deps.connections, .manager = deps.manager, .webhooks = deps.webhooks, .sync = deps.sync, .wake_workers = deps.wake_workers});
  std::vector<Route> webhook_routes = {
      {"POST", k + "/{id}/webhooks", Bind(hooks, &WebhooksHandler::Register, 201),
       "Register a provider webhook {connectionId, callbackUrl, events, filter}", Access::kTenant,
       Execution::kUpstream, "Webhooks"},
      {"GET", k + "/{id}/webhooks", Bind(hooks, &WebhooksHandler::List),
       "This tenant's provider webhooks of the connector", Access::kTenant, Execution::kWorker, "Webhooks"},
      {"DELETE", k + "/{id}/webhooks", Bind(hooks, &WebhooksHandler::UnregisterByBody),
       "Remove a provider webhook {webhookId}", Access::kTenant, Execution::kUpstream, "Webhooks"},
      {"DELETE", k + "/{id}/webhooks/{webhookId}", Bind(hooks, &WebhooksHandler::UnregisterById),
       "Remove a provider webhook", Access::kTenant, Execution::kUpstream, "Webhooks"},
      {"POST", k + "/{id}/webhooks/refresh", Bind(hooks, &WebhooksHandler::Refresh),
       "Extend the provider webhooks now (Jira expires them after 30 days)", Access::kTenant,
       Execution::kUpstream, "Webhooks"},
      {"POST", "/webhooks/{connector}/{connectionId}", Bind(hooks, &WebhooksHandler::Inbound),
       "Inbound provider delivery: signature verified (JWT or X-Hub-Signature), then recorded",
       Access::kPublic, Execution::kWorker, "Webhooks"},
  };
  routes.insert(routes.end(), webhook_routes.begin(), webhook_routes.end());

  auto subs = std::make_shared<SubscriptionsHandler>(SubscriptionsHandler::Services{.subscriptions = deps.subscriptions});
  const std::string ws = api + "/webhook-subscriptions";
  std::vector<Route> subscription_routes = {
      {"POST", ws, Bind(subs, &SubscriptionsHandler::Create, 201),
       "Post events to the application {url, events}; the signing secret is shown once", Access::kTenant,
       Execution::kWorker, "Webhooks"},
      {"GET", ws, Bind(subs, &SubscriptionsHandler::List), "The tenant's webhook subscriptions", Access::kTenant,
       Execution::kWorker, "Webhooks"},
      {"GET", ws + "/{id}", Bind(subs, &SubscriptionsHandler::Get), "A webhook subscription", Access::kTenant,
       Execution::kWorker, "Webhooks"},
      {"DELETE", ws + "/{id}", Bind(subs, &SubscriptionsHandler::Delete), "Remove a webhook subscription",
       Access::kTenant, Execution::kWorker, "Webhooks"},
      {"POST", ws + "/{id}/rotate", Bind(subs, &SubscriptionsHandler::Rotate),
       "A new signing secret {graceSeconds}: the old one also signs until then", Access::kTenant,
       Execution::kWorker, "Webhooks"},
      {"GET", ws + "/{id}/deliveries", Bind(subs, &SubscriptionsHandler::Deliveries),
       "Deliveries of a subscription, newest first (cursor, limit)", Access::kTenant, Execution::kWorker,
       "Webhooks"},
  };
  routes.insert(routes.end(), subscription_routes.begin(), subscription_routes.end());

  auto settings = std::make_shared<ConnectorSettingsHandler>(ConnectorSettingsHandler::Services{.settings = deps.settings, .catalog = deps.catalog});
  routes.push_back({"PATCH", api + "/connectors/{id}", Bind(settings, &ConnectorSettingsHandler::Patch),
                    "This tenant's settings for a connector {extraDetails, oauthClientId, "
                    "oauthClientSecret (write-only), scopes, extra}",
                    Access::kTenant, Execution::kWorker, "Connectors"});
  routes.push_back({"GET", api + "/connectors/{id}/settings",
                    Bind(settings, &ConnectorSettingsHandler::Get),
                    "This tenant's settings for a connector (the client secret is never returned)",
                    Access::kTenant, Execution::kWorker, "Connectors"});

  auto proxy = std::make_shared<ProxyHandler>(
      ProxyHandler::Services{.manager = deps.manager, .streams = deps.streams, .metrics = deps.metrics});
  routes.push_back({"*", "/proxy/{connectionId}/{path...}", Bind(proxy, &ProxyHandler::Forward),
                    "Passthrough to the connection's provider API with its credentials: status, headers "
                    "and body unchanged, streamed",
                    Access::kTenant, Execution::kUpstream, "Proxy"});
  routes.back().streams_request_body = true;  // uploads stream through, uncapped

  // The Model Context Protocol endpoint (mcp/mcp_server.hpp); tools call providers.
  for (const char* method : {"POST", "GET", "DELETE"}) {
    routes.push_back({method, "/mcp",
                      [mcp = deps.mcp](http::Request& r) {
                        return mcp && *mcp ? (*mcp)(r) : http::MakeError(501, "not_implemented", "MCP is not set up");
                      },
                      std::string(method) == "POST" ? "Model Context Protocol: Streamable HTTP, JSON-RPC 2.0; tools per connection"
                                                    : "Model Context Protocol: no event stream or session here, 405",
                      Access::kTenant, Execution::kUpstream, "MCP"});
  }

  // The document describes every route including its own two.
  routes.push_back({"GET", "/openapi.json", nullptr, "OpenAPI document", Access::kPublic,
                    Execution::kInline, "Ops"});
  routes.push_back({"GET", "/docs", nullptr, "API reference (HTML)", Access::kPublic,
                    Execution::kInline, "Ops"});
  auto document = std::make_shared<std::string>(
      boost::json::serialize(BuildOpenApi(*deps.config, routes)));
  routes[routes.size() - 2].handler = [document](http::Request&) {
    return http::Response::Text(200, *document, "application/json");
  };
  routes.back().handler = [](http::Request&) {
    return http::Response::Text(200, std::string(DocsPageHtml()), "text/html; charset=utf-8");
  };
  return routes;
}

}  // namespace ucf::api
