#include "ucf/api/subscriptions_handler.hpp"

#include <algorithm>

#include "boost/json/array.hpp"
#include "ucf/api/request_support.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/json_fields.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/api/time_json.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/webhooks/subscription_service.hpp"

namespace ucf::api {
namespace {

boost::json::object SubscriptionJson(const storage::WebhookSubscriptionRecord& s) {
  boost::json::array events;
  for (const auto& e : s.events) events.push_back(boost::json::value(e));
  return {{"id", s.id}, {"url", s.url}, {"events", std::move(events)}, {"active", s.active},
          {"createdAt", core::FormatRfc3339(s.created_at)}};
}

}  // namespace

ApiResult SubscriptionsHandler::Create(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  UCF_ASSIGN_OR_RETURN(std::string url, core::RequireString(body, "url"));
  UCF_ASSIGN_OR_RETURN(auto events, core::OptionalStringArray(body, "events"));
  UCF_ASSIGN_OR_RETURN(auto created, deps_.subscriptions->Create(ActorOf(request), url, events));
  boost::json::object out = SubscriptionJson(created.subscription);
  out["secret"] = created.secret;
  return out;
}

ApiResult SubscriptionsHandler::List(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto subs, deps_.subscriptions->List(request.context.tenant_id));
  boost::json::array items;
  for (const auto& s : subs) items.push_back(SubscriptionJson(s));
  return boost::json::object{{"items", std::move(items)}};
}

ApiResult SubscriptionsHandler::Get(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto sub, deps_.subscriptions->Get(request.context.tenant_id, request.PathParam("id")));
  return SubscriptionJson(sub);
}

ApiResult SubscriptionsHandler::Delete(http::Request& request) const {
  UCF_RETURN_IF_ERROR(deps_.subscriptions->Delete(ActorOf(request), request.PathParam("id")));
  return boost::json::object{{"deleted", true}};
}

ApiResult SubscriptionsHandler::Rotate(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request, /*allow_empty=*/true));
  UCF_ASSIGN_OR_RETURN(auto grace, core::OptionalInt(body, "graceSeconds"));
  std::int64_t seconds = std::clamp<std::int64_t>(grace.value_or(86'400), -1, 1LL << 40);
  UCF_ASSIGN_OR_RETURN(auto rotated, deps_.subscriptions->Rotate(ActorOf(request), request.PathParam("id"),
                                                                 std::chrono::seconds(seconds)));
  boost::json::object out = SubscriptionJson(rotated.subscription);
  out["secret"] = rotated.secret;
  out["previousSecretValidSeconds"] = seconds;
  return out;
}

ApiResult SubscriptionsHandler::Deliveries(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(int limit, ParseLimit(request));
  UCF_ASSIGN_OR_RETURN(auto page, deps_.subscriptions->Deliveries(request.context.tenant_id, request.PathParam("id"),
                                                                  request.Query("cursor").value_or(""), limit));
  boost::json::array items;
  for (const auto& d : page.items) {
    items.push_back({{"id", d.id},
                     {"event", d.event},
                     {"status", d.status},
                     {"attempts", d.attempts},
                     {"nextAttemptAt", OptionalTimeJson(d.next_attempt_at)},
                     {"lastError", d.last_error ? boost::json::value(*d.last_error) : boost::json::value(nullptr)},
                     {"payload", d.payload},
                     {"createdAt", core::FormatRfc3339(d.created_at)},
                     {"updatedAt", core::FormatRfc3339(d.updated_at)}});
  }
  return PageJson(std::move(items), page.next);
}

}  // namespace ucf::api
