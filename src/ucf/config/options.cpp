#include "ucf/config/options.hpp"

#include "ucf/core/strings.hpp"

#include "ucf/config/value_parsers.hpp"
#include "ucf/core/status_macros.hpp"

namespace ucf::config {
namespace {

using Apply = std::function<absl::Status(Config&, std::string_view)>;

Apply SetString(std::string Config::*field) {
  return [field](Config& c, std::string_view v) {
    c.*field = std::string(v);
    return absl::OkStatus();
  };
}

template <typename T>
Apply SetInt(T ServerConfig::*field, long long min, long long max) {
  return [=](Config& c, std::string_view v) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(long long n, ParseIntValue(v, min, max));
    c.server.*field = static_cast<T>(n);
    return absl::OkStatus();
  };
}

// A whole number in [min, max] into a Config field: an int, or a std::chrono duration counted in
// its own unit (seconds, minutes, …).
template <typename T>
Apply SetNumber(T Config::*field, long long min, long long max) {
  return [=](Config& c, std::string_view v) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(long long n, ParseIntValue(v, min, max));
    c.*field = static_cast<T>(n);
    return absl::OkStatus();
  };
}

Apply SetMillis(std::chrono::milliseconds ServerConfig::*field) {
  return [=](Config& c, std::string_view v) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(long long n, ParseIntValue(v, 1, 3'600'000));
    c.server.*field = std::chrono::milliseconds(n);
    return absl::OkStatus();
  };
}

Apply SetList(std::vector<std::string> CorsConfig::*field) {
  return [=](Config& c, std::string_view v) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(c.cors.*field, ParseListValue(v));
    return absl::OkStatus();
  };
}

absl::Status SetEnv(Config& c, std::string_view v) {
  std::string s = core::ToLower(core::Trim(v));
  if (s == "development" || s == "dev" || s.empty()) {
    c.env = Environment::kDevelopment;
  } else if (s == "production" || s == "prod") {
    c.env = Environment::kProduction;
  } else {
    return absl::InvalidArgumentError(
        core::StrCat("must be development or production (got '", v, "')"));
  }
  return absl::OkStatus();
}

absl::Status SetLogLevel(Config& c, std::string_view v) {
  std::string s = core::ToLower(core::Trim(v));
  if (s == "warning") s = "warn";
  if (s == "critical") s = "error";
  if (s != "debug" && s != "info" && s != "warn" && s != "error") {
    return absl::InvalidArgumentError(
        core::StrCat("must be one of debug, info, warning, error (got '", v, "')"));
  }
  c.log_level = s;
  return absl::OkStatus();
}

absl::Status SetApiPrefix(Config& c, std::string_view v) {
  if (v.empty() || v.front() != '/' || (v.size() > 1 && v.back() == '/')) {
    return absl::InvalidArgumentError(
        core::StrCat("must start with '/' and not end with one (got '", v, "')"));
  }
  c.api_prefix = std::string(v);
  return absl::OkStatus();
}

absl::Status SetDatabaseUrl(Config& c, std::string_view v) {
  if (!v.empty() && !v.starts_with("postgresql://") && !v.starts_with("postgres://")) {
    return absl::InvalidArgumentError(
        "must be empty (SQLite in UCF_DATA_DIR) or a postgresql:// URL");
  }
  c.database_url = std::string(v);
  return absl::OkStatus();
}

// An http(s) origin with an optional path: no user info, query or fragment; trailing '/' dropped.
absl::Status SetPublicUrl(Config& c, std::string_view v) {
  std::string_view url = core::Trim(v);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  if (url.empty()) {
    c.public_url.clear();
    return absl::OkStatus();
  }
  bool scheme = url.starts_with("http://") || url.starts_with("https://");
  std::string_view rest = url.substr(url.find("//") + 2);
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (!scheme || url.size() > 2048 || authority.empty() ||
      authority.find_first_of("@?#") != std::string_view::npos ||
      rest.find_first_of("?# \t") != std::string_view::npos) {
    return absl::InvalidArgumentError(
        "must be an http:// or https:// URL without user info, query or fragment, e.g. "
        "https://ucf.example.com");
  }
  c.public_url = std::string(url);
  return absl::OkStatus();
}

absl::Status SetBool(bool& out, std::string_view v) {
  UCF_ASSIGN_OR_RETURN(out, ParseBoolValue(v));
  return absl::OkStatus();
}

}  // namespace

