#include "ucf/http/middleware/access_log_middleware.hpp"

#include "ucf/core/strings.hpp"

#include <charconv>
#include <chrono>
#include <functional>
#include <memory>

#include "ucf/http/client/secret_scrubber.hpp"
#include "ucf/observability/redact.hpp"
#include "ucf/observability/request_context.hpp"

namespace ucf::http {
namespace {

constexpr std::size_t kMaxLoggedBytes = 2048;

}  // namespace

AccessLogMiddleware::AccessLogMiddleware(const observability::Logger& logger,
                                         observability::MetricsRegistry& metrics)
    : logger_(logger),
      requests_(metrics.Counter("http_requests_total", "HTTP requests served",
                                {"method", "route", "status"})),
      latency_(metrics.Histogram("http_request_duration_seconds", "HTTP request latency",
                                 {"method", "route"})),
      in_flight_(metrics.Gauge("http_requests_in_flight", "HTTP requests being handled", {})) {}

// What the line and the metrics need of a request, kept for an answer that comes later.
struct AccessLogMiddleware::Entry {
  std::string method;
  std::string route;
  std::string path;
  std::string query;
  observability::RequestContext context;
  std::chrono::steady_clock::time_point start;
};

namespace {

// A deferred answer (Response::deferred) is logged and counted when it is delivered, with its
// real status and the whole duration.
class LoggedDeferred final : public DeferredResponse {
 public:
  LoggedDeferred(std::shared_ptr<DeferredResponse> inner, std::function<void(const Response&)> record)
      : inner_(std::move(inner)), record_(std::move(record)) {}
  void Await(std::function<void(Response)> ready) override {
    inner_->Await([record = record_, ready = std::move(ready)](Response response) {
      record(response);
      ready(std::move(response));
    });
  }

 private:
  std::shared_ptr<DeferredResponse> inner_;
  std::function<void(const Response&)> record_;
};

}  // namespace

Response AccessLogMiddleware::Handle(Request& request, Next next) const {
  Entry entry;
  entry.start = std::chrono::steady_clock::now();
  in_flight_.Add({}, 1);
  Response response = next(request);
  entry.route = request.route ? request.route->pattern : "unmatched";
  entry.method = request.method.empty() ? std::string("UNKNOWN") : request.method;
  if (logger_.Enabled(observability::LogLevel::kInfo)) {
    // A path or query can be as long as the header limit; the log keeps a bounded prefix.
    entry.query = request.query.empty()
                       ? std::string()
                       : TruncateUtf8(observability::RedactQuery(
                                          std::string_view(request.query).substr(0, 4 * kMaxLoggedBytes)),
                                      kMaxLoggedBytes);
    entry.path = TruncateUtf8(request.path, kMaxLoggedBytes);
  }
  if (response.deferred) {
    entry.context = request.context;  // the answer may come on another thread
    response.deferred = std::make_shared<LoggedDeferred>(
        std::move(response.deferred), [this, later = std::make_shared<Entry>(std::move(entry))](const Response& real) {
          observability::ScopedRequestContext scope(later->context);
          Record(*later, real);
        });
    return response;
  }
  entry.context.client_address = request.context.client_address;
  Record(entry, response);
  return response;
}

void AccessLogMiddleware::Record(const Entry& entry, const Response& response) const {
  in_flight_.Add({}, -1);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - entry.start).count();
  char status_text[8];
  auto status_end = std::to_chars(status_text, status_text + sizeof status_text, response.status).ptr;
  requests_.Increment({entry.method, entry.route, std::string_view(status_text, status_end - status_text)});
  latency_.Observe({entry.method, entry.route}, seconds);
  if (!logger_.Enabled(observability::LogLevel::kInfo)) return;
  double duration_ms = static_cast<double>(static_cast<long long>(seconds * 100000)) / 100;
  observability::LogValue query_value =
      entry.query.empty() ? observability::LogValue(nullptr) : observability::LogValue(entry.query);
  logger_.Log(observability::LogLevel::kInfo, "ucf.access", "request_completed",
              {{"method", entry.method},
               {"path", entry.path},
               {"route", entry.route},
               {"status", response.status},
               {"duration_ms", duration_ms},
               {"bytes", response.body.size()},
               {"client", entry.context.client_address},
               {"query", query_value}},
              /*flush=*/false);
}

}  // namespace ucf::http
