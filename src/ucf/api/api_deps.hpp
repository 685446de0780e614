#pragma once
// What the handlers may use, handed in by the composition root (app/). Handlers reach the outside
// world only through these interfaces, so tests can build them with fakes.

#include <functional>

#include "absl/status/status.h"
#include "ucf/config/config.hpp"
#include "ucf/observability/metrics.hpp"

namespace ucf::api {

struct ApiDeps {
  const config::Config* config = nullptr;
  observability::MetricsRegistry* metrics = nullptr;
  // A real database round trip; empty when no database is configured.
  std::function<absl::Status()> ping_database;
};

}  // namespace ucf::api
