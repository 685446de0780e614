#include "ucf/storage/sql/transaction.hpp"

#include "ucf/storage/sql/guarded_executor.hpp"

namespace ucf::storage::sql {

absl::Status RunTransaction(Driver& driver, TxMode mode,
                            absl::FunctionRef<absl::Status(Executor&)> fn) {
  return driver.RunInTransaction(mode, [&](Executor& raw) -> absl::Status {
    GuardedExecutor guarded(raw);
    absl::Status status = fn(guarded);
    if (status.ok() && !guarded.first_error().ok()) return guarded.first_error();
    return status;
  });
}

}  // namespace ucf::storage::sql
