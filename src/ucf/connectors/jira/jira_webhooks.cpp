// JiraConnector's webhook operations: Jira Cloud REST v3 dynamic webhooks (OAuth 2.0 apps).
//   POST   /rest/api/3/webhook          WebhookRegistrationDetails {url, webhooks: [WebhookDetails
//                                        {events, jqlFilter}]} -> ContainerForRegisteredWebhooks
//                                        {webhookRegistrationResult: [{createdWebhookId}|{errors}]}
//   PUT    /rest/api/3/webhook/refresh  ContainerForWebhookIDs {webhookIds} ->
//                                        WebhooksExpirationDate {expirationDate}
//   DELETE /rest/api/3/webhook          ContainerForWebhookIDs {webhookIds} -> 202
// The spec types expirationDate as int64 (epoch milliseconds) while its example is a date string;
// both are accepted.

#include <chrono>

#include "boost/json/serialize.hpp"
#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/atlassian/timestamps.hpp"
#include "ucf/connectors/jira/jira_connector.hpp"
#include "ucf/connectors/jira/jira_requests.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connectors::jira {
namespace {

const std::vector<std::string>& DefaultEvents() {
  static const std::vector<std::string> kEvents = {"jira:issue_created", "jira:issue_updated",
                                                   "comment_created"};
  return kEvents;
}
constexpr std::string_view kDefaultJqlFilter = "project != EMPTY";

absl::StatusOr<std::vector<std::int64_t>> ParseWebhookIds(std::string_view provider_webhook_id) {
  std::vector<std::int64_t> ids;
  for (std::string_view piece : core::Split(provider_webhook_id, ',', /*skip_empty=*/true)) {
    std::optional<std::int64_t> id = core::ParseInt64(piece);
    if (!id || *id <= 0) {
      return core::InvalidField("providerWebhookId",
                                "must be Jira webhook ids separated by commas");
    }
    ids.push_back(*id);
  }
  if (ids.empty()) return core::InvalidField("providerWebhookId", "is required");
  return ids;
}

boost::json::object WebhookIdsBody(const std::vector<std::int64_t>& ids) {
  boost::json::array array;
  for (std::int64_t id : ids) array.push_back(id);
  return boost::json::object{{"webhookIds", std::move(array)}};
}

// WebhooksExpirationDate.expirationDate as RFC 3339.
absl::StatusOr<std::string> ParseExpiration(const boost::json::object& body) {
  const boost::json::value* v = body.if_contains("expirationDate");
  if (v != nullptr && (v->is_int64() || v->is_uint64())) {
    auto ms = static_cast<std::int64_t>(v->is_int64() ? v->as_int64() : v->as_uint64());
    return core::FormatRfc3339(core::TimePoint(
        std::chrono::duration_cast<core::TimePoint::duration>(std::chrono::milliseconds(ms))));
  }
  if (v != nullptr && v->is_string() && !v->as_string().empty()) {
    return atlassian::NormalizeTimestamp(std::string_view(v->as_string()));
  }
  return atlassian::MalformedField(kProvider, "expirationDate", "is missing or not a date");
}

absl::StatusOr<std::string> RefreshIds(ApiClient& api, const std::vector<std::int64_t>& ids) {
  UCF_ASSIGN_OR_RETURN(
      http::UpstreamResponse response,
      api.Send("PUT", WebhookRefreshPath(), boost::json::serialize(WebhookIdsBody(ids))));
  UCF_ASSIGN_OR_RETURN(boost::json::object body,
                       atlassian::ParseResponseObject(kProvider, response.body));
  return ParseExpiration(body);
}

}  // namespace

absl::StatusOr<WebhookRegistration> JiraConnector::RegisterWebhook(
    ApiClient& api, const WebhookRequest& request) const {
  if (core::Trim(request.callback_url).empty()) {
    return core::InvalidField("callbackUrl", "is required");
  }
  const std::vector<std::string>& events =
      request.events.empty() ? DefaultEvents() : request.events;
  std::string filter = core::Trim(request.filter).empty() ? std::string(kDefaultJqlFilter)
                                                          : std::string(core::Trim(request.filter));
  boost::json::array event_array;
  for (const std::string& event : events) event_array.push_back(boost::json::string(event));
  boost::json::object details{{"events", event_array}, {"jqlFilter", filter}};
  boost::json::object body{{"url", request.callback_url},
                           {"webhooks", boost::json::array{details}}};

  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       api.Send("POST", WebhookPath(), boost::json::serialize(body)));
  UCF_ASSIGN_OR_RETURN(boost::json::object result,
                       atlassian::ParseResponseObject(kProvider, response.body));
  UCF_ASSIGN_OR_RETURN(const boost::json::array* results,
                       atlassian::OptionalArray(kProvider, result, "webhookRegistrationResult",
                                                "webhookRegistrationResult"));
  std::vector<std::int64_t> ids;
  std::vector<std::string> errors;
  for (const boost::json::value& entry : *results) {
    if (!entry.is_object()) continue;
    if (std::optional<std::int64_t> id =
            atlassian::FindInt(entry.as_object(), "createdWebhookId")) {
      ids.push_back(*id);
    }
    if (const boost::json::array* errs = atlassian::FindArray(entry.as_object(), "errors")) {
      for (const boost::json::value& e : *errs) {
        if (e.is_string()) errors.emplace_back(e.as_string());
      }
    }
  }
  if (ids.empty()) {
    if (!errors.empty()) {
      // Jira's per-webhook errors are about the JQL filter ("The clause watchCount is
      // unsupported").
      return core::InvalidField(
          "filter", core::StrCat("jira rejected the webhook: ", core::Join(errors, "; ")));
    }
    return atlassian::MalformedField(kProvider, "webhookRegistrationResult",
                                     "holds no createdWebhookId");
  }

  WebhookRegistration registration;
  std::vector<std::string> id_texts;
  boost::json::array id_array;
  for (std::int64_t id : ids) {
    id_texts.push_back(core::StrCat(id));
    id_array.push_back(id);
  }
  registration.provider_webhook_id = core::Join(id_texts, ",");
  registration.callback_url = request.callback_url;
  registration.events = events;
  registration.details = boost::json::object{{"jqlFilter", filter}, {"webhookIds", id_array}};
  absl::StatusOr<std::string> expires = RefreshIds(api, ids);
  if (expires.ok()) registration.expires_at = *std::move(expires);
  return registration;
}

absl::StatusOr<WebhookRegistration> JiraConnector::RefreshWebhook(
    ApiClient& api, const WebhookRegistration& registration) const {
  UCF_ASSIGN_OR_RETURN(std::vector<std::int64_t> ids,
                       ParseWebhookIds(registration.provider_webhook_id));
  UCF_ASSIGN_OR_RETURN(std::string expires, RefreshIds(api, ids));
  WebhookRegistration refreshed = registration;
  refreshed.expires_at = std::move(expires);
  return refreshed;
}

absl::Status JiraConnector::UnregisterWebhook(ApiClient& api,
                                              const WebhookRegistration& registration) const {
  UCF_ASSIGN_OR_RETURN(std::vector<std::int64_t> ids,
                       ParseWebhookIds(registration.provider_webhook_id));
  // 202 Accepted, no body.
  return api.Send("DELETE", WebhookPath(), boost::json::serialize(WebhookIdsBody(ids))).status();
}

}  // namespace ucf::connectors::jira
