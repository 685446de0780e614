#pragma once
// WebhookKeeper: a background thread that keeps provider webhooks alive — every `interval` it asks
// the WebhookService to extend the webhooks expiring within `horizon` (Jira drops dynamic webhooks
// 30 days after registration or the last refresh): due ones in next-attempt order, in bounded
// batches, failing ones backed off, revoked connections' skipped (WebhookService::RefreshDue). Started by the application, stopped
// (and joined) on destruction; a failing round is logged and retried at the next tick.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "ucf/connections/webhook_service.hpp"
#include "ucf/observability/logger.hpp"

namespace ucf::app {

class WebhookKeeper {
 public:
  WebhookKeeper(connections::WebhookService& webhooks, const observability::Logger& logger,
                std::chrono::minutes interval, std::chrono::hours horizon);
  ~WebhookKeeper();

 private:
  void Run();

  connections::WebhookService& webhooks_;
  const observability::Logger& logger_;
  std::chrono::minutes interval_;
  std::chrono::hours horizon_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace ucf::app
