#pragma once
// The SQLite engine: one file in WAL mode, one writer connection, a small pool of readers, and a
// thread that checkpoints the WAL (wal_checkpointer.hpp).

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "ucf/storage/sql/connection_pool.hpp"
#include "ucf/storage/sql/driver.hpp"
#include "ucf/storage/sqlite/sqlite_connection.hpp"
#include "ucf/storage/sqlite/wal_checkpointer.hpp"

namespace ucf::storage::sqlite {

struct SqliteDriverOptions {
  std::string path;  // the database file
  int max_readers = 4;
  // How long a transaction waits for the writer (in this process, then for another process's
  // write lock) or for a free reader before Unavailable.
  std::chrono::milliseconds acquire_timeout{10000};
};

// Thread-safe. kWrite transactions run on the one writer connection, serialised by a mutex and
// BEGIN IMMEDIATE (which also excludes writers of other processes on the same file); kRead
// transactions run on reader connections and see a snapshot, concurrently with the writer (WAL).
class SqliteDriver final : public sql::Driver {
 public:
  // Opens the writer at once (creating the file; Unavailable when it cannot); readers are opened
  // on demand.
  static absl::StatusOr<std::unique_ptr<SqliteDriver>> Open(const SqliteDriverOptions& options);

  std::string_view Name() const override { return "sqlite"; }
  absl::Status RunInTransaction(TxMode mode,
                                absl::FunctionRef<absl::Status(sql::Executor&)> fn) override;
  absl::Span<const sql::Migration> Migrations() const override;
  std::string_view SchemaMigrationsDdl() const override;
  // A no-op: a migration is a write transaction, which BEGIN IMMEDIATE already makes exclusive.
  absl::Status LockForMigration(sql::Executor& executor) override { return absl::OkStatus(); }

 private:
  SqliteDriver(SqliteDriverOptions options, std::unique_ptr<WalCheckpointer> checkpointer,
               std::unique_ptr<SqliteConnection> writer);

  absl::Status RunWrite(absl::FunctionRef<absl::Status(sql::Executor&)> fn);
  absl::Status RunRead(absl::FunctionRef<absl::Status(sql::Executor&)> fn);

  const SqliteDriverOptions options_;

  // Checkpoints the WAL off the writer's commits; before writer_, which must not outlive it.
  std::unique_ptr<WalCheckpointer> checkpointer_;
  std::timed_mutex writer_mu_;
  std::unique_ptr<SqliteConnection> writer_;  // guarded by writer_mu_

  sql::ConnectionPool<SqliteConnection> readers_;
};

}  // namespace ucf::storage::sqlite
