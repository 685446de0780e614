#pragma once

#include <optional>
#include <string>

#include "ucf/core/clock.hpp"

namespace ucf::storage {

// The incremental-sync cursor of one connection and model ("" = the connection as a whole).
struct SyncStateRecord {
  std::string tenant_id;
  std::string connection_id;
  std::string model;
  std::optional<std::string> cursor;
  core::TimePoint updated_at;
};

}  // namespace ucf::storage
