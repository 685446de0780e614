#pragma once
// Database over any SQL Driver: transactions, sessions, migrations and key rotation are the same
// for every engine; only the driver differs.

#include <memory>
#include <mutex>

#include "ucf/core/clock.hpp"
#include "ucf/crypto/secret_cipher.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/sql/driver.hpp"
#include "ucf/storage/sql/sql_maintenance.hpp"

namespace ucf::storage::sql {

// Thread-safe (the driver is). `cipher` and `clock` must outlive it.
class SqlDatabase final : public Database {
 public:
  SqlDatabase(std::unique_ptr<Driver> driver, const crypto::SecretCipher& cipher,
              const core::Clock& clock)
      : driver_(std::move(driver)), cipher_(cipher), clock_(clock), maintenance_(*driver_) {}

  absl::Status Transact(TxMode mode, absl::FunctionRef<absl::Status(Session&)> fn) override;
  absl::Status Ping() override;
  std::string_view Engine() const override { return driver_->Name(); }
  absl::StatusOr<int> SchemaVersion() override;
  int LatestSchemaVersion() const override;
  absl::Status Migrate() override;
  absl::StatusOr<RotationReport> RotateSecrets(int batch_size) override;
  void SetEventsHook(std::function<void(const std::vector<std::string>&)> hook) override;
  // Fleet-wide claims and retention on the same driver (storage/maintenance.hpp).
  Maintenance& maintenance() { return maintenance_; }

 private:
  std::unique_ptr<Driver> driver_;
  const crypto::SecretCipher& cipher_;
  const core::Clock& clock_;
  SqlMaintenance maintenance_;
  std::mutex hook_mu_;
  std::shared_ptr<const std::function<void(const std::vector<std::string>&)>> events_hook_;
};

}  // namespace ucf::storage::sql
