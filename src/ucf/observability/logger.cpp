#include "ucf/observability/logger.hpp"

#include "ucf/core/strings.hpp"

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "boost/json/serialize.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/observability/redact.hpp"
#include "ucf/observability/request_context.hpp"

namespace ucf::observability {
namespace {

constexpr std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

boost::json::value ContextValue(const std::string& v) {
  return v.empty() ? boost::json::value(nullptr) : boost::json::value(v);
}

std::string TextValue(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  return boost::json::serialize(v);
}

}  // namespace

LogLevel ParseLogLevel(std::string_view name) {
  std::string n = core::ToLower(name);
  if (n == "debug") return LogLevel::kDebug;
  if (n == "warn" || n == "warning") return LogLevel::kWarn;
  if (n == "error") return LogLevel::kError;
  return LogLevel::kInfo;
}

Logger::Logger(LoggerOptions options, std::vector<std::shared_ptr<spdlog::sinks::sink>> sinks)
    : options_(options) {
  if (sinks.empty()) sinks.push_back(std::make_shared<spdlog::sinks::stdout_sink_mt>());
  sink_logger_ = std::make_shared<spdlog::logger>("ucf", sinks.begin(), sinks.end());
  sink_logger_->set_pattern("%v");
  sink_logger_->set_level(spdlog::level::trace);
  sink_logger_->flush_on(spdlog::level::trace);
}

Logger::~Logger() { sink_logger_->flush(); }

void Logger::Flush() const { sink_logger_->flush(); }

void Logger::Log(LogLevel level, std::string_view logger_name, std::string_view message,
                 const boost::json::object& fields) const {
  if (!Enabled(level)) return;
  const RequestContext* ctx = CurrentRequestContext();
  boost::json::value redacted = RedactJson(fields);
  const boost::json::object& extra = redacted.as_object();
  std::string time = core::FormatRfc3339(std::chrono::system_clock::now());

  std::string line;
  if (options_.json) {
    boost::json::object out;
    out["time"] = time;
    out["level"] = LevelName(level);
    out["message"] = message;
    out["logger"] = logger_name;
    out["request_id"] = ctx ? ContextValue(ctx->request_id) : nullptr;
    out["tenant_id"] = ctx ? ContextValue(ctx->tenant_id) : nullptr;
    out["api_tag"] = ctx ? ContextValue(ctx->api_tag) : nullptr;
    for (const auto& [k, v] : extra) out[k] = v;
    line = boost::json::serialize(out);
  } else {
    line = time + " | " + core::ToUpper(LevelName(level)) + " | " +
           std::string(logger_name) + " | " + std::string(message);
    if (ctx) {
      line += " | request_id=" + ctx->request_id + " tenant_id=" + ctx->tenant_id +
              " api_tag=" + ctx->api_tag;
    }
    for (const auto& [k, v] : extra) line += " " + std::string(k) + "=" + TextValue(v);
  }
  sink_logger_->log(level >= LogLevel::kError ? spdlog::level::err : spdlog::level::info, line);
}

}  // namespace ucf::observability
