#include "ucf/app/webhook_keeper.hpp"

#include "ucf/core/strings.hpp"

namespace ucf::app {

WebhookKeeper::WebhookKeeper(connections::WebhookService& webhooks, const observability::Logger& logger,
                             std::chrono::minutes interval, std::chrono::hours horizon)
    : webhooks_(webhooks), logger_(logger), interval_(interval), horizon_(horizon), thread_([this] { Run(); }) {}

WebhookKeeper::~WebhookKeeper() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void WebhookKeeper::Run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    absl::StatusOr<int> refreshed = webhooks_.RefreshDue(horizon_);
    if (!refreshed.ok()) {
      logger_.Warn("ucf.webhooks", "webhook keep-alive round failed",
                   {{"error", core::ToStd(refreshed.status().message())}});
    } else if (*refreshed > 0) {
      logger_.Info("ucf.webhooks", "provider webhooks extended", {{"count", *refreshed}});
    }
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

}  // namespace ucf::app
