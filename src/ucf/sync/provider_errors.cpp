#include "ucf/sync/provider_errors.hpp"

#include <algorithm>

#include "ucf/core/error_details.hpp"

namespace ucf::sync {

bool IsRetryable(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
      return true;
    default:
      return false;
  }
}

bool IsAuthFailure(const absl::Status& status) {
  if (status.code() == absl::StatusCode::kUnauthenticated) return true;
  if (status.code() != absl::StatusCode::kFailedPrecondition) return false;
  auto details = core::GetDetails(status);
  if (!details) return false;
  const auto* reason = details->if_contains("reason");
  return reason && reason->is_string() && reason->as_string() == "needs_reauth";
}

std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int attempt, double u) {
  long long cap = policy.base.count();
  for (int i = 0; i < attempt && cap < policy.max.count(); ++i) cap *= 2;
  cap = std::min<long long>(cap, policy.max.count());
  return std::chrono::milliseconds(static_cast<long long>(std::clamp(u, 0.0, 1.0) * static_cast<double>(cap)));
}

}  // namespace ucf::sync
