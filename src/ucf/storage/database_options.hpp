#pragma once

#include <chrono>
#include <string>

namespace ucf::storage {

// How OpenDatabase reaches and prepares the database.
struct DatabaseOptions {
  // Empty → SQLite file <data_dir>/ucf.db. "postgresql://…" or "postgres://…" → PostgreSQL
  // (libpq URI syntax). May hold a password: never logged or put in an error.
  std::string url;
  // Directory of the SQLite file; created if missing.
  std::string data_dir = "./data";
  // Apply missing migrations at open. When false, opening fails with FailedPrecondition unless
  // the schema is exactly the latest (run `ucf migrate` first).
  bool migrate = true;
  // PostgreSQL: the most connections the pool opens.
  int max_connections = 8;
  // SQLite: the most reader connections (the writer is one more).
  int sqlite_readers = 4;
  // How long a transaction waits for a pooled connection (PostgreSQL) or for the SQLite write
  // lock held by another process (busy timeout) before Unavailable.
  std::chrono::milliseconds acquire_timeout{10000};
};

}  // namespace ucf::storage
