#pragma once
// A dedicated database connection that receives notifications of one channel (PostgreSQL
// LISTEN/NOTIFY), for waking this process when another instance committed something (live events:
// sync/event_tail.hpp). Obtained with storage::OpenChangeListener (open/open_database.hpp); SQLite
// has none (one process: the in-process events hook suffices).

#include <chrono>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ucf::storage {

// Not thread-safe: one thread waits on it.
class ChangeListener {
 public:
  virtual ~ChangeListener() = default;
  // Waits up to `timeout` for notifications and returns their payloads (empty on timeout), each
  // cut to 256 bytes. Unavailable once the connection is lost (notifications sent meanwhile are
  // lost: the caller opens a new listener and polls what it may have missed).
  virtual absl::StatusOr<std::vector<std::string>> Wait(std::chrono::milliseconds timeout) = 0;
};

}  // namespace ucf::storage
