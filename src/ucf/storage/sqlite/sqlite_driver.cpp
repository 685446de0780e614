#include "ucf/storage/sqlite/sqlite_driver.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/storage/sqlite/migrations.hpp"

namespace ucf::storage::sqlite {
namespace {

// Runs `fn` between `begin` and COMMIT on `conn`; rolls back when it or the commit fails. BEGIN
// and COMMIT go through the connection's statement cache: they run on every transaction.
absl::Status RunBetween(SqliteConnection& conn, std::string_view begin,
                        absl::FunctionRef<absl::Status(sql::Executor&)> fn) {
  UCF_RETURN_IF_ERROR(conn.Exec(begin, {}).status());
  absl::Status status = fn(conn);
  if (status.ok()) status = conn.Exec("COMMIT", {}).status();
  if (!status.ok()) {
    // Fails harmlessly when SQLite already rolled back on its own.
    conn.ExecScript("ROLLBACK").IgnoreError();
  }
  return status;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteDriver>> SqliteDriver::Open(
    const SqliteDriverOptions& options) {
  UCF_ASSIGN_OR_RETURN(
      std::unique_ptr<SqliteConnection> writer,
      SqliteConnection::Open(options.path, ConnectionRole::kWriter, options.acquire_timeout));
  UCF_ASSIGN_OR_RETURN(std::unique_ptr<WalCheckpointer> checkpointer,
                       WalCheckpointer::Start(options.path, options.acquire_timeout));
  checkpointer->Attach(*writer);
  return std::unique_ptr<SqliteDriver>(new SqliteDriver(options, std::move(checkpointer), std::move(writer)));
}

SqliteDriver::SqliteDriver(SqliteDriverOptions options, std::unique_ptr<WalCheckpointer> checkpointer,
                           std::unique_ptr<SqliteConnection> writer)
    : options_(std::move(options)),
      checkpointer_(std::move(checkpointer)),
      writer_(std::move(writer)),
      readers_(
          [this] {
            return SqliteConnection::Open(options_.path, ConnectionRole::kReader,
                                          options_.acquire_timeout);
          },
          options_.max_readers, options_.acquire_timeout) {}

absl::Status SqliteDriver::RunInTransaction(TxMode mode,
                                            absl::FunctionRef<absl::Status(sql::Executor&)> fn) {
  return mode == TxMode::kWrite ? RunWrite(fn) : RunRead(fn);
}

absl::Status SqliteDriver::RunWrite(absl::FunctionRef<absl::Status(sql::Executor&)> fn) {
  std::unique_lock<std::timed_mutex> lock(writer_mu_, std::defer_lock);
  if (!lock.try_lock_for(options_.acquire_timeout)) {
    return absl::UnavailableError("sqlite: timed out waiting for the write lock");
  }
  absl::Status status = RunBetween(*writer_, "BEGIN IMMEDIATE", fn);
  if (!writer_->InAutocommit()) {
    // Only when even ROLLBACK failed: a fresh connection beats a stuck transaction.
    absl::StatusOr<std::unique_ptr<SqliteConnection>> fresh =
        SqliteConnection::Open(options_.path, ConnectionRole::kWriter, options_.acquire_timeout);
    if (fresh.ok()) {
      writer_ = *std::move(fresh);
      checkpointer_->Attach(*writer_);
    }
  }
  return status;
}

absl::Status SqliteDriver::RunRead(absl::FunctionRef<absl::Status(sql::Executor&)> fn) {
  UCF_ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> reader, readers_.Acquire());
  absl::Status status = RunBetween(*reader, "BEGIN", fn);
  bool reusable = reader->InAutocommit();
  readers_.Release(std::move(reader), reusable);
  return status;
}

absl::Span<const sql::Migration> SqliteDriver::Migrations() const { return SqliteMigrations(); }

std::string_view SqliteDriver::SchemaMigrationsDdl() const {
  return "CREATE TABLE IF NOT EXISTS schema_migrations ("
         "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
}

}  // namespace ucf::storage::sqlite
