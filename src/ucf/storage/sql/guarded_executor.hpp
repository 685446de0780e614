#pragma once
// Makes a failed statement poison its transaction identically on both engines.
//
// PostgreSQL refuses every statement after an error in a transaction, SQLite does not. Wrapping
// the driver's executor, this remembers the first error; later calls fail with Aborted and
// SqlDatabase rolls back even when the caller ignored the error.

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "ucf/storage/sql/executor.hpp"

namespace ucf::storage::sql {

// Not thread-safe (like the executor it wraps, which must outlive it).
class GuardedExecutor final : public Executor {
 public:
  explicit GuardedExecutor(Executor& inner) : inner_(inner) {}

  Dialect dialect() const override { return inner_.dialect(); }
  absl::StatusOr<Rows> Query(std::string_view sql, absl::Span<const Value> params) override;
  absl::StatusOr<std::int64_t> Exec(std::string_view sql, absl::Span<const Value> params) override;
  absl::Status ExecScript(std::string_view sql) override;
  absl::Status LockKey(std::string_view key) override;

  // OK, or the first database error seen.
  const absl::Status& first_error() const { return first_error_; }

 private:
  absl::Status Check() const;
  void Remember(const absl::Status& status);

  Executor& inner_;
  absl::Status first_error_;
};

}  // namespace ucf::storage::sql
