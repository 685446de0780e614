#pragma once
// Runs a function in a driver transaction behind a GuardedExecutor.

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "ucf/storage/sql/driver.hpp"
#include "ucf/storage/tx_mode.hpp"

namespace ucf::storage::sql {

// Like Driver::RunInTransaction, but a statement error that `fn` ignored still rolls back and is
// returned (see GuardedExecutor).
absl::Status RunTransaction(Driver& driver, TxMode mode,
                            absl::FunctionRef<absl::Status(Executor&)> fn);

}  // namespace ucf::storage::sql
