#include "ucf/observability/logger.hpp"

#include "ucf/core/strings.hpp"

#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>

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


// stdout through stdio's buffer; unlike spdlog's stdout sinks it does not fflush every line.
class BufferedStdoutSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::fwrite(msg.payload.data(), 1, msg.payload.size(), stdout);
    std::fputc('\n', stdout);
  }
  void flush_() override { std::fflush(stdout); }
};

// IsSecretKey is called with the same few keys on every line; remember its answers per thread.
bool IsSecretKeyCached(std::string_view key) {
  thread_local std::unordered_map<std::string, bool> cache;
  auto it = cache.find(std::string(key));
  if (it != cache.end()) return it->second;
  bool secret = IsSecretKey(key);
  if (cache.size() < 4096) cache.emplace(std::string(key), secret);
  return secret;
}

// The current time as RFC 3339; the formatted second is reused within the same second.
std::string CachedNow() {
  thread_local long long cached_second = -1;
  thread_local std::string cached_prefix;  // "2026-11-25T20:36:41."
  auto now = std::chrono::system_clock::now();
  long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  long long second = ms / 1000;
  if (second != cached_second) {
    std::string full = core::FormatRfc3339(now);
    cached_prefix = full.substr(0, full.size() - 4);
    cached_second = second;
  }
  return fmt::format("{}{:03}Z", cached_prefix, ms % 1000);
}

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
                 Fields fields, bool flush) const {
  if (!Enabled(level)) return;
  const RequestContext* ctx = CurrentRequestContext();
  std::string line;
  line.reserve(256);
  if (options_.json) {
    line += "{\"time\":";
    AppendJsonString(line, CachedNow());
    line += ",\"level\":\"";
    line += LevelName(level);
    line += "\",\"message\":";
    AppendJsonString(line, message);
    line += ",\"logger\":";
    AppendJsonString(line, logger_name);
    for (auto [key, value] : {std::pair<std::string_view, const std::string*>{"request_id", ctx ? &ctx->request_id : nullptr},
                              {"trace_id", ctx ? &ctx->trace_id : nullptr},
                              {"tenant_id", ctx ? &ctx->tenant_id : nullptr},
                              {"api_tag", ctx ? &ctx->api_tag : nullptr}}) {
      line += ",\"";
      line += key;
      line += "\":";
      if (value == nullptr || value->empty()) {
        line += "null";
      } else {
        AppendJsonString(line, *value);
      }
    }
    for (const LogField& f : fields) {
      line += ',';
      AppendJsonString(line, f.key);
      line += ':';
      f.value.AppendJson(line, IsSecretKeyCached(f.key));
    }
    line += '}';
  } else {
    line += CachedNow();
    line += " | ";
    line += core::ToUpper(LevelName(level));
    line += " | ";
    AppendTextEscaped(line, logger_name);
    line += " | ";
    AppendTextEscaped(line, message);
    if (ctx) {
      line += " | request_id=";
      AppendTextEscaped(line, ctx->request_id);
      line += " tenant_id=";
      AppendTextEscaped(line, ctx->tenant_id);
      line += " api_tag=";
      AppendTextEscaped(line, ctx->api_tag);
      line += " trace_id=";
      AppendTextEscaped(line, ctx->trace_id);
    }
    for (const LogField& f : fields) {
      line += ' ';
      AppendTextEscaped(line, f.key);
      line += '=';
      f.value.AppendText(line, IsSecretKeyCached(f.key));
    }
  }
  sink_logger_->log(level >= LogLevel::kError ? spdlog::level::err : spdlog::level::info,
                    std::string_view(line));
  if (flush) sink_logger_->flush();
}

}  // namespace ucf::observability
