#pragma once
// An online backup of a SQLite database file (the SQLite backup API): a consistent copy taken
// while the service keeps running — writers are paused only for each short step, never for the
// whole copy. The copy is written next to `destination` and renamed into place when complete, so
// a failed or interrupted backup never leaves a half-written file under that name.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace ucf::storage::sqlite {

struct BackupReport {
  std::int64_t pages = 0;  // pages copied
  int steps = 0;           // backup steps (each a short read lock on the source)
};

// Copies `source` (an existing database file; never created) to `destination`, `pages_per_step`
// pages per step. NotFound when the source does not exist; InvalidArgument when both name the
// same file or pages_per_step < 1; Internal (with SQLite's message) otherwise.
absl::StatusOr<BackupReport> BackupDatabaseFile(const std::string& source, const std::string& destination,
                                                int pages_per_step = 256);

}  // namespace ucf::storage::sqlite
