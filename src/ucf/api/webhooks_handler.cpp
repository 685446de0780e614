#include "ucf/api/webhooks_handler.hpp"

#include "boost/json/value_from.hpp"
#include "boost/json/array.hpp"
#include "ucf/api/connection_lookup.hpp"
#include "ucf/api/request_support.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/webhooks/webhook_service.hpp"
#include "ucf/core/json_fields.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/http/error_response.hpp"
#include "ucf/sync/sync_service.hpp"

namespace ucf::api {
namespace {

using Result = absl::StatusOr<boost::json::value>;

boost::json::object WebhookJson(const storage::WebhookRecord& w) {
  boost::json::object o{{"id", w.id},
                        {"webhookId", w.id},
                        {"connectorId", w.connector_id},
                        {"connectionId", w.connection_id},
                        {"providerWebhookId", w.provider_webhook_id},
                        {"events", boost::json::value_from(w.events)},
                        {"callbackUrl", w.callback_url},
                        {"createdAt", core::FormatRfc3339(w.created_at)}};
  o["expiresAt"] = w.expires_at ? boost::json::value(core::FormatRfc3339(*w.expires_at)) : boost::json::value(nullptr);
  return o;
}

}  // namespace

ApiResult WebhooksHandler::Register(http::Request& request) const {
  UCF_RETURN_IF_ERROR(deps_.manager->Find(request.PathParam("id")).status());
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  UCF_ASSIGN_OR_RETURN(auto connection_id, core::OptionalString(body, "connectionId"));
  UCF_ASSIGN_OR_RETURN(auto callback, core::OptionalString(body, "callbackUrl"));
  UCF_ASSIGN_OR_RETURN(auto filter, core::OptionalString(body, "filter"));
  UCF_ASSIGN_OR_RETURN(auto jql, core::OptionalString(body, "jqlFilter"));
  webhooks::WebhookRegistrationRequest registration;
  UCF_ASSIGN_OR_RETURN(registration.events, core::OptionalStringArray(body, "events"));
  UCF_ASSIGN_OR_RETURN(registration.connection_id, ConnectionForConnector(*deps_.manager, *deps_.connections, request, connection_id));
  registration.callback_url =
      callback.value_or(core::StrCat(PublicBaseUrl(deps_.config->public_url), "/webhooks/",
                                     request.PathParam("id"), "/", registration.connection_id));
  registration.filter = filter.value_or(jql.value_or(""));
  UCF_ASSIGN_OR_RETURN(auto stored, deps_.webhooks->Register(ActorOf(request), request.PathParam("id"), registration));
  return WebhookJson(stored);
}

ApiResult WebhooksHandler::List(http::Request& request) const {
  UCF_RETURN_IF_ERROR(deps_.manager->Find(request.PathParam("id")).status());
  UCF_ASSIGN_OR_RETURN(auto all, deps_.webhooks->List(request.context.tenant_id, request.PathParam("id")));
  boost::json::array items;
  for (const auto& w : all) items.push_back(WebhookJson(w));
  return PageJson(std::move(items), std::nullopt);
}

ApiResult WebhooksHandler::Unregister(http::Request& request, std::string_view webhook_id) const {
  if (auto known = deps_.manager->Find(request.PathParam("id")); !known.ok()) {
    return known.status();
  }
  absl::Status status = deps_.webhooks->Unregister(ActorOf(request), request.PathParam("id"), webhook_id);
  if (!status.ok()) return status;
  return boost::json::value{{"deleted", true}, {"webhookId", webhook_id}};
}

ApiResult WebhooksHandler::UnregisterByBody(http::Request& request) const {
  if (auto known = deps_.manager->Find(request.PathParam("id")); !known.ok()) {
    return known.status();
  }
  auto body = ParseBody(request);
  if (!body.ok()) return body.status();
  auto id = core::RequireString(*body, "webhookId");
  if (!id.ok()) return id.status();
  return Unregister(request, *id);
}

ApiResult WebhooksHandler::UnregisterById(http::Request& request) const {
  return Unregister(request, request.PathParam("webhookId"));
}

ApiResult WebhooksHandler::Refresh(http::Request& request) const {
  UCF_RETURN_IF_ERROR(deps_.manager->Find(request.PathParam("id")).status());
  UCF_ASSIGN_OR_RETURN(auto all, deps_.webhooks->RefreshAll(ActorOf(request), request.PathParam("id")));
  boost::json::array items;
  for (const auto& w : all) items.push_back(WebhookJson(w));
  return PageJson(std::move(items), std::nullopt);
}

ApiResult WebhooksHandler::Inbound(http::Request& request) const {
  webhooks::InboundDelivery delivery;
  delivery.connector_id = std::string(request.PathParam("connector"));
  delivery.connection_id = std::string(request.PathParam("connectionId"));
  delivery.method = request.method;
  delivery.target = request.target;
  delivery.headers = request.headers;
  delivery.body = request.body;
  delivery.request_id = request.context.request_id;
  delivery.client_address = request.context.client_address;
  auto received = deps_.webhooks->Receive(delivery);
  if (!received.ok()) return received.status();
  boost::json::object out{{"received", true}, {"event", received->event}};
  if (deps_.sync != nullptr) {
    // The delivery is received either way; a sync that cannot be queued is reported, not failed.
    auto queued = deps_.sync->QueueForProviderEvent(received->tenant_id, delivery.connector_id,
                                                    delivery.connection_id, received->event);
    if (!queued.ok()) {
      out["sync"] = boost::json::object{{"error", core::ToStd(queued.status().message())}};
    } else if (*queued) {
      if (!(*queued)->deduplicated) deps_.wake_workers();
      out["sync"] = boost::json::object{{"jobId", (*queued)->job_id},
                                        {"model", (*queued)->model},
                                        {"deduplicated", (*queued)->deduplicated}};
    }
  }
  return out;
}

}  // namespace ucf::api
