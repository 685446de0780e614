#pragma once
// The service configuration: a plain struct, loaded and validated once at startup (config_loader).
// Every option, its variable name, default and meaning is listed in one table in options.cpp.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "ucf/config/ip_network.hpp"

namespace ucf::config {

enum class Environment { kDevelopment, kProduction };

struct CorsConfig {
  std::vector<std::string> allow_origins;  // explicit origins; "*" only without credentials
  std::vector<std::string> allow_methods;
  std::vector<std::string> allow_headers;
  bool allow_credentials = true;
};

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8000;  // 0 picks a free port
  int io_threads = 2;
  int worker_threads = 8;
  std::size_t queue_capacity = 1024;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{20'000};
};

struct Config {
  std::string app_name = "Unified Connector Backend";
  std::string app_description;
  std::string app_version;
  std::string api_prefix = "/api";
  Environment env = Environment::kDevelopment;
  std::filesystem::path data_dir = "./data";
  std::string database_url;     // empty → SQLite in data_dir
  std::string encryption_key;   // comma-separated Fernet keys; never logged
  std::string admin_token;      // never logged
  // This service's public origin for redirect and callback URLs (never taken from a request's
  // Host). Required in production; in development empty means http://<listen address>:<port>.
  std::string public_url;
  std::string providers_file;   // extra provider catalog merged at startup
  // The dashboard's static export served at /ui/; empty: found beside the binary or in ./web/out.
  std::filesystem::path ui_dir;
  bool allow_private_upstreams = false;
  bool allow_private_databases = false;  // customer databases (UCF_ALLOW_PRIVATE_DATABASES)
  // Outbound provider calls.
  std::chrono::milliseconds upstream_timeout{30'000};
  int upstream_max_attempts = 4;       // first try included
  int upstream_max_concurrency = 8;    // in-flight calls per connection
  int upstream_threads = 16;           // request handlers that call providers, apart from the rest
  // Fairness between tenants: a tenant's requests queued or running on the upstream threads (over
  // it → 429 before queueing); onboarding checks' timeout (one try); a tenant's queued sync jobs.
  int upstream_max_per_tenant = 4;
  std::chrono::milliseconds upstream_check_timeout{10'000};
  // Opened connections (decrypted credentials) served from memory this long (0 = off); another
  // instance's change takes effect within it (connections/connection_cache.hpp).
  std::chrono::milliseconds connection_cache{1'000};
  int sync_max_queued_per_tenant = 100;
  // MCP: tools/list lists every connection tool up to this many (beyond: search_tools only).
  int mcp_max_listed_tools = 40;
  std::chrono::seconds token_refresh_margin{120};
  // Brute-force brake: this many failed authentications from one client address within the
  // window refuse that address (429 + Retry-After) until the window ends.
  int auth_max_failures = 10;
  std::chrono::seconds auth_failure_window{60};
  // Peers whose X-Forwarded-For names the client (for the brake above and the access log).
  std::vector<IpNetwork> trusted_proxies;
  std::chrono::minutes webhook_refresh_interval{360};  // keep-alive round of provider webhooks
  int sync_workers = 2;                                // threads running sync jobs
  // A running job whose worker stopped heartbeating (crash, kill -9) is claimable after this.
  std::chrono::seconds sync_lease{60};
  // Live events (sync/event_tail.hpp): at most one job.progress event per running job per this
  // long; how often an instance polls the events table besides notifications.
  std::chrono::milliseconds events_progress_every{1000};
  std::chrono::milliseconds events_poll{1000};
  // Retention: history older than this many days is pruned (0 keeps it), once across the fleet
  // every retention_interval, in small batches (app/retention.hpp).
  int retention_audit_days = 365;
  int retention_jobs_days = 90;
  int retention_deliveries_days = 30;
  int retention_deleted_records_days = 90;
  int retention_events_hours = 24;  // live events replayable with Last-Event-ID
  std::chrono::seconds retention_interval{3600};
  std::string log_level = "info";
  bool log_json = false;
  CorsConfig cors;
  ServerConfig server;
};

}  // namespace ucf::config
