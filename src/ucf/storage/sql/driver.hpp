#pragma once
// What an engine (sqlite/, postgres/) provides to SqlDatabase: transactions over its
// connections, its schema migrations, and its migration lock.

#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/types/span.h"
#include "ucf/storage/sql/executor.hpp"
#include "ucf/storage/tx_mode.hpp"

namespace ucf::storage::sql {

// One step of an engine's schema; versions start at 1 and have no gaps.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// Thread-safe.
class Driver {
 public:
  virtual ~Driver() = default;

  // "sqlite" or "postgresql".
  virtual std::string_view Name() const = 0;
  // Runs `fn` in a transaction of `mode` on a connection reserved for it; commits when `fn`
  // returns OK, rolls back otherwise and returns `fn`'s status. Unavailable when no connection
  // could be had in time.
  virtual absl::Status RunInTransaction(TxMode mode,
                                        absl::FunctionRef<absl::Status(Executor&)> fn) = 0;
  virtual absl::Span<const Migration> Migrations() const = 0;
  // DDL creating schema_migrations(version, name, applied_at) if missing.
  virtual std::string_view SchemaMigrationsDdl() const = 0;
  // Called first in each migration transaction: makes concurrent migrators take turns.
  virtual absl::Status LockForMigration(Executor& executor) = 0;
};

}  // namespace ucf::storage::sql
