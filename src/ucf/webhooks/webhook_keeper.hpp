#pragma once
// WebhookKeeper: keeps provider webhooks alive in the background — every `interval` (with jitter,
// core/periodic_task.hpp) it asks the WebhookService to extend the webhooks expiring within
// `horizon` (Jira drops dynamic webhooks 30 days after registration or the last refresh): due ones
// in next-attempt order, in bounded batches, failing ones backed off, revoked connections'
// skipped (WebhookService::RefreshDue). Started
// by the application, stopped (and joined) on destruction; a failing round is logged and retried
// at the next tick. With several instances, `claim` decides per round whether this one runs it
// (the application passes a fleet-wide claim, app/fleet_task.hpp, so the fleet runs each round
// once); a round whose claim fails or is lost is skipped.

#include <chrono>
#include <functional>

#include "absl/status/statusor.h"

#include "ucf/core/periodic_task.hpp"
#include "ucf/observability/logger.hpp"
#include "ucf/webhooks/webhook_service.hpp"

namespace ucf::webhooks {

class WebhookKeeper {
 public:
  // References must outlive the keeper.
  using Claim = std::function<absl::StatusOr<bool>()>;
  WebhookKeeper(WebhookService& webhooks, const observability::Logger& logger,
                std::chrono::minutes interval, std::chrono::hours horizon, Claim claim = nullptr);

 private:
  void Round();

  WebhookService& webhooks_;
  const observability::Logger& logger_;
  std::chrono::hours horizon_;
  Claim claim_;
  core::PeriodicTask task_;  // last: runs Round() once every other member exists
};

}  // namespace ucf::webhooks
