#pragma once
// Operational counts across all tenants, for metrics (never shown to a tenant).

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace ucf::storage {

struct OperationalCounts {
  std::map<std::string, std::int64_t> jobs_by_status;        // queued, running, succeeded, …
  std::map<std::string, std::int64_t> deliveries_by_status;  // pending, succeeded, failed
  std::int64_t records = 0;                                  // synced records stored
};

// Bound to one transaction (see Session); not thread-safe.
class StatsStore {
 public:
  virtual ~StatsStore() = default;
  virtual absl::StatusOr<OperationalCounts> Counts() = 0;
};

}  // namespace ucf::storage
