#pragma once
// One database connection inside an open transaction, as the SQL stores see it.
//
// SQL uses PostgreSQL placeholders ($1…$n) and the subset of SQL both engines share (ON CONFLICT,
// RETURNING, row-value comparison, IS NOT DISTINCT FROM); the SQLite driver rewrites $n to ?n.
// Values are always bound, never spliced into the text. Drivers cache one prepared statement per
// distinct SQL text per connection.
//
// Error codes of Query/Exec: AlreadyExists (unique violation), NotFound (foreign-key violation:
// a referenced row is missing), Unavailable (busy, connection lost), FailedPrecondition (write in
// a read-only transaction), DataLoss (corrupt file), Internal (anything else). Messages name the
// engine and the statement's error, never a bound value.

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "ucf/storage/sql/rows.hpp"
#include "ucf/storage/sql/value.hpp"

namespace ucf::storage::sql {

enum class Dialect { kSqlite, kPostgres };

// Not thread-safe: used by the one thread running the transaction.
class Executor {
 public:
  virtual ~Executor() = default;

  virtual Dialect dialect() const = 0;
  // Runs one statement and returns every row it produced.
  virtual absl::StatusOr<Rows> Query(std::string_view sql, absl::Span<const Value> params) = 0;
  // Runs one statement and returns how many rows it changed.
  virtual absl::StatusOr<std::int64_t> Exec(std::string_view sql,
                                            absl::Span<const Value> params) = 0;
  // Runs several ;-separated statements without parameters (migrations).
  virtual absl::Status ExecScript(std::string_view sql) = 0;
  // See Session::LockKey.
  virtual absl::Status LockKey(std::string_view key) = 0;
};

}  // namespace ucf::storage::sql
