#include "ucf/api/routes.hpp"

#include <memory>

#include "boost/json/serialize.hpp"
#include "ucf/api/api_schemas.hpp"
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
using Doc = http::OperationDoc;
using namespace schema;  // the schema pieces the entries' docs are built from

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

// Handlers whose `data` is already JSON text (api_result.hpp ApiTextResult).
template <typename H>
http::Handler Bind(std::shared_ptr<H> h, ApiTextResult (H::*method)(http::Request&) const,
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
       Access::kPublic, Execution::kInline, "Health",
       Doc{.response = Obj({{"status", Str("running")}, {"database", Str("connected, unavailable, not_configured")}, {"version", Str()}}), .statuses = {302}}},
      {"GET", "/healthz", Bind(health, &HealthHandler::Liveness), "Liveness probe",
       Access::kPublic, Execution::kInline, "Health",
       Doc{.response = Obj({{"status", Str("alive")}})}},
      {"GET", "/readyz", Bind(health, &HealthHandler::Readiness), "Readiness probe",
       Access::kPublic, Execution::kInline, "Health",
       Doc{.response = Obj({{"status", Str("ready")}, {"database", Str()}}), .statuses = {503}}},
      {"GET", "/metrics",
       [metrics = deps.metrics](http::Request&) {
         return http::Response::Text(200, metrics->RenderPrometheus(),
                                     "text/plain; version=0.0.4; charset=utf-8");
       },
       "Prometheus metrics", Access::kPublic, Execution::kInline, "Ops",
       Doc{.media_type = "text/plain"}},
  };
  for (http::Route& r : UiRoutes(deps.ui)) routes.push_back(std::move(r));
  const std::string api = deps.config->api_prefix;
  auto tenancy = std::make_shared<TenancyHandler>(TenancyHandler::Services{.db = deps.db, .tenants = deps.tenants, .api_keys = deps.api_keys});
  std::vector<Route> tenancy_routes = {
      {"GET", api + "/tenants", Bind(tenancy, &TenancyHandler::ListTenants), "List tenants",
       Access::kAdmin, Execution::kWorker, "Tenancy",
       Doc{.response = Page(Ref("Tenant"))}},
      {"POST", api + "/tenants", Bind(tenancy, &TenancyHandler::CreateTenant, 201),
       "Create a tenant {id, name}", Access::kAdmin, Execution::kWorker, "Tenancy",
       Doc{.request = Obj({{"id", Str()}, {"name", Str()}}), .response = Ref("Tenant"), .status = 201, .statuses = {409}}},
      {"GET", api + "/api-keys", Bind(tenancy, &TenancyHandler::ListApiKeys),
       "List this tenant's API keys", Access::kTenant, Execution::kWorker, "Tenancy",
       Doc{.response = Page(Ref("ApiKey"))}},
      {"POST", api + "/api-keys", Bind(tenancy, &TenancyHandler::CreateApiKey, 201),
       "Create an API key {name, readOnly}; the key is shown once (a read-only key cannot use MCP write tools)", Access::kTenant, Execution::kWorker,
       "Tenancy",
       Doc{.request = Obj({{"name", Str()}, Opt("readOnly", Bool("no MCP write tools"))}), .response = With(ApiKey(), {{"key", Str("the key itself, shown this once")}}), .status = 201}},
      {"DELETE", api + "/api-keys/{id}", Bind(tenancy, &TenancyHandler::RevokeApiKey),
       "Revoke an API key", Access::kTenant, Execution::kWorker, "Tenancy",
       Doc{.response = With(ApiKey(), {{"revoked", Bool()}})}},
      {"GET", api + "/audit-logs", Bind(tenancy, &TenancyHandler::ListAuditLogs),
       "Audit log, newest first (action, targetType, targetId, actor, since, until, cursor, limit)",
       Access::kTenant, Execution::kWorker, "Audit",
       Doc{.query = {Query("action", Str(), "e.g. connection.created"), Query("targetType", Str(), ""), Query("targetId", Str(), ""), Query("actor", Str(), ""), Query("since", Time(), "from this time"), Query("until", Time(), "before this time"), Cursor(), Limit()}, .response = Page(Ref("AuditLog"))}},
  };
  routes.insert(routes.end(), tenancy_routes.begin(), tenancy_routes.end());

  auto conn = std::make_shared<ConnectionsHandler>(ConnectionsHandler::Services{
      .connections = deps.connections, .revoker = deps.revoker, .removal = deps.removal,
      .api_usage = deps.api_usage});
  const std::string c = api + "/connections";
  std::vector<Route> connection_routes = {
      {"GET", c, Bind(conn, &ConnectionsHandler::List),
       "List connections (connectorId, status, cursor, limit)", Access::kTenant,
       Execution::kWorker, "Connections",
       Doc{.query = {Query("connectorId", Str(), ""), Query("status", ConnectionStatus(), ""), Cursor(), Limit()}, .response = With(Page(Ref("Connection")), {{"filters", Obj({{"workspaceId", Str()}, {"connectorId", Nullable(Str())}})}})}},
      {"POST", c, Bind(conn, &ConnectionsHandler::Upsert),
       "Create or update a connection {connectorId, name, config}; secret fields are encrypted",
       Access::kTenant, Execution::kWorker, "Connections",
       Doc{.request = Obj({{"connectorId", Str()}, {"name", Str()}, Opt("authMethod", Str()), Opt("config", FreeObject("secret fields are encrypted"))}), .response = Obj({{"id", Str()}, {"created", Bool("false: an existing connection of that name was updated")}, {"connection", Ref("Connection")}}), .statuses = {409}}},
      {"GET", c + "/{id}", Bind(conn, &ConnectionsHandler::Get), "A connection",
       Access::kTenant, Execution::kWorker, "Connections",
       Doc{.response = Ref("Connection")}},
      {"PATCH", c + "/{id}", Bind(conn, &ConnectionsHandler::Update),
       "Update a connection {name, config, metadata}", Access::kTenant, Execution::kWorker,
       "Connections",
       Doc{.request = Obj({Opt("name", Str()), Opt("config", FreeObject()), Opt("metadata", FreeObject())}), .response = Ref("Connection"), .statuses = {409}}},
      {"DELETE", c + "/{id}", Bind(conn, &ConnectionsHandler::Delete),
       "Delete a connection: its webhooks and token are removed at the provider first", Access::kTenant,
       Execution::kUpstream, "Connections",
       Doc{.response = Obj({{"id", Str()}, {"deleted", Bool()}, {"providerRevocation", Str()}, {"webhooks", Obj({{"removed", Int()}, {"failed", Int()}})}})}},
      {"POST", c + "/token", Bind(conn, &ConnectionsHandler::StoreToken),
       "Store a token {connectionId, token, refreshToken (OAuth), expiresAt}", Access::kTenant, Execution::kWorker,
       "Connections",
       Doc{.request = Obj({{"connectionId", Str()}, {"token", Str()}, Opt("refreshToken", Str()), Opt("expiresAt", Time())}), .response = Obj({{"tokenId", Str()}, {"version", Int()}, {"hasRefreshToken", Bool()}, {"expiresAt", Nullable(Time())}})}},
      {"POST", c + "/revoke", Bind(conn, &ConnectionsHandler::RevokeByBody),
       "Revoke a connection {connectionId, reason}", Access::kTenant, Execution::kUpstream,
       "Connections",
       Doc{.request = Obj({{"connectionId", Str()}, Opt("reason", Str())}), .response = Revocation()}},
      {"POST", c + "/{id}/revoke", Bind(conn, &ConnectionsHandler::RevokeById),
       "Revoke a connection {reason}", Access::kTenant, Execution::kUpstream, "Connections",
       Doc{.request = Obj({Opt("reason", Str())}), .request_optional = true, .response = Revocation()}},
      {"GET", c + "/{id}/token", Bind(conn, &ConnectionsHandler::ReadToken),
       "The decrypted current token (admin token only; X-Tenant-Id names the tenant; audited token.read)",
       Access::kAdmin, Execution::kWorker, "Connections",
       Doc{.response = Obj({{"token", Nullable(Str("null: the connection has no token"))}, Opt("tokenType", Str()), Opt("hasRefreshToken", Bool()), Opt("expiresAt", Nullable(Time()))})}},
      {"GET", c + "/{id}/sync-state", Bind(conn, &ConnectionsHandler::GetSyncState),
       "Sync cursor of the connection (model)", Access::kTenant, Execution::kWorker,
       "Connections",
       Doc{.query = {Query("model", Str(), "")}, .response = Obj({{"cursor", Nullable(Str())}})}},
      {"POST", c + "/{id}/sync-state", Bind(conn, &ConnectionsHandler::PutSyncState),
       "Store the sync cursor {cursor, model}", Access::kTenant, Execution::kWorker,
       "Connections",
       Doc{.request = Obj({Opt("cursor", Str()), Opt("model", Str())}), .request_optional = true, .query = {Query("model", Str(), "when the body names none")}, .response = Obj({{"updated", Bool()}})}},
  };
  routes.insert(routes.end(), connection_routes.begin(), connection_routes.end());

  auto catalog = std::make_shared<CatalogHandler>(CatalogHandler::Services{
      .manager = deps.manager,
      .connections = deps.connections,
      .settings = deps.settings,
      .catalog = deps.catalog,
      .catalog_state = deps.catalog_state});
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
       Execution::kWorker, "Connectors",
       Doc{.response = Arr(Ref("Connector"))}},
      {"GET", k + "/{id}", Bind(catalog, &CatalogHandler::Get),
       "One connector with its forms, URL parameters, connection counts and first 50 connections",
       Access::kTenant,
       Execution::kWorker, "Connectors",
       Doc{.response = With(Connector(), {{"connections", Arr(Obj({{"id", Str()}, {"name", Str()}, {"status", ConnectionStatus()}, {"authMethod", Str()}}))}, Opt("urlParams", Arr(Obj({{"name", Str()}, {"description", Str()}, {"example", Str()}, {"required", Bool()}})))})}},
      {"POST", k + "/{id}/connect", Bind(onboarding, &OnboardingHandler::Connect),
       "Start connecting {method, name, redirectUri, scopes, urlParams|site}: oauth2 → {authUrl, state, "
       "codeChallenge}; api_key → the fields to supply",
       Access::kTenant, Execution::kWorker, "Onboarding",
       Doc{.request = Obj({{"method", Str("one of the connector's authMethods")}, Opt("name", Str()), Opt("redirectUri", Str()), Opt("scopes", Strs()), Opt("urlParams", FreeObject("string values")), Opt("site", Str()), Opt("myDomain", Str())}), .response = OneOf({Obj({{"authUrl", Str()}, {"state", Str()}, {"codeChallenge", Str()}, {"redirectUri", Str()}, {"expiresAt", Time()}}), Obj({{"method", Str()}, {"status", Str("pending_credentials")}, {"expectedHeader", Str()}, {"configFields", Arr(Ref("ConnectorField"))}, {"credentialFields", Arr(Ref("ConnectorField"))}, {"next", Str()}})})}},
      {"POST", k + "/{id}/connect/callback", Bind(onboarding, &OnboardingHandler::Callback),
       "Finish connecting: {code, state} (oauth2) or {apiKey, apiSecret, email, baseUrl, name} checked with "
       "the provider before saving",
       Access::kTenant, Execution::kUpstream, "Onboarding",
       Doc{.request = Obj({Opt("code", Str()), Opt("state", Str()), Opt("apiKey", Str()), Opt("apiSecret", Str()), Opt("email", Str()), Opt("baseUrl", Str()), Opt("method", Str()), Opt("name", Str()), Opt("label", Str()), Opt("config", FreeObject())}), .response = OneOf({Obj({{"connectionId", Str()}, {"status", ConnectionStatus()}, {"created", Bool()}, {"scopes", Strs()}, {"hasRefreshToken", Bool()}, {"connection", Ref("Connection")}, Opt("siteChoiceRequired", Bool()), Opt("sites", Any()), Opt("next", Str()), {"expiresAt", Nullable(Time())}}), Obj({{"connectionId", Str()}, {"status", ConnectionStatus()}, {"created", Bool()}, {"account", Ref("Account")}, {"connection", Ref("Connection")}})}), .statuses = {409}}},
      {"POST", k + "/{id}/validate", Bind(catalog, &CatalogHandler::ValidateConfig),
       "Check a connector config {config}", Access::kTenant, Execution::kWorker, "Connectors",
       Doc{.request = Obj({Opt("config", FreeObject())}), .request_optional = true, .response = Obj({{"valid", Bool()}})}},
      {"POST", k + "/{id}/probe", Bind(catalog, &CatalogHandler::Probe),
       "Check a config and describe the connector's capabilities", Access::kTenant, Execution::kWorker,
       "Connectors",
       Doc{.request = FreeObject("the connector config"), .request_optional = true, .response = With(ConnectorDescription(), {{"valid", Bool()}})}},
      {"POST", k + "/{id}/revoke", Bind(onboarding, &OnboardingHandler::Revoke),
       "Revoke a connection of this connector {connectionId, reason}", Access::kTenant,
       Execution::kUpstream, "Onboarding",
       Doc{.request = Obj({{"connectionId", Str()}, Opt("reason", Str())}), .response = With(Revocation(), {{"reason", Str()}})}},
      {"GET", k + "/{id}/containers", Bind(browse, &BrowseHandler::ConnectorContainers),
       "Containers of the connector's connection (connectionId, cursor, limit, raw)", Access::kTenant,
       Execution::kUpstream, "Browse",
       Doc{.query = {Query("connectionId", Str(), "needed when the tenant has several"), Cursor(), Limit(), Raw()}, .response = Page(Ref("Container")), .statuses = {501}}},
      {"GET", k + "/{id}/items", Bind(browse, &BrowseHandler::ConnectorItems),
       "Items (connectionId, containerId, q, cursor, limit, raw)", Access::kTenant, Execution::kUpstream,
       "Browse",
       Doc{.query = {Query("connectionId", Str(), "needed when the tenant has several"), Query("containerId", Str(), ""), Query("q", Str(), "search text, at most 500 characters"), Cursor(), Limit(), Raw()}, .response = Page(Ref("Item")), .statuses = {501}}},
      {"GET", k + "/{id}/comments", Bind(browse, &BrowseHandler::ConnectorComments),
       "Comments of an item (connectionId, itemId, cursor, limit, raw)", Access::kTenant,
       Execution::kUpstream, "Browse",
       Doc{.query = {Query("connectionId", Str(), "needed when the tenant has several"), Query("itemId", Str(), ""), Cursor(), Limit(), Raw()}, .response = Page(Ref("Comment")), .statuses = {501}}},
      {"GET", "/oauth/callback", Bind(onboarding, &OnboardingHandler::OAuthRedirect),
       "The provider's browser redirect (code, state): completes the connection, then redirects to the "
       "dashboard",
       Access::kPublic, Execution::kUpstream, "Onboarding",
       Doc{.query = {Query("code", Str(), ""), Query("state", Str(), ""), Query("error", Str(), ""), Query("error_description", Str(), "")}, .status = 302, .media_type = "text/plain"}},
      {"POST", c + "/validate", Bind(onboarding, &OnboardingHandler::ValidateConnectionByBody),
       "Check a connection's credentials with the provider {connectionId}", Access::kTenant,
       Execution::kUpstream, "Connections",
       Doc{.request = Obj({{"connectionId", Str()}}), .response = Validation()}},
      {"POST", c + "/{id}/validate", Bind(onboarding, &OnboardingHandler::ValidateConnection),
       "Check the connection's credentials with a real provider call", Access::kTenant,
       Execution::kUpstream, "Connections",
       Doc{.response = Validation()}},
      {"POST", c + "/{id}/site", Bind(onboarding, &OnboardingHandler::ChooseSite),
       "Choose the site of an OAuth connection whose account reaches several {site}", Access::kTenant,
       Execution::kWorker, "Onboarding",
       Doc{.request = Obj({{"site", Str()}}), .response = Ref("Connection")}},
      {"GET", c + "/{id}/containers", Bind(browse, &BrowseHandler::Containers),
       "Containers (projects, spaces, …) (cursor, limit, raw)", Access::kTenant, Execution::kUpstream,
       "Browse",
       Doc{.query = {Cursor(), Limit(), Raw()}, .response = Page(Ref("Container")), .statuses = {501}}},
      {"GET", c + "/{id}/items", Bind(browse, &BrowseHandler::Items),
       "Items of a container (containerId, q, cursor, limit, raw)", Access::kTenant, Execution::kUpstream,
       "Browse",
       Doc{.query = {Query("containerId", Str(), ""), Query("q", Str(), "search text, at most 500 characters"), Cursor(), Limit(), Raw()}, .response = Page(Ref("Item")), .statuses = {501}}},
      {"POST", c + "/{id}/items", Bind(browse, &BrowseHandler::CreateItem, 201),
       "Create an item {containerId, title, body, fields}", Access::kTenant, Execution::kUpstream,
       "Browse",
       Doc{.request = Obj({{"containerId", Str()}, {"title", Str()}, Opt("body", Str()), Opt("fields", FreeObject("provider fields"))}), .query = {Raw()}, .response = Ref("Item"), .status = 201, .statuses = {501}}},
      {"GET", c + "/{id}/items/{itemId}", Bind(browse, &BrowseHandler::Item), "One item with its body",
       Access::kTenant, Execution::kUpstream, "Browse",
       Doc{.query = {Raw()}, .response = Ref("Item"), .statuses = {501}}},
      {"GET", c + "/{id}/items/{itemId}/comments", Bind(browse, &BrowseHandler::Comments),
       "Comments of an item (cursor, limit, raw)", Access::kTenant, Execution::kUpstream, "Browse",
       Doc{.query = {Cursor(), Limit(), Raw()}, .response = Page(Ref("Comment")), .statuses = {501}}},
      {"POST", c + "/{id}/items/{itemId}/comments", Bind(browse, &BrowseHandler::CreateComment, 201),
       "Add a comment {text}", Access::kTenant, Execution::kUpstream, "Browse",
       Doc{.request = Obj({{"text", Str()}}), .query = {Raw()}, .response = Ref("Comment"), .status = 201, .statuses = {501}}},
  };
  connector_routes.front().runs_inline = CatalogRunsInline(deps.catalog_state, deps.fresh_tenant);  // GET k
  routes.insert(routes.end(), connector_routes.begin(), connector_routes.end());

  auto sync = std::make_shared<SyncHandler>(SyncHandler::Services{.connections = deps.connections, .manager = deps.manager, .cursors = deps.cursors, .sync = deps.sync, .schedules = deps.schedules, .wake_workers = deps.wake_workers});
  std::vector<Route> sync_routes = {
      {"POST", c + "/{id}/sync", Bind(sync, &SyncHandler::SyncConnection, 202),
       "Queue a sync of the connection {model (default: its item model), full (default: incremental), containers (default: all)}", Access::kTenant,
       Execution::kWorker, "Sync",
       Doc{.request = Obj({Opt("model", Str()), Opt("full", Bool()), Opt("containers", Arr(Str()))}), .request_optional = true, .response = Ref("Job"), .status = 202, .statuses = {409}}},
      {"POST", k + "/{id}/jobs", Bind(sync, &SyncHandler::ConnectorJob),
       "The original's job route {type: sync|import|probe, params: {connectionId, model}}", Access::kTenant,
       Execution::kWorker, "Sync",
       Doc{.request = Obj({{"type", Enum({"sync", "import", "probe"})}, Opt("params", FreeObject("{connectionId, model, full}; probe: the config"))}), .response = OneOf({Ref("Job"), Obj({{"meta", Ref("ConnectorDescription")}})}), .status = 202, .statuses = {200, 409}}},
      {"GET", api + "/jobs", Bind(sync, &SyncHandler::ListJobs),
       "Sync jobs, newest first (connectionId, status, type, cursor, limit)", Access::kTenant,
       Execution::kWorker, "Sync",
       Doc{.query = {Query("connectionId", Str(), ""), Query("status", Enum({"queued", "running", "succeeded", "failed", "canceled"}), ""), Query("type", Str(), ""), Cursor(), Limit()}, .response = Page(Ref("Job"))}},
      {"GET", api + "/jobs/{id}", Bind(sync, &SyncHandler::GetJob), "A sync job with progress and counts",
       Access::kTenant, Execution::kWorker, "Sync",
       Doc{.response = Ref("Job")}},
      {"POST", api + "/jobs/{id}/cancel", Bind(sync, &SyncHandler::CancelJob), "Cancel a sync job",
       Access::kTenant, Execution::kWorker, "Sync",
       Doc{.response = Ref("Job"), .statuses = {409}}},
      {"GET", c + "/{id}/schedule", Bind(sync, &SyncHandler::GetSchedule), "The connection's sync schedules",
       Access::kTenant, Execution::kWorker, "Sync",
       Doc{.response = Obj({{"items", Arr(Ref("Schedule"))}})}},
      {"PUT", c + "/{id}/schedule", Bind(sync, &SyncHandler::PutSchedule),
       "Sync a model every N seconds {model, everySeconds >= 30, fullEvery: every Nth run full}", Access::kTenant,
       Execution::kWorker, "Sync",
       Doc{.request = Obj({Opt("model", Str()), {"everySeconds", Int("at least 30")}, Opt("fullEvery", Int())}), .response = Ref("Schedule")}},
      {"DELETE", c + "/{id}/schedule", Bind(sync, &SyncHandler::DeleteSchedule), "Remove a schedule (?model=)",
       Access::kTenant, Execution::kWorker, "Sync",
       Doc{.query = {Query("model", Str(), "")}, .response = Obj({{"deleted", Bool()}})}},
      {"GET", c + "/{id}/records", Bind(sync, &SyncHandler::Records),
       "Change feed of synced records, ascending (model, modifiedAfter, cursor, limit); resume with `resume`",
       Access::kTenant, Execution::kWorker, "Sync",
       Doc{.query = {Query("model", Str(), ""), Query("modifiedAfter", Time(), ""), Cursor(), Limit()}, .response = With(Page(Ref("SyncRecord")), {{"resume", Str("cursor to poll for later changes")}})}},
  };
  routes.insert(routes.end(), sync_routes.begin(), sync_routes.end());
  auto events = std::make_shared<EventsHandler>(EventsHandler::Services{.sync = deps.sync, .events = deps.events, .log = deps.event_log});
  routes.push_back({"GET", api + "/jobs/{id}/events", Bind(events, &EventsHandler::JobEvents),
                    "Live progress of a job (Server-Sent Events; Last-Event-ID resumes)", Access::kTenant,
                    Execution::kWorker, "Sync",
       Doc{.response = With(Events(), {{"job", Ref("Job")}}), .stream_type = "text/event-stream"}});
  routes.push_back({"GET", api + "/events", Bind(events, &EventsHandler::TenantEvents),
                    "The tenant's job and connection events (Server-Sent Events; Last-Event-ID resumes)",
                    Access::kTenant, Execution::kWorker, "Sync",
       Doc{.response = Events(), .stream_type = "text/event-stream"}});
  routes.push_back({"GET", "/ws/docs", Bind(events, &EventsHandler::Docs), "The events documentation",
                    Access::kPublic, Execution::kWorker, "Sync",
       Doc{.response = Obj({{"transport", Str()}, {"streams", Arr(Obj({{"path", Str()}, {"scope", Str()}}))}, {"resume", Str()}, {"format", Str()}, {"events", Arr(Obj({{"type", Str()}, {"when", Str()}}))}})}});

  auto hooks = std::make_shared<WebhooksHandler>(WebhooksHandler::Services{.config = deps.config, .connections = deps.connections, .manager = deps.manager, .webhooks = deps.webhooks, .sync = deps.sync, .wake_workers = deps.wake_workers});
  std::vector<Route> webhook_routes = {
      {"POST", k + "/{id}/webhooks", Bind(hooks, &WebhooksHandler::Register, 201),
       "Register a provider webhook {connectionId, callbackUrl, events, filter}", Access::kTenant,
       Execution::kUpstream, "Webhooks",
       Doc{.request = Obj({Opt("connectionId", Str()), Opt("callbackUrl", Str()), Opt("events", Strs()), Opt("filter", Str()), Opt("jqlFilter", Str())}), .response = Ref("Webhook"), .status = 201, .statuses = {501}}},
      {"GET", k + "/{id}/webhooks", Bind(hooks, &WebhooksHandler::List),
       "This tenant's provider webhooks of the connector", Access::kTenant, Execution::kWorker, "Webhooks",
       Doc{.response = Page(Ref("Webhook"))}},
      {"DELETE", k + "/{id}/webhooks", Bind(hooks, &WebhooksHandler::UnregisterByBody),
       "Remove a provider webhook {webhookId}", Access::kTenant, Execution::kUpstream, "Webhooks",
       Doc{.request = Obj({{"webhookId", Str()}}), .response = Obj({{"deleted", Bool()}, {"webhookId", Str()}})}},
      {"DELETE", k + "/{id}/webhooks/{webhookId}", Bind(hooks, &WebhooksHandler::UnregisterById),
       "Remove a provider webhook", Access::kTenant, Execution::kUpstream, "Webhooks",
       Doc{.response = Obj({{"deleted", Bool()}, {"webhookId", Str()}})}},
      {"POST", k + "/{id}/webhooks/refresh", Bind(hooks, &WebhooksHandler::Refresh),
       "Extend the provider webhooks now (Jira expires them after 30 days)", Access::kTenant,
       Execution::kUpstream, "Webhooks",
       Doc{.response = Page(Ref("Webhook"))}},
      {"POST", "/webhooks/{connector}/{connectionId}", Bind(hooks, &WebhooksHandler::Inbound),
       "Inbound provider delivery: signature verified (JWT or X-Hub-Signature), then recorded",
       Access::kPublic, Execution::kWorker, "Webhooks",
       Doc{.request = Any("the provider's event"), .response = Obj({{"received", Bool()}, {"event", Str()}, Opt("sync", OneOf({Obj({{"jobId", Str()}, {"model", Str()}, {"deduplicated", Bool()}}), Obj({{"error", Str()}})}))}), .statuses = {401}}},
  };
  routes.insert(routes.end(), webhook_routes.begin(), webhook_routes.end());

  auto subs = std::make_shared<SubscriptionsHandler>(SubscriptionsHandler::Services{.subscriptions = deps.subscriptions});
  const std::string ws = api + "/webhook-subscriptions";
  std::vector<Route> subscription_routes = {
      {"POST", ws, Bind(subs, &SubscriptionsHandler::Create, 201),
       "Post events to the application {url, events}; the signing secret is shown once", Access::kTenant,
       Execution::kWorker, "Webhooks",
       Doc{.request = Obj({{"url", Str()}, Opt("events", Strs())}), .response = With(Subscription(), {{"secret", Str("the signing secret, shown this once")}}), .status = 201}},
      {"GET", ws, Bind(subs, &SubscriptionsHandler::List), "The tenant's webhook subscriptions", Access::kTenant,
       Execution::kWorker, "Webhooks",
       Doc{.response = Obj({{"items", Arr(Ref("Subscription"))}})}},
      {"GET", ws + "/{id}", Bind(subs, &SubscriptionsHandler::Get), "A webhook subscription", Access::kTenant,
       Execution::kWorker, "Webhooks",
       Doc{.response = Ref("Subscription")}},
      {"DELETE", ws + "/{id}", Bind(subs, &SubscriptionsHandler::Delete), "Remove a webhook subscription",
       Access::kTenant, Execution::kWorker, "Webhooks",
       Doc{.response = Obj({{"deleted", Bool()}})}},
      {"POST", ws + "/{id}/rotate", Bind(subs, &SubscriptionsHandler::Rotate),
       "A new signing secret {graceSeconds}: the old one also signs until then", Access::kTenant,
       Execution::kWorker, "Webhooks",
       Doc{.request = Obj({Opt("graceSeconds", Int("default 86400"))}), .request_optional = true, .response = With(Subscription(), {{"secret", Str()}, {"previousSecretValidSeconds", Int()}})}},
      {"GET", ws + "/{id}/deliveries", Bind(subs, &SubscriptionsHandler::Deliveries),
       "Deliveries of a subscription, newest first (cursor, limit)", Access::kTenant, Execution::kWorker,
       "Webhooks",
       Doc{.query = {Cursor(), Limit()}, .response = Page(Ref("Delivery"))}},
  };
  routes.insert(routes.end(), subscription_routes.begin(), subscription_routes.end());

  auto settings = std::make_shared<ConnectorSettingsHandler>(ConnectorSettingsHandler::Services{.settings = deps.settings, .catalog = deps.catalog});
  routes.push_back({"PATCH", api + "/connectors/{id}", Bind(settings, &ConnectorSettingsHandler::Patch),
                    "This tenant's settings for a connector {extraDetails, oauthClientId, "
                    "oauthClientSecret (write-only), scopes, extra}",
                    Access::kTenant, Execution::kWorker, "Connectors",
       Doc{.request = Obj({Opt("extraDetails", Bool()), Opt("oauthClientId", Str()), Opt("oauthClientSecret", {{"type", "string"}, {"writeOnly", true}}), Opt("scopes", Strs()), Opt("extra", FreeObject())}), .response = Ref("ConnectorSettings")}});
  routes.push_back({"GET", api + "/connectors/{id}/settings",
                    Bind(settings, &ConnectorSettingsHandler::Get),
                    "This tenant's settings for a connector (the client secret is never returned)",
                    Access::kTenant, Execution::kWorker, "Connectors",
       Doc{.response = Ref("ConnectorSettings")}});

  auto proxy = std::make_shared<ProxyHandler>(
      ProxyHandler::Services{.manager = deps.manager, .streams = deps.streams, .metrics = deps.metrics});
  routes.push_back({"*", "/proxy/{connectionId}/{path...}", Bind(proxy, &ProxyHandler::Forward),
                    "Passthrough to the connection's provider API with its credentials: status, headers "
                    "and body unchanged, streamed",
                    Access::kTenant, Execution::kUpstream, "Proxy",
       Doc{.request = Any("any body, streamed to the provider"), .request_optional = true, .request_media_type = "*/*", .media_type = "*/*", .statuses = {502}}});
  routes.back().streams_request_body = true;  // uploads stream through, uncapped
  routes.back().runs_inline = ProxyRunsInline(deps.manager, deps.fresh_tenant);

  // The Model Context Protocol endpoint (mcp/mcp_server.hpp); tools call providers.
  for (const char* method : {"POST", "GET", "DELETE"}) {
    routes.push_back({method, "/mcp",
                      [mcp = deps.mcp](http::Request& r) {
                        return mcp && *mcp ? (*mcp)(r) : http::MakeError(501, "not_implemented", "MCP is not set up");
                      },
                      std::string(method) == "POST" ? "Model Context Protocol: Streamable HTTP, JSON-RPC 2.0; tools per connection"
                                                    : "Model Context Protocol: no event stream or session here, 405",
                      Access::kTenant, Execution::kUpstream, "MCP",
                      std::string(method) == "POST"
                          ? Doc{.request = JsonRpc("a JSON-RPC request or notification"), .response = JsonRpc("the JSON-RPC response"),
                                .media_type = "application/json", .statuses = {202}}
                          : Doc{.response = JsonRpc("a JSON-RPC error"), .status = 405, .media_type = "application/json"}});
  }

  // The document describes every route including its own two.
  routes.push_back({"GET", "/openapi.json", nullptr, "OpenAPI document", Access::kPublic,
                    Execution::kInline, "Ops", Doc{.response = FreeObject("OpenAPI 3.1"), .media_type = "application/json"}});
  routes.push_back({"GET", "/docs", nullptr, "API reference (HTML)", Access::kPublic,
                    Execution::kInline, "Ops", Doc{.media_type = "text/html"}});
  boost::json::object openapi = BuildOpenApi(*deps.config, routes);
  auto document = std::make_shared<std::string>(boost::json::serialize(openapi));
  auto page = std::make_shared<std::string>(DocsPageHtml(openapi));
  routes[routes.size() - 2].handler = [document](http::Request&) {
    return http::Response::Text(200, *document, "application/json");
  };
  routes.back().handler = [page](http::Request&) {
    return http::Response::Text(200, *page, "text/html; charset=utf-8");
  };
  return routes;
}

}  // namespace ucf::api
