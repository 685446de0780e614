#include "ucf/connections/lease_wait.hpp"

#include <algorithm>
#include <thread>

namespace ucf::connections {

absl::Status WaitWhileLeased(absl::FunctionRef<absl::StatusOr<bool>()> done,
                             const LeaseWaitOptions& options) {
  const auto deadline = std::chrono::steady_clock::now() + options.limit;
  std::chrono::milliseconds pause = options.first_pause;
  while (true) {
    std::this_thread::sleep_for(pause);
    absl::StatusOr<bool> finished = done();
    if (!finished.ok()) return finished.status();
    if (*finished) return absl::OkStatus();
    if (std::chrono::steady_clock::now() >= deadline) {
      return absl::UnavailableError(
          "the connection's token is still being refreshed elsewhere; retry");
    }
    pause = std::min(pause * 2, options.max_pause);
  }
}

}  // namespace ucf::connections
