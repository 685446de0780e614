#include "ucf/app/application.hpp"

#include "ucf/core/strings.hpp"

#include "ucf/api/api_deps.hpp"
#include "ucf/api/health_monitor.hpp"
#include "ucf/api/routes.hpp"
#include "ucf/auth/admin_token.hpp"
#include "ucf/auth/api_key_service.hpp"
#include "ucf/auth/auth_middleware.hpp"
#include "ucf/auth/authenticator.hpp"
#include "ucf/auth/login_throttle.hpp"
#include "ucf/auth/tenant_service.hpp"
#include "ucf/auth/oauth/authorization_flow.hpp"
#include "ucf/connections/connection_removal.hpp"
#include "ucf/connections/oauth_completion.hpp"
#include "ucf/connections/revocation.hpp"
#include "ucf/connections/token_refresher.hpp"
#include "ucf/connections/connection_service.hpp"
#include "ucf/connections/catalog_state_cache.hpp"
#include "ucf/connections/connection_cache.hpp"
#include "ucf/connections/connection_write_watch.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/connections/credential_onboarding.hpp"
#include "ucf/connections/refresher_token_provider.hpp"
#include "ucf/connectors/confluence/confluence_connector.hpp"
#include "ucf/connectors/api_usage_board.hpp"
#include "ucf/connectors/cursor_codec.hpp"
#include "ucf/connectors/generic/generic_oauth_connector.hpp"
#include "ucf/connectors/github/github_connector.hpp"
#include "ucf/connectors/jira/jira_connector.hpp"
#include "ucf/connectors/postgres/postgres_connector.hpp"
#include "ucf/connectors/salesforce/salesforce_connector.hpp"
#include "ucf/connectors/failure_logging_connector.hpp"
#include "ucf/connectors/registry.hpp"
#include "ucf/http/client/concurrency_limiter.hpp"
#include "ucf/http/client/curl_http_client.hpp"
#include "ucf/http/client/curl_stream_engine.hpp"
#include "ucf/http/client/metered_http_client.hpp"
#include "ucf/http/client/random_source.hpp"
#include "ucf/http/client/retrying_http_client.hpp"
#include "ucf/http/client/sleeper.hpp"
#include "ucf/connections/connector_settings_service.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/app/storage_setup.hpp"
#include "ucf/app/fleet_task.hpp"
#include "ucf/app/housekeeper.hpp"
#include "ucf/core/periodic_task.hpp"
#include "ucf/webhooks/delivery_dispatcher.hpp"
#include "ucf/webhooks/subscription_service.hpp"
#include "ucf/app/retention.hpp"
#include "ucf/core/ids.hpp"
#include "ucf/storage/open/open_database.hpp"
#include "ucf/webhooks/webhook_keeper.hpp"
#include "ucf/webhooks/webhook_service.hpp"
#include "ucf/sync/job_worker.hpp"
#include "ucf/sync/event_hub.hpp"
#include "ucf/sync/event_log.hpp"
#include "ucf/sync/event_tail.hpp"
#include "ucf/sync/sync_schedules.hpp"
#include "ucf/sync/sync_runner.hpp"
#include "ucf/sync/sync_service.hpp"
#include "ucf/crypto/key_ring.hpp"
#include "ucf/config/loader.hpp"
#include "ucf/http/middleware/access_log_middleware.hpp"
#include "ucf/http/middleware/client_address_middleware.hpp"
#include "ucf/http/middleware/cors_middleware.hpp"
#include "ucf/http/middleware/recover_middleware.hpp"
#include "ucf/http/middleware/request_id_middleware.hpp"
#include "ucf/http/router/router.hpp"
#include "ucf/http/static_files/static_site.hpp"
#include "ucf/http/static_files/ui_location.hpp"
#include "ucf/http/server/dispatcher.hpp"
#include "ucf/http/server/server.hpp"
#include "ucf/http/server/worker_pool.hpp"
#include "ucf/observability/metrics.hpp"
#include "ucf/core/periodic_task.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/mcp/mcp_server.hpp"
#include "ucf/mcp/route_invoker.hpp"

namespace ucf::app {

struct Application::Parts {  // public to this file

