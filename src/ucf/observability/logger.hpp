#pragma once
// Structured logging: one line per event, JSON (LOG_JSON=true) or text.
//
// JSON line keys: time (RFC 3339 UTC), level, message, logger, request_id, tenant_id, api_tag,
// then the event's fields. Fields always pass through RedactJson, so a value under a secret-like
// key never reaches a sink. request_id/tenant_id/api_tag come from the thread's current
// RequestContext unless the fields set them. Text lines escape control characters in every part
// (AppendTextEscaped), so one event is always exactly one line. Thread-safe.
//
// Lines are flushed at once, except high-volume ones logged with Log(..., /*flush=*/false) (the
// access log), which a background thread flushes every 200 ms: one write per request would cost
// a system call on the request path.

#include <memory>
#include <string_view>
#include <vector>

#include "boost/json/object.hpp"
#include "ucf/observability/log_field.hpp"

namespace spdlog {
class logger;
namespace sinks {
class sink;
}
}  // namespace spdlog

namespace ucf::observability {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// "debug", "info", "warn"/"warning", "error"; anything else → kInfo.
LogLevel ParseLogLevel(std::string_view name);

struct LoggerOptions {
  bool json = false;
  LogLevel level = LogLevel::kInfo;
};

class Logger {
 public:
  // Writes to `sinks`; with no sinks, to stdout.
  explicit Logger(LoggerOptions options,
                  std::vector<std::shared_ptr<spdlog::sinks::sink>> sinks = {});
  ~Logger();

  bool Enabled(LogLevel level) const { return level >= options_.level; }

  using Fields = std::initializer_list<LogField>;

  void Log(LogLevel level, std::string_view logger_name, std::string_view message,
           Fields fields = {}, bool flush = true) const;

  void Debug(std::string_view name, std::string_view msg, Fields f = {}) const {
    Log(LogLevel::kDebug, name, msg, f);
  }
  void Info(std::string_view name, std::string_view msg, Fields f = {}) const {
    Log(LogLevel::kInfo, name, msg, f);
  }
  void Warn(std::string_view name, std::string_view msg, Fields f = {}) const {
    Log(LogLevel::kWarn, name, msg, f);
  }
  void Error(std::string_view name, std::string_view msg, Fields f = {}) const {
    Log(LogLevel::kError, name, msg, f);
  }

  void Flush() const;

 private:
  LoggerOptions options_;
  std::shared_ptr<spdlog::logger> sink_logger_;
  std::unique_ptr<class PeriodicFlusher> flusher_;
};

}  // namespace ucf::observability
