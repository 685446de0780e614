#pragma once
// Provider webhooks:
//   POST   /api/connectors/{id}/webhooks           register {connectionId, callbackUrl, events, filter}
//   GET    /api/connectors/{id}/webhooks           this tenant's registrations
//   DELETE /api/connectors/{id}/webhooks           remove {webhookId} (the original's JSON body)
//   DELETE /api/connectors/{id}/webhooks/{webhookId}
//   POST   /api/connectors/{id}/webhooks/refresh   extend them now (the keep-alive job does it daily)
//   POST   /webhooks/{connector}/{connectionId}    inbound delivery: verified, then recorded, and an
//                                                  incremental sync of the model it touches queued
//                                                  (de-duplicated: answer's sync.jobId/deduplicated)

#include "ucf/api/api_deps.hpp"
#include "ucf/api/api_result.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class WebhooksHandler {
 public:
  // What the handler uses (and nothing else); all must outlive it. The route-table test builds
  // handlers without services and never calls them.
  struct Services {
    const config::Config* config = nullptr;
    connections::ConnectionService* connections = nullptr;
    const connections::ConnectorManager* manager = nullptr;
    webhooks::WebhookService* webhooks = nullptr;
    sync::SyncService* sync = nullptr;  // inbound deliveries queue an incremental sync
    std::function<void()> wake_workers = [] {};
  };

  explicit WebhooksHandler(Services services) : deps_(std::move(services)) {}

  ApiResult Register(http::Request& request) const;
  ApiResult List(http::Request& request) const;
  ApiResult UnregisterByBody(http::Request& request) const;
  ApiResult UnregisterById(http::Request& request) const;
  ApiResult Refresh(http::Request& request) const;
  ApiResult Inbound(http::Request& request) const;

 private:
  ApiResult Unregister(http::Request& request, std::string_view webhook_id) const;

  Services deps_;
};

}  // namespace ucf::api
