#include "ucf/storage/sql/guarded_executor.hpp"

#include "ucf/core/strings.hpp"

namespace ucf::storage::sql {

absl::Status GuardedExecutor::Check() const {
  if (first_error_.ok()) return absl::OkStatus();
  return absl::AbortedError(core::StrCat("transaction already failed: ", first_error_.message()));
}

void GuardedExecutor::Remember(const absl::Status& status) {
  if (!status.ok() && first_error_.ok()) first_error_ = status;
}

absl::StatusOr<Rows> GuardedExecutor::Query(std::string_view sql, absl::Span<const Value> params) {
  if (absl::Status s = Check(); !s.ok()) return s;
  absl::StatusOr<Rows> rows = inner_.Query(sql, params);
  Remember(rows.status());
  return rows;
}

absl::StatusOr<std::int64_t> GuardedExecutor::Exec(std::string_view sql,
                                                   absl::Span<const Value> params) {
  if (absl::Status s = Check(); !s.ok()) return s;
  absl::StatusOr<std::int64_t> changed = inner_.Exec(sql, params);
  Remember(changed.status());
  return changed;
}

absl::Status GuardedExecutor::ExecScript(std::string_view sql) {
  if (absl::Status s = Check(); !s.ok()) return s;
  absl::Status status = inner_.ExecScript(sql);
  Remember(status);
  return status;
}

absl::Status GuardedExecutor::LockKey(std::string_view key) {
  if (absl::Status s = Check(); !s.ok()) return s;
  absl::Status status = inner_.LockKey(key);
  Remember(status);
  return status;
}

}  // namespace ucf::storage::sql
