#include "ucf/http/middleware/access_log_middleware.hpp"

#include "ucf/core/strings.hpp"

#include <charconv>
#include <chrono>

#include "ucf/http/client/secret_scrubber.hpp"
#include "ucf/observability/redact.hpp"

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

Response AccessLogMiddleware::Handle(Request& request, Next next) const {
  auto start = std::chrono::steady_clock::now();
  in_flight_.Add({}, 1);
  Response response = next(request);
  in_flight_.Add({}, -1);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string_view route = request.route ? std::string_view(request.route->pattern) : "unmatched";
  std::string_view method = request.method.empty() ? std::string_view("UNKNOWN") : request.method;
  char status_text[8];
  auto status_end = std::to_chars(status_text, status_text + sizeof status_text, response.status).ptr;
  requests_.Increment({method, route, std::string_view(status_text, status_end - status_text)});
  latency_.Observe({method, route}, seconds);

  if (logger_.Enabled(observability::LogLevel::kInfo)) {
    // A path or query can be as long as the header limit; the log keeps a bounded prefix.
    std::string query = request.query.empty()
                            ? std::string()
                            : TruncateUtf8(observability::RedactQuery(
                                               std::string_view(request.query).substr(0, 4 * kMaxLoggedBytes)),
                                           kMaxLoggedBytes);
    std::string path = TruncateUtf8(request.path, kMaxLoggedBytes);
    double duration_ms = static_cast<double>(static_cast<long long>(seconds * 100000)) / 100;
    observability::LogValue query_value =
        query.empty() ? observability::LogValue(nullptr) : observability::LogValue(query);
    logger_.Log(observability::LogLevel::kInfo, "ucf.access", "request_completed",
                {{"method", method},
                 {"path", path},
                 {"route", route},
                 {"status", response.status},
                 {"duration_ms", duration_ms},
                 {"bytes", response.body.size()},
                 {"client", request.context.client_address},
                 {"query", query_value}},
                /*flush=*/false);
  }
  return response;
}

}  // namespace ucf::http