  config::Config config;
  std::unique_ptr<observability::Logger> logger;
  std::optional<http::StaticSite> ui;  // the dashboard export, when found
  observability::MetricsRegistry metrics;
  core::SystemClock clock;
  std::unique_ptr<crypto::KeyRing> key_ring;
  std::unique_ptr<storage::Database> db;
  storage::Maintenance* maintenance = nullptr;  // of db: fleet-wide claims, retention
  // Opened connection rows for the hot paths; db drops them after this instance's connection writes.
  std::unique_ptr<connections::ConnectionCache> connection_cache;
  std::unique_ptr<auth::Authenticator> authenticator;
  std::unique_ptr<auth::LoginThrottle> throttle;
  std::unique_ptr<auth::TenantService> tenants;
  std::unique_ptr<auth::ApiKeyService> api_keys;
  std::unique_ptr<connections::ConnectionService> connections;
  // GET /api/connectors' per-tenant state; db drops it after this instance's connection writes.
  std::unique_ptr<connections::CatalogStateCache> catalog_state;
  std::unique_ptr<connections::ConnectorSettingsService> settings;
  catalog::ProviderCatalog catalog;
  // Outbound calls: libcurl (SSRF guard, timeouts, size cap) → retries → per-connection limit.
  std::unique_ptr<http::CurlHttpClient> curl;
  std::unique_ptr<http::MeteredHttpClient> metered;  // counts every attempt
  http::RealSleeper sleeper;
  http::SeededRandomSource random;
  std::unique_ptr<http::RetryingHttpClient> upstream;
  std::unique_ptr<http::ConcurrencyLimiter> limiter;
  std::unique_ptr<http::CurlStreamEngine> streams;  // the proxy's streaming transfers (one thread)
  // OAuth and connectors.
  auth::oauth::OAuthClientResolver oauth_clients = auth::oauth::ClientFromConnectorSettings;
  std::unique_ptr<auth::oauth::AuthorizationFlow> oauth_flow;
  std::unique_ptr<connections::OAuthCompletion> oauth_completion;
  std::unique_ptr<connections::TokenRefresher> refresher;
  std::unique_ptr<connections::Revoker> revoker;
  std::unique_ptr<connections::RefresherTokenProvider> tokens;
  connectors::ConnectorRegistry registry;
  connectors::ApiUsageBoard api_usage;
  std::unique_ptr<connectors::CursorCodec> cursors;
  std::unique_ptr<connections::ConnectorManager> manager;
  std::unique_ptr<connections::CredentialOnboarding> onboarding;
  std::unique_ptr<webhooks::WebhookService> webhooks;
  std::unique_ptr<connections::ConnectionRemoval> removal;
  std::unique_ptr<webhooks::WebhookKeeper> webhook_keeper;  // started with the server
  std::unique_ptr<Housekeeper> housekeeper;       // started with the server
  std::unique_ptr<core::PeriodicTask> stats_task;  // operational gauges from storage; with the server
  sync::EventHub events;                          // live job/connection events (SSE)
  std::unique_ptr<sync::EventLog> event_log;      // the same from the database (resume, start)
  std::unique_ptr<sync::EventTail> event_tail;    // database → hub; started with the server
  std::unique_ptr<core::PeriodicTask> events_keepalive;  // started with the server
  std::unique_ptr<Retention> retention;
  std::unique_ptr<Housekeeper> retention_keeper;  // started with the server; once across the fleet
  std::string instance_id = core::NewId("inst");  // names this process in fleet-wide claims
  std::unique_ptr<sync::SyncRunner> sync_runner;
  std::unique_ptr<sync::SyncSchedules> schedules;
  std::unique_ptr<webhooks::SubscriptionService> subscriptions;
  std::unique_ptr<webhooks::DeliveryDispatcher> dispatcher_out;  // application webhooks
  std::unique_ptr<core::PeriodicTask> delivery_loop;              // started with the server
  std::unique_ptr<core::PeriodicTask> scheduler;  // started with the server
  std::unique_ptr<sync::SyncService> sync;
  std::unique_ptr<sync::JobWorker> sync_workers;  // started with the server
  std::unique_ptr<api::HealthMonitor> health;
  std::string generated_admin_token;  // set on the first start only, printed once by Start()
  api::ApiDeps deps;
  std::unique_ptr<http::Router> router;
  std::unique_ptr<mcp::RouteInvoker> mcp_invoker;
  std::unique_ptr<mcp::McpServer> mcp;
  std::unique_ptr<http::Pipeline> pipeline;
  std::unique_ptr<http::WorkerPool> pool;
  std::unique_ptr<http::WorkerPool> upstream_pool;  // handlers that call providers
  std::unique_ptr<http::Dispatcher> dispatcher;
  std::unique_ptr<http::Server> server;
  bool shut_down = false;
};

namespace {

// The middleware order of DESIGN.md §4.
std::unique_ptr<http::Pipeline> BuildPipeline(Application::Parts& p) {
  std::vector<std::unique_ptr<http::Middleware>> chain;
  chain.push_back(std::make_unique<http::ClientAddressMiddleware>(p.config.trusted_proxies));
  chain.push_back(std::make_unique<http::RequestIdMiddleware>());
  chain.push_back(std::make_unique<http::AccessLogMiddleware>(*p.logger, p.metrics));
  chain.push_back(std::make_unique<http::CorsMiddleware>(p.config.cors));
  chain.push_back(std::make_unique<http::RecoverMiddleware>(*p.logger));
  chain.push_back(std::make_unique<auth::AuthMiddleware>(*p.authenticator, *p.throttle, *p.db));
  return std::make_unique<http::Pipeline>(std::move(chain));
}

// The connectors this build offers (listed in the registry's order, registry.hpp): the dedicated
// ones, then a generic OAuth connector for every
// other catalog provider (so a new OAuth provider is a data change). Each logs why a call failed
// with a 500 (connectors/failure_logging_connector.hpp).
absl::Status RegisterConnectors(Application::Parts& p) {
  auto add = [&](std::unique_ptr<connectors::Connector> c) {
    return p.registry.Add(connectors::WithFailureLog(std::move(c), *p.logger));
  };
  UCF_RETURN_IF_ERROR(add(connectors::postgres::MakePostgresConnector()));
  UCF_RETURN_IF_ERROR(add(connectors::salesforce::MakeSalesforceConnector(&p.api_usage)));
  UCF_RETURN_IF_ERROR(add(connectors::jira::MakeJiraConnector()));
  UCF_RETURN_IF_ERROR(add(connectors::confluence::MakeConfluenceConnector()));
  UCF_RETURN_IF_ERROR(add(connectors::github::MakeGitHubConnector()));
  for (const auto& spec : p.catalog.providers()) {
    if (p.registry.Find(spec.id) == nullptr) {
      UCF_RETURN_IF_ERROR(add(connectors::MakeGenericOAuthConnector(spec)));
    }
  }
  return absl::OkStatus();
}

// Upstream HTTP, OAuth flows and the connector manager.
absl::Status OpenConnectors(Application::Parts& p) {
  const config::Config& c = p.config;
  p.curl = std::make_unique<http::CurlHttpClient>(http::CurlHttpClientOptions{
      .total_timeout = c.upstream_timeout, .allow_private_networks = c.allow_private_upstreams});
  http::RetryOptions retry;
  retry.max_attempts = c.upstream_max_attempts;
  p.metered = std::make_unique<http::MeteredHttpClient>(*p.curl, p.metrics);
  p.upstream = std::make_unique<http::RetryingHttpClient>(*p.metered, retry, p.clock, p.sleeper, p.random,
                                                          &p.metrics);
  p.streams = std::make_unique<http::CurlStreamEngine>(http::CurlStreamEngineOptions{
      .head_timeout = c.upstream_timeout, .allow_private_networks = c.allow_private_upstreams});
  p.limiter = std::make_unique<http::ConcurrencyLimiter>(
      http::ConcurrencyLimiterOptions{.max_in_flight = c.upstream_max_concurrency});
  p.oauth_flow = std::make_unique<auth::oauth::AuthorizationFlow>(*p.db, *p.upstream, p.clock, p.catalog,
                                                                  p.oauth_clients);
  p.oauth_completion = std::make_unique<connections::OAuthCompletion>(*p.db, *p.oauth_flow);
  connections::TokenRefresherOptions refresh;
  refresh.refresh_margin = c.token_refresh_margin;
  refresh.metrics = &p.metrics;
  p.refresher = std::make_unique<connections::TokenRefresher>(*p.db, *p.upstream, p.clock, p.catalog,
                                                              p.oauth_clients, refresh);
  p.revoker = std::make_unique<connections::Revoker>(*p.db, *p.upstream, p.clock, p.catalog, p.oauth_clients);
  p.tokens = std::make_unique<connections::RefresherTokenProvider>(*p.refresher);
  UCF_RETURN_IF_ERROR(RegisterConnectors(p));
  p.cursors = std::make_unique<connectors::CursorCodec>(p.key_ring->DeriveKeys("cursor"));
  p.manager = std::make_unique<connections::ConnectorManager>(*p.db, p.registry, p.catalog, *p.upstream,
                                                              *p.tokens, p.limiter.get(),
                                                              c.upstream_max_concurrency,
                                                              c.allow_private_databases,
                                                              p.connection_cache.get());
  // Credential checks and webhook keep-alive calls: one short try each.
  const connections::CallLimits check{.timeout = c.upstream_check_timeout, .max_attempts = 1};
  p.onboarding = std::make_unique<connections::CredentialOnboarding>(*p.db, *p.manager, p.clock, check);
  p.webhooks = std::make_unique<webhooks::WebhookService>(*p.db, *p.manager, p.catalog, p.oauth_clients,
                                                           p.clock, check);
  p.removal = std::make_unique<connections::ConnectionRemoval>(*p.db, *p.connections, *p.webhooks, *p.revoker);
  p.sync_runner = std::make_unique<sync::SyncRunner>(*p.db, p.clock);
  p.sync = std::make_unique<sync::SyncService>(*p.db, *p.manager, c.sync_max_queued_per_tenant);
  p.event_log = std::make_unique<sync::EventLog>(*p.db);
  p.event_tail = std::make_unique<sync::EventTail>(*p.db, p.events, sync::EventTailOptions{.poll = c.events_poll});
  sync::EventTail* tail = p.event_tail.get();
  // Events this process commits wake its tail at once; other instances' come by notification.
  p.db->SetEventsHook([tail](const std::vector<std::string>& tenants) {
    for (const std::string& t : tenants) tail->Notify(t);
  });
  p.subscriptions = std::make_unique<webhooks::SubscriptionService>(*p.db, p.clock, c.allow_private_upstreams);
  // Deliveries go through the same client (and address policy) as provider calls, one try each.
  p.dispatcher_out = std::make_unique<webhooks::DeliveryDispatcher>(*p.db, *p.curl, p.clock);
  Application::Parts* raw = &p;
  p.schedules = std::make_unique<sync::SyncSchedules>(*p.db, p.registry, p.clock, [raw] {
    if (raw->sync_workers) raw->sync_workers->Wake();
  });
  return absl::OkStatus();
}

// Keys, database and credentials: everything that holds state.
absl::Status OpenState(Application::Parts& p) {
  const config::Config& c = p.config;
  UCF_ASSIGN_OR_RETURN(OpenedStorage opened, OpenStorage(c, p.clock));
  if (!opened.key_warning.empty()) p.logger->Warn("ucf.crypto", opened.key_warning);
  p.key_ring = std::move(opened.key_ring);
  p.db = std::move(opened.db);
  p.maintenance = storage::MaintenanceOf(*p.db);
  if (p.maintenance == nullptr) return absl::InternalError("the database offers no maintenance");
  if (c.connection_cache.count() > 0) {
    // This instance's connection writes take effect at once; another instance's within the ttl.
    Application::Parts* raw = &p;
    p.db = connections::WatchConnectionWrites(std::move(p.db), [raw] {
      if (raw->connection_cache) raw->connection_cache->InvalidateAll();
      if (raw->catalog_state) raw->catalog_state->InvalidateAll();
    });
    p.connection_cache = std::make_unique<connections::ConnectionCache>(
        *p.db, p.clock, connections::ConnectionCacheOptions{.ttl = c.connection_cache});
  }
  UCF_ASSIGN_OR_RETURN(auth::AdminToken admin, auth::ResolveAdminToken(c.admin_token, c.data_dir));
  if (admin.generated) p.generated_admin_token = admin.token;
  p.authenticator = std::make_unique<auth::Authenticator>(*p.db, admin.token, p.clock);
  UCF_RETURN_IF_ERROR(p.authenticator->Preload());
  p.throttle = std::make_unique<auth::LoginThrottle>(p.clock, c.auth_max_failures,
                                                     c.auth_failure_window);
  p.tenants = std::make_unique<auth::TenantService>(*p.db);
  p.api_keys = std::make_unique<auth::ApiKeyService>(*p.db, *p.authenticator);
  p.connections = std::make_unique<connections::ConnectionService>(*p.db, p.clock, p.registry, p.catalog);
  if (c.connection_cache.count() > 0) {
    p.catalog_state = std::make_unique<connections::CatalogStateCache>(*p.connections, p.clock, c.connection_cache);
  }
  p.settings = std::make_unique<connections::ConnectorSettingsService>(*p.db);
  UCF_ASSIGN_OR_RETURN(p.catalog, catalog::BuiltinCatalog());
  if (!c.providers_file.empty()) {
    UCF_ASSIGN_OR_RETURN(auto extra, catalog::LoadCatalog(c.providers_file));
    p.catalog = catalog::Merge(p.catalog, extra);
  }
  UCF_RETURN_IF_ERROR(OpenConnectors(p));
  p.health = std::make_unique<api::HealthMonitor>(*p.db, p.clock, *p.logger);
  p.logger->Info("ucf.storage", "database ready",
                 {{"engine", std::string(p.db->Engine())},
                  {"schema_version", p.db->LatestSchemaVersion()}});
  return absl::OkStatus();
}

// Metrics read from live state at each scrape, and the build's identity.
void RegisterGauges(Application::Parts& p) {
  p.metrics.Gauge("ucf_build_info", "The running build (value 1)", {"version"}).Set({p.config.app_version}, 1);
  auto& depth = p.metrics.Gauge("ucf_pool_queue_depth", "Requests waiting for a thread, by pool", {"pool"});
  auto& streams = p.metrics.Gauge("ucf_proxy_open_streams", "Proxy response bodies being streamed", {});
  p.metrics.AddCollector([&p, &depth, &streams] {
    if (p.pool) depth.Set({"worker"}, static_cast<double>(p.pool->queued()));
    if (p.upstream_pool) depth.Set({"upstream"}, static_cast<double>(p.upstream_pool->queued()));
    if (p.streams) streams.Set({}, p.streams->open_streams());
  });
}

// Jobs by state, stored records and webhook deliveries by state, read from storage every 10 s (a
// scrape never waits for the database).
std::unique_ptr<core::PeriodicTask> StartStatsGauges(Application::Parts& p) {
  auto& jobs = p.metrics.Gauge("ucf_jobs", "Sync jobs by state (all tenants)", {"state"});
  auto& records = p.metrics.Gauge("ucf_synced_records", "Records stored by syncs (all tenants)", {});
  auto& deliveries =
      p.metrics.Gauge("ucf_webhook_deliveries", "Webhook deliveries by state (all tenants)", {"state"});
  return std::make_unique<core::PeriodicTask>(
      core::PeriodicTaskOptions{.interval = std::chrono::seconds(10), .first_delay = std::chrono::milliseconds(0)},
      [&p, &jobs, &records, &deliveries](std::stop_token) {
        storage::OperationalCounts counts;
        absl::Status read = p.db->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
          UCF_ASSIGN_OR_RETURN(counts, s.stats().Counts());
          return absl::OkStatus();
        });
        if (!read.ok()) {
          p.logger->Warn("ucf.metrics", "could not read operational counts", {{"error", std::string(read.message())}});
          return;
        }
        for (const char* state : {"queued", "running", "succeeded", "failed", "canceled"}) {
          auto it = counts.jobs_by_status.find(state);
          jobs.Set({state}, it == counts.jobs_by_status.end() ? 0 : static_cast<double>(it->second));
        }
        for (const char* state : {"pending", "succeeded", "failed"}) {
          auto it = counts.deliveries_by_status.find(state);
          deliveries.Set({state}, it == counts.deliveries_by_status.end() ? 0 : static_cast<double>(it->second));
        }
        records.Set({}, static_cast<double>(counts.records));
      });
}

}  // namespace

