#pragma once

#include <cstdint>
#include <string>

#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::storage {

// One live event of a tenant's stream (job.* and connection.*; see outbox/live_events.hpp).
// `id` is the event's position in its tenant's stream: 1, 2, 3, … in commit order, the same on
// every instance (it is the SSE `id:` a client resumes after).
struct EventRecord {
  std::int64_t id = 0;
  std::string tenant_id;
  std::string type;
  std::string job_id;  // "" for connection events
  boost::json::object data;
  core::TimePoint created_at;
};

}  // namespace ucf::storage
