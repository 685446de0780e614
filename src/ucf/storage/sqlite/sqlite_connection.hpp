#pragma once
// One SQLite connection with its prepared-statement cache.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/status/statusor.h"
#include "ucf/storage/sql/executor.hpp"
#include "ucf/storage/sql/string_hash.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ucf::storage::sqlite {

enum class ConnectionRole {
  kWriter,  // sets WAL mode; the only connection that writes
  kReader,  // PRAGMA query_only: any write fails with FailedPrecondition
};

// Not thread-safe: used by one thread at a time (the driver hands it out exclusively).
// Every connection has foreign_keys=ON, synchronous=NORMAL and a busy timeout.
class SqliteConnection final : public sql::Executor {
 public:
  // Opens (creating it with mode 0600 if missing) the database file at `path`. Unavailable when
  // the file cannot be opened.
  static absl::StatusOr<std::unique_ptr<SqliteConnection>> Open(
      const std::string& path, ConnectionRole role, std::chrono::milliseconds busy_timeout);
  ~SqliteConnection() override;

  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  absl::StatusOr<sql::Rows> Query(std::string_view sql,
                                  absl::Span<const sql::Value> params) override;
  absl::StatusOr<std::int64_t> Exec(std::string_view sql,
                                    absl::Span<const sql::Value> params) override;
  absl::Status ExecScript(std::string_view sql) override;
  // True outside a transaction (a failed ROLLBACK may leave one open; then drop the connection).
  bool InAutocommit() const;

  // A no-op: write transactions are BEGIN IMMEDIATE, so they already exclude each other.
  absl::Status LockKey(std::string_view key) override { return absl::OkStatus(); }

  // After each commit of this connection, `hook(*this, pages)` with the WAL's size in pages, on
  // the committing thread. It replaces SQLite's automatic checkpoint (wal_autocheckpoint) for this
  // connection (WalCheckpointer); an empty hook restores that.
  using WalHook = std::function<void(SqliteConnection&, int pages)>;
  void OnWalCommit(WalHook hook);
  // One PASSIVE checkpoint: copies what it can of the WAL into the database file, never waiting
  // for readers or writers.
  absl::Status CheckpointPassive();

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  absl::StatusOr<sqlite3_stmt*> Prepare(std::string_view sql);
  absl::Status Bind(sqlite3_stmt* stmt, absl::Span<const sql::Value> params);
  // Steps `stmt` to completion, collecting rows into `rows` when not null; resets it.
  absl::Status Run(sqlite3_stmt* stmt, sql::Rows* rows);
  absl::Status Error(int rc) const;

  sqlite3* db_;
  WalHook wal_hook_;
  std::unordered_map<std::string, sqlite3_stmt*, sql::StringHash, std::equal_to<>> statements_;
};

}  // namespace ucf::storage::sqlite
