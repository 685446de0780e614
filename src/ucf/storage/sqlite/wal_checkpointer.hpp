#pragma once
// WalCheckpointer: copies the WAL into the database file on its own thread and connection, so a
// write transaction's commit does not pay for it. (SQLite's automatic checkpoint runs inside the
// commit that takes the WAL past 1000 pages, on the writing thread: a tenth of a sync's writer
// thread in the profile, bench/RESULTS.md "Sync: analysis".)
//
// The writer connection's OnWalCommit calls AfterCommit(writer, pages). From `background_at`
// pages on it wakes the thread, which runs a PASSIVE checkpoint (never waits for the writer or a
// reader). From `inline_at` pages on — the thread fell behind, or readers keep the WAL from being
// reused — AfterCommit checkpoints on the writer itself, as SQLite would, so the WAL stays bounded.
// Thread-safe; the destructor stops and joins the thread.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "ucf/storage/sqlite/sqlite_connection.hpp"

namespace ucf::storage::sqlite {

struct WalCheckpointerOptions {
  int background_at = 1000;  // WAL pages
  int inline_at = 16000;     // WAL pages (64 MiB at 4 KiB pages)
};

class WalCheckpointer {
 public:
  // Opens the thread's own connection to `path` (Unavailable when it cannot) and starts it.
  static absl::StatusOr<std::unique_ptr<WalCheckpointer>> Start(const std::string& path,
                                                                std::chrono::milliseconds busy_timeout,
                                                                WalCheckpointerOptions options = {});
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Installs AfterCommit as `writer`'s WAL hook; `writer` must not outlive this object.
  void Attach(SqliteConnection& writer);
  void AfterCommit(SqliteConnection& writer, int pages);

  // Checkpoints run so far by the thread and by AfterCommit on the writer (for tests).
  std::uint64_t background_checkpoints() const;
  std::uint64_t inline_checkpoints() const;

 private:
  WalCheckpointer(std::unique_ptr<SqliteConnection> conn, WalCheckpointerOptions options);
  void Loop(std::stop_token stop);

  const WalCheckpointerOptions options_;
  std::unique_ptr<SqliteConnection> conn_;  // used by the thread only
  mutable std::mutex mu_;
  std::condition_variable_any cv_;
  bool wanted_ = false;                     // guarded by mu_
  std::uint64_t background_ = 0;            // guarded by mu_
  std::uint64_t inline_ = 0;                // guarded by mu_
  std::jthread thread_;                     // last: started once the state above exists
};

}  // namespace ucf::storage::sqlite
