#include "ucf/storage/sql/sql_database.hpp"

#include "ucf/storage/sql/migrator.hpp"
#include "ucf/storage/sql/secret_rotation.hpp"
#include "ucf/storage/sql/sql_session.hpp"
#include "ucf/storage/sql/transaction.hpp"

namespace ucf::storage::sql {

absl::Status SqlDatabase::Transact(TxMode mode, absl::FunctionRef<absl::Status(Session&)> fn) {
  return RunTransaction(*driver_, mode, [&](Executor& db) {
    SqlSession session(StoreContext{db, cipher_, clock_});
    return fn(session);
  });
}

absl::Status SqlDatabase::Ping() { return ReadSchemaVersion(*driver_).status(); }

absl::StatusOr<int> SqlDatabase::SchemaVersion() { return ReadSchemaVersion(*driver_); }

int SqlDatabase::LatestSchemaVersion() const {
  return static_cast<int>(driver_->Migrations().size());
}

absl::Status SqlDatabase::Migrate() { return ApplyMigrations(*driver_, clock_); }

absl::StatusOr<RotationReport> SqlDatabase::RotateSecrets(int batch_size) {
  return RotateAllSecrets(*driver_, cipher_, batch_size);
}

}  // namespace ucf::storage::sql
