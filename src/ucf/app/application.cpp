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
#include "ucf/http/client/random_source.hpp"
#include "ucf/http/client/retrying_http_client.hpp"
#include "ucf/http/client/sleeper.hpp"
#include "ucf/connections/connector_settings_service.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/app/storage_setup.hpp"
#include "ucf/app/housekeeper.hpp"
#include "ucf/core/periodic_task.hpp"
#include "ucf/webhooks/delivery_dispatcher.hpp"
#include "ucf/webhooks/subscription_service.hpp"
#include "ucf/webhooks/webhook_keeper.hpp"
#include "ucf/webhooks/webhook_service.hpp"
#include "ucf/sync/job_worker.hpp"
#include "ucf/sync/event_hub.hpp"
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
#include "ucf/http/server/dispatcher.hpp"
#include "ucf/http/server/server.hpp"
#include "ucf/http/server/worker_pool.hpp"
#include "ucf/observability/metrics.hpp"

namespace ucf::app {

struct Application::Parts {  // public to this file

  config::Config config;
  std::unique_ptr<observability::Logger> logger;
  observability::MetricsRegistry metrics;
  core::SystemClock clock;
  std::unique_ptr<crypto::KeyRing> key_ring;
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<auth::Authenticator> authenticator;
  std::unique_ptr<auth::LoginThrottle> throttle;
  std::unique_ptr<auth::TenantService> tenants;
  std::unique_ptr<auth::ApiKeyService> api_keys;
  std::unique_ptr<connections::ConnectionService> connections;
  std::unique_ptr<connections::ConnectorSettingsService> settings;
  catalog::ProviderCatalog catalog;
  // Outbound calls: libcurl (SSRF guard, timeouts, size cap) → retries → per-connection limit.
  std::unique_ptr<http::CurlHttpClient> curl;
  http::RealSleeper sleeper;
  http::SeededRandomSource random;
  std::unique_ptr<http::RetryingHttpClient> upstream;
  std::unique_ptr<http::ConcurrencyLimiter> limiter;
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
  sync::EventHub events;                          // live job/connection events (SSE)
  std::unique_ptr<core::PeriodicTask> events_keepalive;  // started with the server
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
  p.upstream = std::make_unique<http::RetryingHttpClient>(*p.curl, retry, p.clock, p.sleeper, p.random);
  p.limiter = std::make_unique<http::ConcurrencyLimiter>(
      http::ConcurrencyLimiterOptions{.max_in_flight = c.upstream_max_concurrency});
  p.oauth_flow = std::make_unique<auth::oauth::AuthorizationFlow>(*p.db, *p.upstream, p.clock, p.catalog,
                                                                  p.oauth_clients);
  p.oauth_completion = std::make_unique<connections::OAuthCompletion>(*p.db, *p.oauth_flow);
  connections::TokenRefresherOptions refresh;
  refresh.refresh_margin = c.token_refresh_margin;
  p.refresher = std::make_unique<connections::TokenRefresher>(*p.db, *p.upstream, p.clock, p.catalog,
                                                              p.oauth_clients, refresh);
  p.revoker = std::make_unique<connections::Revoker>(*p.db, *p.upstream, p.clock, p.catalog, p.oauth_clients);
  p.tokens = std::make_unique<connections::RefresherTokenProvider>(*p.refresher);
  UCF_RETURN_IF_ERROR(RegisterConnectors(p));
  p.cursors = std::make_unique<connectors::CursorCodec>(p.key_ring->DeriveKeys("cursor"));
  p.manager = std::make_unique<connections::ConnectorManager>(*p.db, p.registry, p.catalog, *p.upstream,
                                                              *p.tokens, p.limiter.get(),
                                                              c.upstream_max_concurrency,
                                                              c.allow_private_databases);
  // Credential checks and webhook keep-alive calls: one short try each.
  const connections::CallLimits check{.timeout = c.upstream_check_timeout, .max_attempts = 1};
  p.onboarding = std::make_unique<connections::CredentialOnboarding>(*p.db, *p.manager, p.clock, check);
  p.webhooks = std::make_unique<webhooks::WebhookService>(*p.db, *p.manager, p.catalog, p.oauth_clients,
                                                           p.clock, check);
  p.removal = std::make_unique<connections::ConnectionRemoval>(*p.db, *p.connections, *p.webhooks, *p.revoker);
  p.sync_runner = std::make_unique<sync::SyncRunner>(*p.db, p.clock);
  p.sync = std::make_unique<sync::SyncService>(*p.db, *p.manager, c.sync_max_queued_per_tenant, &p.events);
  p.subscriptions = std::make_unique<webhooks::SubscriptionService>(*p.db, p.clock, c.allow_private_upstreams);
  // Deliveries go through the same client (and address policy) as provider calls, one try each.
  p.dispatcher_out = std::make_unique<webhooks::DeliveryDispatcher>(*p.db, *p.curl, p.clock);
  Application::Parts* raw = &p;
  p.schedules = std::make_unique<sync::SyncSchedules>(*p.db, p.registry, p.clock, &p.events, [raw] {
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
  UCF_ASSIGN_OR_RETURN(auth::AdminToken admin, auth::ResolveAdminToken(c.admin_token, c.data_dir));
  if (admin.generated) p.generated_admin_token = admin.token;
  p.authenticator = std::make_unique<auth::Authenticator>(*p.db, admin.token, p.clock);
  UCF_RETURN_IF_ERROR(p.authenticator->Preload());
  p.throttle = std::make_unique<auth::LoginThrottle>(p.clock, c.auth_max_failures,
                                                     c.auth_failure_window);
  p.tenants = std::make_unique<auth::TenantService>(*p.db);
  p.api_keys = std::make_unique<auth::ApiKeyService>(*p.db, *p.authenticator);
  p.connections = std::make_unique<connections::ConnectionService>(*p.db, p.clock, p.registry, p.catalog);
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
  parts->deps.events = &parts->events;
  parts->deps.schedules = parts->schedules.get();
  parts->deps.subscriptions = parts->subscriptions.get();
  Application::Parts* raw = parts.get();
  parts->deps.wake_workers = [raw] {
    if (raw->sync_workers) raw->sync_workers->Wake();
  };

  parts->router = std::make_unique<http::Router>(api::BuildRoutes(parts->deps));
  parts->pipeline = BuildPipeline(*parts);
  parts->pool = std::make_unique<http::WorkerPool>(c.server.worker_threads, c.server.queue_capacity);
  parts->upstream_pool = std::make_unique<http::WorkerPool>(c.upstream_threads, c.server.queue_capacity);
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
  parts_->webhook_keeper = std::make_unique<webhooks::WebhookKeeper>(*parts_->webhooks, *parts_->logger,
                                                           c.webhook_refresh_interval, std::chrono::hours(24 * 7));
  Application::Parts* p = parts_.get();
  parts_->housekeeper = std::make_unique<Housekeeper>(
      std::vector<Chore>{{"api key last use", [p] { return p->authenticator->FlushLastUsed(); }},
                         {"expired oauth states", [p] { return p->oauth_flow->PurgeExpiredStates(); }}},
      *parts_->logger, std::chrono::seconds(5));
  parts_->sync_workers = std::make_unique<sync::JobWorker>(
      *parts_->db, *parts_->manager, *parts_->sync_runner, parts_->clock, *parts_->logger,
      sync::JobWorkerOptions{.threads = c.sync_workers, .lease = c.sync_lease}, &parts_->events,
      parts_->cursors.get());
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
  parts_->pool->Stop();
  parts_->upstream_pool->Stop();
  parts_->housekeeper.reset();  // a last round stores the final key uses
  parts_->logger->Info("ucf.app", "shutdown complete");
}

const observability::Logger& Application::logger() const { return *parts_->logger; }

}  // namespace ucf::app
