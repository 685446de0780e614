#pragma once

#include <string>

#include "ucf/core/clock.hpp"

namespace ucf::storage {

// A recurring sync of one model of a connection: due at next_fire_at, then every every_seconds
// (jittered by the scheduler); every full_every-th run is a full run (0 = never).
struct SyncScheduleRecord {
  std::string tenant_id;
  std::string connection_id;
  std::string model;
  int every_seconds = 0;
  int full_every = 0;
  std::int64_t runs = 0;  // fires so far
  core::TimePoint next_fire_at;
  core::TimePoint created_at;
  core::TimePoint updated_at;
};

}  // namespace ucf::storage
