#include "ucf/observability/logger.hpp"

#include "ucf/core/strings.hpp"

#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

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
  if (v.is_double()) return fmt::format("{:.3f}", v.as_double());
  return boost::json::serialize(v);
}

// stdout through stdio's buffer; unlike spdlog's stdout sinks it does not fflush every line.
class BufferedStdoutSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::fwrite(msg.payload.data(), 1, msg.payload.size(), stdout);
    std::fputc('\n', stdout);
  }
  void flush_() override { std::fflush(stdout); }
};

}  // namespace

// Flushes the sinks every 200 ms until destroyed.
class PeriodicFlusher {
 public:
  explicit PeriodicFlusher(std::shared_ptr<spdlog::logger> logger)
      : logger_(std::move(logger)), thread_([this] { Run(); }) {}
  ~PeriodicFlusher() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  void Run() {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) {
      logger_->flush();
    }
  }
  std::shared_ptr<spdlog::logger> logger_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

LogLevel ParseLogLevel(std::string_view name) {
  std::string n = core::ToLower(name);
  if (n == "debug") return LogLevel::kDebug;
  if (n == "warn" || n == "warning") return LogLevel::kWarn;
  if (n == "error") return LogLevel::kError;
  return LogLevel::kInfo;
}

Logger::Logger(LoggerOptions options, std::vector<std::shared_ptr<spdlog::sinks::sink>> sinks)
    : options_(options) {
  if (sinks.empty()) sinks.push_back(std::make_shared<BufferedStdoutSink>());
  sink_logger_ = std::make_shared<spdlog::logger>("ucf", sinks.begin(), sinks.end());
  sink_logger_->set_pattern("%v");
  sink_logger_->set_level(spdlog::level::trace);
  sink_logger_->flush_on(spdlog::level::off);
  flusher_ = std::make_unique<PeriodicFlusher>(sink_logger_);
}

Logger::~Logger() {
  flusher_.reset();
  sink_logger_->flush();
}

void Logger::Flush() const { sink_logger_->flush(); }

void Logger::Log(LogLevel level, std::string_view logger_name, std::string_view message,
                 const boost::json::object& fields, bool flush) const {
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
  if (flush) sink_logger_->flush();
}

}  // namespace ucf::observability
