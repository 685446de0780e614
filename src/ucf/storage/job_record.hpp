#pragma once

#include <optional>
#include <string>

#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/job_status.hpp"

namespace ucf::storage {

// A sync job. A running job is leased to one worker until lease_expires_at; a worker that stops
// heartbeating loses the job to the next ClaimNext.
struct JobRecord {
  std::string id;
  std::string tenant_id;
  std::string connection_id;
  std::string type;  // "sync" | "import" | …
  JobStatus status = JobStatus::kQueued;
  int progress = 0;  // 0..100
  boost::json::object params;
  boost::json::object counts;
  std::optional<std::string> error;
  int attempt = 0;  // how many times a worker claimed it
  std::optional<std::string> lease_owner;
  std::optional<core::TimePoint> lease_expires_at;
  bool cancel_requested = false;
  core::TimePoint created_at;
  std::optional<core::TimePoint> started_at;
  std::optional<core::TimePoint> finished_at;
  core::TimePoint updated_at;
};

}  // namespace ucf::storage
