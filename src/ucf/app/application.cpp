#include "ucf/app/application.hpp"

#include "ucf/core/strings.hpp"

#include "ucf/api/api_deps.hpp"
#include "ucf/api/routes.hpp"
#include "ucf/http/middleware/access_log_middleware.hpp"
#include "ucf/http/middleware/cors_middleware.hpp"
#include "ucf/http/middleware/recover_middleware.hpp"
#include "ucf/http/middleware/request_id_middleware.hpp"
#include "ucf/http/router/router.hpp"
#include "ucf/http/server/dispatcher.hpp"
#include "ucf/http/server/server.hpp"
#include "ucf/http/server/worker_pool.hpp"
#include "ucf/observability/metrics.hpp"

namespace ucf::app {

struct Application::Parts {
  config::Config config;
  std::unique_ptr<observability::Logger> logger;
  observability::MetricsRegistry metrics;
  api::ApiDeps deps;
  std::unique_ptr<http::Router> router;
  std::unique_ptr<http::Pipeline> pipeline;
  std::unique_ptr<http::WorkerPool> pool;
  std::unique_ptr<http::Dispatcher> dispatcher;
  std::unique_ptr<http::Server> server;
  bool shut_down = false;
};

namespace {

std::unique_ptr<http::Pipeline> BuildPipeline(const config::Config& config,
                                              const observability::Logger& logger,
                                              observability::MetricsRegistry& metrics) {
  std::vector<std::unique_ptr<http::Middleware>> chain;
  chain.push_back(std::make_unique<http::RequestIdMiddleware>());
  chain.push_back(std::make_unique<http::AccessLogMiddleware>(logger, metrics));
  chain.push_back(std::make_unique<http::CorsMiddleware>(config.cors));
  chain.push_back(std::make_unique<http::RecoverMiddleware>(logger));
  return std::make_unique<http::Pipeline>(std::move(chain));
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

  parts->deps.config = &parts->config;
  parts->deps.metrics = &parts->metrics;

  parts->router = std::make_unique<http::Router>(api::BuildRoutes(parts->deps));
  parts->pipeline = BuildPipeline(c, *parts->logger, parts->metrics);
  parts->pool = std::make_unique<http::WorkerPool>(c.server.worker_threads, c.server.queue_capacity);
  parts->dispatcher =
      std::make_unique<http::Dispatcher>(*parts->router, *parts->pipeline, *parts->pool);
  http::ServerOptions options{.host = c.server.host,
                              .port = c.server.port,
                              .io_threads = c.server.io_threads,
                              .max_header_bytes = c.server.max_header_bytes,
                              .max_body_bytes = c.server.max_body_bytes,
                              .header_timeout = c.server.header_timeout,
                              .idle_timeout = c.server.idle_timeout,
                              .shutdown_grace = c.server.shutdown_grace};
  http::Dispatcher* dispatcher = parts->dispatcher.get();
  parts->server = std::make_unique<http::Server>(
      options,
      [dispatcher](http::Request request, std::function<void(http::Response)> done) {
        dispatcher->Dispatch(std::move(request), std::move(done));
      },
      *parts->logger);
  return std::unique_ptr<Application>(new Application(std::move(parts)));
}

Application::Application(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Application::~Application() { Shutdown(); }

absl::Status Application::Start() {
  if (absl::Status s = parts_->server->Start(); !s.ok()) return s;
  const config::Config& c = parts_->config;
  parts_->logger->Info("ucf.app", "listening",
                       {{"host", c.server.host},
                        {"port", parts_->server->port()},
                        {"url", core::StrCat("http://", c.server.host, ":", parts_->server->port())},
                        {"version", c.app_version},
                        {"data_dir", c.data_dir.string()}});
  return absl::OkStatus();
}

int Application::port() const { return parts_->server->port(); }

void Application::Shutdown() {
  if (parts_->shut_down) return;
  parts_->shut_down = true;
  parts_->logger->Info("ucf.app", "shutting down: draining in-flight requests");
  parts_->server->Shutdown();
  parts_->pool->Stop();
  parts_->logger->Info("ucf.app", "shutdown complete");
}

const observability::Logger& Application::logger() const { return *parts_->logger; }

}  // namespace ucf::app