absl::StatusOr<std::unique_ptr<Application>> Application::Create(
    config::Config config, std::vector<std::shared_ptr<spdlog::sinks::sink>> log_sinks) {
  auto parts = std::make_unique<Parts>();
  parts->config = std::move(config);
  if (parts->config.app_version.empty()) parts->config.app_version = UCF_VERSION;
  const config::Config& c = parts->config;
  parts->logger = std::make_unique<observability::Logger>(
      observability::LoggerOptions{.json = c.log_json,
                                   .level = observability::ParseLogLevel(c.log_level)},
      std::move(log_sinks));

  if (absl::Status s = OpenState(*parts); !s.ok()) return s;
  parts->deps.config = &parts->config;
  parts->deps.metrics = &parts->metrics;
  parts->deps.clock = &parts->clock;
  parts->deps.db = parts->db.get();
  parts->deps.tenants = parts->tenants.get();
  parts->deps.api_keys = parts->api_keys.get();
  parts->deps.connections = parts->connections.get();
  parts->deps.removal = parts->removal.get();
  parts->deps.settings = parts->settings.get();
  parts->deps.catalog = &parts->catalog;
  parts->deps.health = parts->health.get();
  parts->deps.manager = parts->manager.get();
  parts->deps.onboarding = parts->onboarding.get();
  parts->deps.oauth_flow = parts->oauth_flow.get();
  parts->deps.oauth_completion = parts->oauth_completion.get();
  parts->deps.oauth_clients = &parts->oauth_clients;
  parts->deps.revoker = parts->revoker.get();
  parts->deps.cursors = parts->cursors.get();
  parts->deps.api_usage = &parts->api_usage;
  parts->deps.webhooks = parts->webhooks.get();
  parts->deps.sync = parts->sync.get();
  parts->deps.streams = parts->streams.get();
  parts->deps.catalog_state = parts->catalog_state.get();
  parts->deps.fresh_tenant = [authenticator = parts->authenticator.get()](const http::Request& r) {
    return authenticator->FreshTenant(r.headers.Get("Authorization").value_or(""));
  };
  parts->deps.events = &parts->events;
  parts->deps.event_log = parts->event_log.get();
  parts->deps.schedules = parts->schedules.get();
  parts->deps.subscriptions = parts->subscriptions.get();
  Application::Parts* raw = parts.get();
  parts->deps.wake_workers = [raw] {
    if (raw->sync_workers) raw->sync_workers->Wake();
  };

  // The dashboard: UCF_UI_DIR, else web/out beside the binary's source tree or the working dir.
  std::error_code cwd_error;
  if (auto dir = http::FindUiDir(c.ui_dir, http::CurrentExecutable(),
                                 std::filesystem::current_path(cwd_error))) {
    if (auto site = http::StaticSite::Open(*dir); site.ok()) parts->ui.emplace(*std::move(site));
  }
  if (parts->ui) {
    parts->deps.ui = &*parts->ui;
    parts->logger->Info("ucf.app", "dashboard at /ui/", {{"dir", parts->ui->root().string()}});
  } else {
    parts->logger->Warn("ucf.app", "dashboard not found (build web/ with scripts/setup.sh or set UCF_UI_DIR)");
  }
  parts->deps.mcp = std::make_shared<std::function<http::Response(http::Request&)>>();
  parts->router = std::make_unique<http::Router>(api::BuildRoutes(parts->deps));
  parts->mcp_invoker = std::make_unique<mcp::RouteInvoker>(*parts->router);
  parts->mcp = std::make_unique<mcp::McpServer>(
      *parts->mcp_invoker, parts->registry,
      mcp::McpOptions{.api_prefix = c.api_prefix, .server_version = c.app_version,
                      .max_listed_tools = c.mcp_max_listed_tools, .allowed_origins = c.cors.allow_origins});
  *parts->deps.mcp = [server = parts->mcp.get()](http::Request& r) { return server->Handle(r); };
  parts->pipeline = BuildPipeline(*parts);
  parts->pool = std::make_unique<http::WorkerPool>(c.server.worker_threads, c.server.queue_capacity);
  parts->upstream_pool = std::make_unique<http::WorkerPool>(c.upstream_threads, c.server.queue_capacity);
  RegisterGauges(*parts);
  // One tenant never holds more than its share of the upstream threads (checked before queueing).
  http::UpstreamFairness fairness{
      .max_per_tenant = c.upstream_max_per_tenant,
      .tenant_hint = [authenticator = parts->authenticator.get()](const http::Request& r) {
        return authenticator->CachedTenant(r.headers.Get("Authorization").value_or("")).value_or("");
      }};
  parts->dispatcher = std::make_unique<http::Dispatcher>(*parts->router, *parts->pipeline, *parts->pool,
                                                         parts->upstream_pool.get(), std::move(fairness));
  http::ServerOptions options{.host = c.server.host,
                              .port = c.server.port,
                              .io_threads = c.server.io_threads,
                              .max_header_bytes = c.server.max_header_bytes,
                              .max_body_bytes = c.server.max_body_bytes,
                              .header_timeout = c.server.header_timeout,
                              .idle_timeout = c.server.idle_timeout,
                              .shutdown_grace = c.server.shutdown_grace};
  // Development default of UCF_PUBLIC_URL (production requires it): the bound port, set before
  // the first request is served.
  options.on_bound = [raw](int port) {
    if (raw->config.public_url.empty()) {
      raw->config.public_url = config::LocalPublicUrl(raw->config.server.host, port);
    }
  };
  http::Dispatcher* dispatcher = parts->dispatcher.get();
  parts->server = std::make_unique<http::Server>(
      options,
      [dispatcher](http::Request request, std::function<void(http::Response)> done) {
        dispatcher->Dispatch(std::move(request), std::move(done));
      },
      *parts->logger, [dispatcher](http::Request& head) { return dispatcher->Screen(head); });
  return std::unique_ptr<Application>(new Application(std::move(parts)));
}

