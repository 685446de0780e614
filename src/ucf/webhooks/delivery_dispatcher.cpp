#include "ucf/webhooks/delivery_dispatcher.hpp"

#include <algorithm>

#include "boost/json/serialize.hpp"
#include "ucf/core/jitter.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/webhooks/signing_secrets.hpp"

namespace ucf::webhooks {
std::chrono::milliseconds DeliveryDispatcher::Backoff(const DispatchOptions& options, int attempts, double u) {
  long long wait = options.base.count();
  for (int i = 1; i < attempts && wait < options.max_backoff.count(); ++i) wait *= 2;
  wait = std::min<long long>(wait, options.max_backoff.count());
  return std::chrono::milliseconds(static_cast<long long>(static_cast<double>(wait) * (0.5 + std::clamp(u, 0.0, 1.0))));
}

absl::StatusOr<int> DeliveryDispatcher::DispatchDue() {
  std::vector<storage::WebhookDeliveryRecord> due;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(due, s.webhook_deliveries().ClaimDue(clock_.Now(), options_.lease, options_.batch));
    return absl::OkStatus();
  }));
  for (const storage::WebhookDeliveryRecord& d : due) {
    std::optional<storage::WebhookSubscriptionRecord> sub;
    UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
      auto got = s.webhook_subscriptions().Get(d.tenant_id, d.subscription_id);
      if (got.ok()) sub = *std::move(got);
      else if (!absl::IsNotFound(got.status())) return got.status();
      return absl::OkStatus();
    }));
    core::TimePoint now = clock_.Now();
    storage::WebhookDeliveryUpdate update;
    update.attempts = d.attempts + 1;
    std::string error;
    if (!sub || !sub->active) {
      error = "the subscription is inactive or gone";
    } else {
      std::string body = boost::json::serialize(d.payload);
      std::int64_t ts = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
      http::UpstreamRequest request;
      request.method = "POST";
      request.url = sub->url;
      request.body = body;
      request.timeout = options_.timeout;
      request.max_attempts = 1;
      request.headers.Set("Content-Type", "application/json");
      request.headers.Set("webhook-id", d.id);
      request.headers.Set("webhook-timestamp", std::to_string(ts));
      request.headers.Set("webhook-signature", SignDelivery(ParseSecrets(sub->secret), d.id, ts, body, now));
      absl::StatusOr<http::UpstreamResponse> answer = http_.Send(request);
      if (answer.ok() && answer->status >= 200 && answer->status < 300) {
        update.status = std::string(storage::kDeliverySucceeded);
      } else {
        error = answer.ok() ? core::StrCat("the receiver answered HTTP ", answer->status)
                            : core::StrCat("no answer from the receiver (", absl::StatusCodeToString(answer.status().code()), ")");
      }
    }
    if (!error.empty()) {
      update.last_error = error;
      bool give_up = !sub || !sub->active || now - d.created_at >= options_.give_up_after;
      update.status = std::string(give_up ? storage::kDeliveryFailed : storage::kDeliveryPending);
      if (!give_up) update.next_attempt_at = now + Backoff(options_, update.attempts, core::JitterUnit());
    }
    UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
      return s.webhook_deliveries().Update(d.tenant_id, d.id, update).status();
    }));
  }
  return static_cast<int>(due.size());
}

}  // namespace ucf::webhooks
