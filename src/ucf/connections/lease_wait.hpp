#pragma once
// WaitWhileLeased: how a caller waits for another instance's token refresh lease to end without
// holding a database connection: it polls a short read (the caller's probe) with exponential
// backoff and sleeps between polls with no transaction open.

#include <chrono>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ucf::connections {

struct LeaseWaitOptions {
  std::chrono::milliseconds first_pause{20};  // doubled after every poll ...
  std::chrono::milliseconds max_pause{500};   // ... up to this
  std::chrono::milliseconds limit{60'000};    // real time, whatever the application clock says
};

// Sleeps, then calls `done` (which runs its own short transaction); repeats with growing pauses
// until it returns true (OK) or an error (returned). Unavailable ("… still being refreshed
// elsewhere; retry") when `limit` passes first.
absl::Status WaitWhileLeased(absl::FunctionRef<absl::StatusOr<bool>()> done,
                             const LeaseWaitOptions& options);

}  // namespace ucf::connections
