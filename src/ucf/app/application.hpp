#pragma once
// The composition root: the only place that knows concrete types. It builds, from one Config,
// the logger, metrics, stores, connectors, route table, middleware pipeline, worker pool and
// HTTP server, and tears them down in the reverse order.

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/config/config.hpp"
#include "ucf/observability/logger.hpp"

namespace spdlog::sinks {
class sink;
}

namespace ucf::app {

class Application {
 public:
  // Log lines go to `log_sinks` (stdout when empty).
  static absl::StatusOr<std::unique_ptr<Application>> Create(
      config::Config config, std::vector<std::shared_ptr<spdlog::sinks::sink>> log_sinks = {});
  ~Application();

  // Binds the listener and starts serving.
  absl::Status Start();
  int port() const;
  // Graceful: stop accepting, finish in-flight requests, stop workers. Idempotent.
  void Shutdown();

  const observability::Logger& logger() const;

  struct Parts;  // the owned components, defined in application.cpp

 private:
  explicit Application(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace ucf::app
