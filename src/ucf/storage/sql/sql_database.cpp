#include "ucf/storage/sql/sql_database.hpp"

#include "ucf/storage/sql/migrator.hpp"
#include "ucf/storage/sql/secret_rotation.hpp"
#include "ucf/storage/sql/sql_session.hpp"
#include "ucf/storage/sql/transaction.hpp"

namespace ucf::storage::sql {

absl::Status SqlDatabase::Transact(TxMode mode, absl::FunctionRef<absl::Status(Session&)> fn) {
  std::vector<std::string> appended;
  absl::Status status = RunTransaction(*driver_, mode, [&](Executor& db) {
    SqlSession session(StoreContext{db, cipher_, clock_});
    absl::Status result = fn(session);
    appended = session.appended_event_tenants();
    return result;
  });
  if (status.ok() && !appended.empty()) {
    std::shared_ptr<const std::function<void(const std::vector<std::string>&)>> hook;
    {
      std::lock_guard lock(hook_mu_);
      hook = events_hook_;
    }
    if (hook && *hook) (*hook)(appended);
  }
  return status;
}

void SqlDatabase::SetEventsHook(std::function<void(const std::vector<std::string>&)> hook) {
  auto shared = std::make_shared<const std::function<void(const std::vector<std::string>&)>>(std::move(hook));
  std::lock_guard lock(hook_mu_);
  events_hook_ = std::move(shared);
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
