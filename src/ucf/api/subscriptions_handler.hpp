#pragma once
// Outbound webhooks to the application (webhooks/subscription_service.hpp):
//   POST   /api/webhook-subscriptions {url, events?}      201, with the secret (shown once)
//   GET    /api/webhook-subscriptions                      the tenant's subscriptions
//   GET    /api/webhook-subscriptions/{id}
//   DELETE /api/webhook-subscriptions/{id}
//   POST   /api/webhook-subscriptions/{id}/rotate {graceSeconds? = 86400}   the new secret; the old
//          one keeps signing during the grace period
//   GET    /api/webhook-subscriptions/{id}/deliveries?cursor&limit   newest first: status,
//          attempts, nextAttemptAt, lastError, the payload

#include "ucf/api/api_result.hpp"
#include "ucf/http/request.hpp"

namespace ucf::webhooks {
class SubscriptionService;
}

namespace ucf::api {

class SubscriptionsHandler {
 public:
  struct Services {
    webhooks::SubscriptionService* subscriptions = nullptr;
  };
  explicit SubscriptionsHandler(Services services) : deps_(services) {}

  ApiResult Create(http::Request& request) const;
  ApiResult List(http::Request& request) const;
  ApiResult Get(http::Request& request) const;
  ApiResult Delete(http::Request& request) const;
  ApiResult Rotate(http::Request& request) const;
  ApiResult Deliveries(http::Request& request) const;

 private:
  Services deps_;
};

}  // namespace ucf::api
