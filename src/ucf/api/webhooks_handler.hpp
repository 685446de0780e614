#pragma once
// Provider webhooks:
//   POST   /api/connectors/{id}/webhooks           register {connectionId, callbackUrl, events, filter}
//   GET    /api/connectors/{id}/webhooks           this tenant's registrations
//   DELETE /api/connectors/{id}/webhooks           remove {webhookId} (the original's JSON body)
//   DELETE /api/connectors/{id}/webhooks/{webhookId}
//   POST   /api/connectors/{id}/webhooks/refresh   extend them now (the keep-alive job does it daily)
//   POST   /webhooks/{connector}/{connectionId}    inbound delivery: verified, then recorded

#include "ucf/api/api_deps.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class WebhooksHandler {
 public:
  explicit WebhooksHandler(const ApiDeps& deps) : deps_(deps) {}

  http::Response Register(http::Request& request) const;
  http::Response List(http::Request& request) const;
  http::Response UnregisterByBody(http::Request& request) const;
  http::Response UnregisterById(http::Request& request) const;
  http::Response Refresh(http::Request& request) const;
  http::Response Inbound(http::Request& request) const;

 private:
  http::Response Unregister(http::Request& request, std::string_view webhook_id) const;

  ApiDeps deps_;
};

}  // namespace ucf::api