Application::Application(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Application::~Application() { Shutdown(); }

absl::Status Application::Start() {
  if (absl::Status s = parts_->server->Start(); !s.ok()) return s;
  const config::Config& c = parts_->config;
  Application::Parts* p = parts_.get();
  // Fleet-wide work (webhook keep-alive, state purge, retention) runs once per interval across
  // every instance on the database (app/fleet_task.hpp); key last-use flushes are per instance.
  auto fleet_claim = [p](std::string task, std::chrono::milliseconds interval) {
    return MakeFleetClaim(*p->maintenance, p->clock, *p->logger, std::move(task), p->instance_id, interval);
  };
  parts_->webhook_keeper = std::make_unique<webhooks::WebhookKeeper>(
      *parts_->webhooks, *parts_->logger, c.webhook_refresh_interval, std::chrono::hours(24 * 7),
      fleet_claim("webhook keeper", c.webhook_refresh_interval));
  constexpr std::chrono::seconds kHousekeeping{5};
  parts_->housekeeper = std::make_unique<Housekeeper>(
      std::vector<Chore>{{"api key last use", [p] { return p->authenticator->FlushLastUsed(); }},
                         OncePerFleet({"expired oauth states", [p] { return p->oauth_flow->PurgeExpiredStates(); }},
                                      fleet_claim("expired oauth states", kHousekeeping))},
      *parts_->logger, kHousekeeping);
  parts_->stats_task = StartStatsGauges(*parts_);
  parts_->retention = std::make_unique<Retention>(
      *parts_->maintenance, parts_->clock,
      RetentionOptions{.audit_days = c.retention_audit_days,
                       .jobs_days = c.retention_jobs_days,
                       .deliveries_days = c.retention_deliveries_days,
                       .deleted_records_days = c.retention_deleted_records_days,
                       .events_hours = c.retention_events_hours});
  parts_->retention_keeper = std::make_unique<Housekeeper>(
      std::vector<Chore>{OncePerFleet({"retention", [p] { return p->retention->Run(); }},
                                      fleet_claim("retention", c.retention_interval))},
      *parts_->logger, c.retention_interval);
  parts_->sync_workers = std::make_unique<sync::JobWorker>(
      *parts_->db, *parts_->manager, *parts_->sync_runner, parts_->clock, *parts_->logger,
      sync::JobWorkerOptions{.threads = c.sync_workers, .lease = c.sync_lease, .progress_every = c.events_progress_every},
      parts_->cursors.get());
  {
    storage::DatabaseOptions listen;
    listen.url = c.database_url;
    listen.data_dir = c.data_dir.string();
    parts_->event_tail->Start(
        [listen] { return storage::OpenChangeListener(listen, storage::kEventsChannel); }, *parts_->logger);
  }
  parts_->events_keepalive = std::make_unique<core::PeriodicTask>(
      core::PeriodicTaskOptions{.interval = std::chrono::seconds(15), .first_delay = std::chrono::seconds(15), .jitter = 0.0},
      [p](std::stop_token) { p->events.Tick(); });
  parts_->delivery_loop = std::make_unique<core::PeriodicTask>(
      core::PeriodicTaskOptions{.interval = std::chrono::seconds(1), .first_delay = std::chrono::milliseconds(500), .jitter = 0.2},
      [p](std::stop_token stop) {
        absl::StatusOr<int> sent;
        do {
          sent = p->dispatcher_out->DispatchDue();
        } while (sent.ok() && *sent > 0 && !stop.stop_requested());
        if (!sent.ok()) {
          p->logger->Warn("ucf.webhooks", "sending application webhooks failed", {{"error", core::ToStd(sent.status().message())}});
        }
      });
  parts_->scheduler = std::make_unique<core::PeriodicTask>(
      core::PeriodicTaskOptions{.interval = std::chrono::seconds(5), .first_delay = std::chrono::seconds(1), .jitter = 0.2},
      [p](std::stop_token) {
        if (auto fired = p->schedules->FireDue(); !fired.ok()) {
          p->logger->Warn("ucf.sync", "firing sync schedules failed", {{"error", core::ToStd(fired.status().message())}});
        }
      });
  parts_->logger->Info("ucf.app", "listening",
                       {{"host", c.server.host},
                        {"port", parts_->server->port()},
                        {"url", core::StrCat("http://", c.server.host, ":", parts_->server->port())},
                        {"version", c.app_version},
                        {"data_dir", c.data_dir.string()}});
  if (!parts_->generated_admin_token.empty()) {
    // Shown once on the console, never through the logger: log lines must not carry secrets.
    const std::string& base = c.public_url;
    std::fprintf(stderr,
                 "\nUCF admin token (shown once; kept in %s/%s):\n  %s\nDashboard: %s/ui/#token=%s\n\n",
                 c.data_dir.c_str(), std::string(auth::kAdminTokenFile).c_str(),
                 parts_->generated_admin_token.c_str(), base.c_str(),
                 parts_->generated_admin_token.c_str());
    parts_->generated_admin_token.clear();
  }
  return absl::OkStatus();
}

int Application::port() const { return parts_->server->port(); }

void Application::Shutdown() {
  if (parts_->shut_down) return;
  parts_->shut_down = true;
  parts_->logger->Info("ucf.app", "shutting down: draining in-flight requests");
  parts_->server->Shutdown();
  parts_->webhook_keeper.reset();
  parts_->scheduler.reset();  // before the workers it wakes
  parts_->delivery_loop.reset();
  parts_->sync_workers.reset();
  parts_->events_keepalive.reset();
  parts_->db->SetEventsHook(nullptr);
  parts_->event_tail->Stop();
  parts_->pool->Stop();
  parts_->upstream_pool->Stop();
  parts_->housekeeper.reset();  // a last round stores the final key uses
  parts_->stats_task.reset();
  parts_->retention_keeper.reset();
  parts_->logger->Info("ucf.app", "shutdown complete");
}

const observability::Logger& Application::logger() const { return *parts_->logger; }

}  // namespace ucf::app
