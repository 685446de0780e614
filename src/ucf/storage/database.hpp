#pragma once
// A UCF database (SQLite or PostgreSQL) seen as transactions over table stores.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/storage/session.hpp"
#include "ucf/storage/tx_mode.hpp"

namespace ucf::storage {

// What RotateSecrets did.
struct RotationReport {
  std::int64_t rows_scanned = 0;    // rows read from tables with secret columns
  std::int64_t values_rotated = 0;  // secret values re-encrypted with the primary key
  std::int64_t values_current = 0;  // already sealed with the primary key, left alone
  std::int64_t batches = 0;         // committed transactions
};

// Thread-safe: any number of threads may run transactions at once. Built by OpenDatabase.
class Database {
 public:
  virtual ~Database() = default;

  // Runs `fn` in one transaction: commits when it returns OK, rolls back and returns its status
  // otherwise (and rolls back, returning the database error, when a statement inside it failed
  // even if `fn` ignored that). A failed COMMIT is returned. Unavailable when no connection could
  // be had in time. `fn` must not call Transact itself (it would wait for itself).
  virtual absl::Status Transact(TxMode mode, absl::FunctionRef<absl::Status(Session&)> fn) = 0;

  // A real round trip that reads the schema; OK means the database answers.
  virtual absl::Status Ping() = 0;

  // "sqlite" or "postgresql".
  virtual std::string_view Engine() const = 0;

  // The highest migration applied to the database (0 for an empty database).
  virtual absl::StatusOr<int> SchemaVersion() = 0;

  // The highest migration this binary knows.
  virtual int LatestSchemaVersion() const = 0;

  // Applies every missing migration, each in its own transaction; idempotent, and safe when
  // several instances migrate at once (PostgreSQL: under an advisory lock). FailedPrecondition,
  // naming both versions, when the database is newer than this binary.
  virtual absl::Status Migrate() = 0;

  // Re-encrypts every stored secret that is not sealed with the cipher's primary key, walking
  // each secret column of each table in batches of `batch_size` rows, one transaction per batch.
  // Values already current are skipped, so an interrupted run can simply be repeated; values
  // changed concurrently are left to their writer. DataLoss, naming table, column and row id,
  // when a value cannot be decrypted with any key. InvalidArgument when batch_size < 1.
  virtual absl::StatusOr<RotationReport> RotateSecrets(int batch_size) = 0;

  // `hook` is called after every committed transaction of THIS process that appended live events
  // (Session::events()), with the tenants appended to, on the committing thread; it must be quick
  // and must not call Transact. Other processes learn of them by notification or polling
  // (sync/event_tail.hpp). Replaces the previous hook; thread-safe. The default ignores it.
  virtual void SetEventsHook(std::function<void(const std::vector<std::string>& tenants)> hook) { (void)hook; }
};

}  // namespace ucf::storage
