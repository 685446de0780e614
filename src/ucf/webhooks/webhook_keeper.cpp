#include "ucf/webhooks/webhook_keeper.hpp"

#include "ucf/core/strings.hpp"

namespace ucf::webhooks {

WebhookKeeper::WebhookKeeper(WebhookService& webhooks, const observability::Logger& logger,
                             std::chrono::minutes interval, std::chrono::hours horizon, Claim claim)
    : webhooks_(webhooks),
      logger_(logger),
      horizon_(horizon),
      claim_(std::move(claim)),
      task_({.interval = interval, .jitter = 0.1}, [this](std::stop_token) { Round(); }) {}

void WebhookKeeper::Round() {
  if (claim_) {
    absl::StatusOr<bool> mine = claim_();
    if (!mine.ok()) {
      logger_.Warn("ucf.webhooks", "webhook keep-alive claim failed",
                   {{"error", core::ToStd(mine.status().message())}});
    }
    if (!mine.ok() || !*mine) return;
  }
  absl::StatusOr<int> refreshed = webhooks_.RefreshDue(horizon_);
  if (!refreshed.ok()) {
    logger_.Warn("ucf.webhooks", "webhook keep-alive round failed",
                 {{"error", core::ToStd(refreshed.status().message())}});
  } else if (*refreshed > 0) {
    logger_.Info("ucf.webhooks", "provider webhooks extended", {{"count", *refreshed}});
  }
}

}  // namespace ucf::webhooks