const std::vector<OptionSpec>& Options() {
  static const std::vector<OptionSpec>* options = new std::vector<OptionSpec>{
      {"APP_NAME", "Unified Connector Backend", "Service name in the OpenAPI document", false,
       SetString(&Config::app_name)},
      {"APP_DESCRIPTION", "", "Service description in the OpenAPI document", false,
       SetString(&Config::app_description)},
      {"APP_VERSION", UCF_VERSION, "Version reported by GET /", false,
       SetString(&Config::app_version)},
      {"API_PREFIX", "/api", "Prefix of the JSON API routes", false, SetApiPrefix},
      {"UCF_ENV", "development", "development or production (production requires keys)", false,
       SetEnv},
      {"UCF_DATA_DIR", "./data", "Directory for the SQLite database and generated keys", false,
       [](Config& c, std::string_view v) {
         if (v.empty()) return absl::InvalidArgumentError("must not be empty");
         c.data_dir = std::string(v);
         return absl::OkStatus();
       }},
      {"DATABASE_URL", "", "Empty: SQLite in UCF_DATA_DIR; postgresql://… : PostgreSQL", true,
       SetDatabaseUrl},
      {"ENCRYPTION_KEY", "", "Comma-separated Fernet keys; the first encrypts, all decrypt", true,
       SetString(&Config::encryption_key)},
      {"UCF_ADMIN_TOKEN", "", "Admin bearer token; generated into the data dir when unset", true,
       SetString(&Config::admin_token)},
      {"UCF_PUBLIC_URL", "",
       "Public base URL for redirect and callback URLs (required in production)", false,
       SetPublicUrl},
      {"UCF_PROVIDERS_FILE", "", "Extra provider catalog (JSON) merged at startup", false,
       SetString(&Config::providers_file)},
      {"UCF_UI_DIR", "", "The dashboard's static export (empty: web/out beside the binary or here)",
       false, [](Config& c, std::string_view v) {
         c.ui_dir = std::string(v);
         return absl::OkStatus();
       }},
      {"UCF_ALLOW_PRIVATE_UPSTREAMS", "false", "Let connectors reach loopback/private addresses",
       false, [](Config& c, std::string_view v) { return SetBool(c.allow_private_upstreams, v); }},
      {"UCF_ALLOW_PRIVATE_DATABASES", "false",
       "Let database connectors (PostgreSQL) reach loopback/private addresses", false,
       [](Config& c, std::string_view v) { return SetBool(c.allow_private_databases, v); }},
      {"UCF_UPSTREAM_TIMEOUT_MS", "30000", "Total time allowed for one provider request", false,
       SetNumber(&Config::upstream_timeout, 100, 600'000)},
      {"UCF_UPSTREAM_MAX_ATTEMPTS", "4", "Tries per provider request (429/5xx/timeouts retried)", false,
       SetNumber(&Config::upstream_max_attempts, 1, 10)},
      {"UCF_UPSTREAM_MAX_CONCURRENCY", "8", "Provider requests in flight per connection", false,
       SetNumber(&Config::upstream_max_concurrency, 1, 256)},
      {"UCF_UPSTREAM_THREADS", "16", "Threads for requests that call providers (kept apart from local work)",
       false, SetNumber(&Config::upstream_threads, 1, 256)},
      {"UCF_UPSTREAM_MAX_PER_TENANT", "4",
       "Requests of one tenant queued or running on the upstream threads (more → 429)", false,
       SetNumber(&Config::upstream_max_per_tenant, 1, 256)},
      {"UCF_CONNECTION_CACHE_MS", "1000",
       "How long an opened connection is served from memory; a change made by another instance takes "
       "effect within it (this instance's own at once); 0 = read storage every call",
       false, SetNumber(&Config::connection_cache, 0, 10'000)},
      {"UCF_UPSTREAM_CHECK_TIMEOUT_MS", "10000", "Time allowed for a credential check or webhook keep-alive call (one try, no retries)",
       false, SetNumber(&Config::upstream_check_timeout, 100, 600'000)},
      {"UCF_MCP_MAX_LISTED_TOOLS", "40",
       "MCP tools/list lists every connection tool up to this many (beyond: search_tools finds them)", false,
       SetNumber(&Config::mcp_max_listed_tools, 0, 10'000)},
      {"UCF_SYNC_MAX_QUEUED_PER_TENANT", "100", "Queued sync jobs per tenant (more → 429)", false,
       SetNumber(&Config::sync_max_queued_per_tenant, 1, 1'000'000)},
      {"UCF_TOKEN_REFRESH_MARGIN_SECONDS", "120", "Refresh OAuth access tokens this long before expiry",
       false, SetNumber(&Config::token_refresh_margin, 0, 86'400)},
      {"UCF_WEBHOOK_REFRESH_INTERVAL_MINUTES", "360",
       "How often provider webhooks expiring within 7 days are extended", false,
       SetNumber(&Config::webhook_refresh_interval, 1, 10'080)},
      {"UCF_AUTH_MAX_FAILURES", "10",
       "Failed authentications from one client address before it is refused (429)", false,
       SetNumber(&Config::auth_max_failures, 1, 1'000'000)},
      {"UCF_AUTH_FAILURE_WINDOW_SECONDS", "60",
       "The window those failures are counted in, and how long the refusal lasts", false,
       SetNumber(&Config::auth_failure_window, 1, 86'400)},
      {"UCF_TRUSTED_PROXIES", "",
       "Proxies (IPs/CIDRs, comma-separated) whose X-Forwarded-For names the client", false,
       [](Config& c, std::string_view v) -> absl::Status {
         UCF_ASSIGN_OR_RETURN(c.trusted_proxies, ParseIpNetworkList(v));
         return absl::OkStatus();
       }},
      {"UCF_SYNC_WORKERS", "2", "Threads running sync jobs", false,
       SetNumber(&Config::sync_workers, 1, 64)},
      {"UCF_SYNC_LEASE_SECONDS", "60",
       "A running sync job not heartbeaten for this long (its worker died) is taken over", false,
       SetNumber(&Config::sync_lease, 2, 3600)},
      {"UCF_RETENTION_AUDIT_DAYS", "365", "Days audit log entries are kept (0: forever)", false,
       SetNumber(&Config::retention_audit_days, 0, 36'500)},
      {"UCF_RETENTION_JOBS_DAYS", "90", "Days finished sync jobs are kept (0: forever)", false,
       SetNumber(&Config::retention_jobs_days, 0, 36'500)},
      {"UCF_RETENTION_DELIVERIES_DAYS", "30", "Days sent or failed webhook deliveries are kept (0: forever)",
       false, SetNumber(&Config::retention_deliveries_days, 0, 36'500)},
      {"UCF_RETENTION_DELETED_RECORDS_DAYS", "90",
       "Days synced records deleted upstream stay in the change feed (0: forever)", false,
       SetNumber(&Config::retention_deleted_records_days, 0, 36'500)},
      {"UCF_RETENTION_EVENTS_HOURS", "24",
       "Hours live job/connection events stay replayable with Last-Event-ID (0: forever)", false,
       SetNumber(&Config::retention_events_hours, 0, 876'000)},
      {"UCF_EVENTS_PROGRESS_MS", "1000", "At most one job.progress event per running job per this many ms",
       false, SetNumber(&Config::events_progress_every, 100, 60'000)},
      {"UCF_EVENTS_POLL_MS", "1000",
       "How often an instance polls for other instances' events besides PostgreSQL notifications", false,
       SetNumber(&Config::events_poll, 100, 60'000)},
      {"UCF_RETENTION_INTERVAL_SECONDS", "3600", "How often retention runs (once across all instances)",
       false, SetNumber(&Config::retention_interval, 1, 604'800)},
      {"LOG_LEVEL", "info", "debug, info, warning or error", false, SetLogLevel},
      {"LOG_JSON", "false", "One JSON object per log line", false,
       [](Config& c, std::string_view v) { return SetBool(c.log_json, v); }},
      {"CORS_ALLOW_ORIGINS", "", "Allowed browser origins (JSON array or comma list)", false,
       SetList(&CorsConfig::allow_origins)},
      {"CORS_ALLOW_METHODS", "GET,POST,PUT,PATCH,DELETE,OPTIONS", "Allowed CORS methods", false,
       SetList(&CorsConfig::allow_methods)},
      {"CORS_ALLOW_HEADERS",
       "Authorization,Content-Type,X-Tenant-Id,X-Request-Id,X-Correlation-Id,X-Api-Tag",
       "Allowed CORS request headers", false, SetList(&CorsConfig::allow_headers)},
      {"CORS_ALLOW_CREDENTIALS", "true", "Send Access-Control-Allow-Credentials", false,
       [](Config& c, std::string_view v) { return SetBool(c.cors.allow_credentials, v); }},
      {"UCF_HOST", "127.0.0.1", "Listen address", false,
       [](Config& c, std::string_view v) {
         if (v.empty()) return absl::InvalidArgumentError("must not be empty");
         c.server.host = std::string(v);
         return absl::OkStatus();
       }},
      {"UCF_PORT", "8000", "Listen port (0 picks a free one)", false,
       SetInt(&ServerConfig::port, 0, 65535)},
      {"UCF_IO_THREADS", "2", "Network threads", false, SetInt(&ServerConfig::io_threads, 1, 64)},
      {"UCF_WORKER_THREADS", "8", "Threads for blocking request work", false,
       SetInt(&ServerConfig::worker_threads, 1, 256)},
      {"UCF_QUEUE_CAPACITY", "1024", "Queued requests before 503", false,
       SetInt(&ServerConfig::queue_capacity, 1, 1'000'000)},
      {"UCF_MAX_HEADER_BYTES", "16384", "Largest request header block", false,
       SetInt(&ServerConfig::max_header_bytes, 1024, 1 << 20)},
      {"UCF_MAX_BODY_BYTES", "1048576", "Largest request body (larger → 413)", false,
       SetInt(&ServerConfig::max_body_bytes, 0, 1LL << 30)},
      {"UCF_HEADER_TIMEOUT_MS", "10000", "Time allowed to receive request headers", false,
       SetMillis(&ServerConfig::header_timeout)},
      {"UCF_IDLE_TIMEOUT_MS", "60000", "Keep-alive idle timeout", false,
       SetMillis(&ServerConfig::idle_timeout)},
      {"UCF_SHUTDOWN_GRACE_MS", "20000", "Time in-flight requests get on shutdown", false,
       SetMillis(&ServerConfig::shutdown_grace)},
  };
  return *options;
}

}  // namespace ucf::config
