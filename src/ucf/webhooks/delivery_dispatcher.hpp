#pragma once
// DeliveryDispatcher: sends the application webhooks of the outbox (outbox/webhook_outbox.hpp).
// Each pass (a core::PeriodicTask in app/) leases due deliveries of any tenant
// (WebhookDeliveryStore::ClaimDue: SKIP LOCKED, so several instances never send one twice within a
// lease) and POSTs each to its subscription's URL in the Standard Webhooks shape (headers
// webhook-id = delivery id, webhook-timestamp, webhook-signature; signing_secrets.hpp) through the
// same HTTP client — and so the same address policy — as provider calls, one try per pass.
// A 2xx answer → succeeded. Otherwise the delivery waits base × 2^(attempts-1) (capped at
// max_backoff, jittered ×[0.5, 1.5)) and is tried again, until it is older than give_up_after:
// then failed, with the last error, visible in /api/webhook-subscriptions/{id}/deliveries.
// A delivery whose subscription is gone or inactive fails at once. Errors never include secrets
// (status code or transport error kind only). Thread-safe.

#include <chrono>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/http/client/http_client.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::webhooks {

struct DispatchOptions {
  std::chrono::milliseconds base{1'000};
  std::chrono::milliseconds max_backoff{10 * 60'000};
  std::chrono::milliseconds give_up_after{24 * 3600'000};
  std::chrono::milliseconds timeout{10'000};
  std::chrono::milliseconds lease{60'000};
  int batch = 20;
};

class DeliveryDispatcher {
 public:
  DeliveryDispatcher(storage::Database& db, http::HttpClient& http, const core::Clock& clock,
                     DispatchOptions options = {})
      : db_(db), http_(http), clock_(clock), options_(options) {}

  // Sends what is due now; returns how many deliveries were attempted.
  absl::StatusOr<int> DispatchDue();

  // The wait after the `attempts`-th failure for a draw u in [0, 1).
  static std::chrono::milliseconds Backoff(const DispatchOptions& options, int attempts, double u);

 private:
  storage::Database& db_;
  http::HttpClient& http_;
  const core::Clock& clock_;
  DispatchOptions options_;
};

}  // namespace ucf::webhooks
