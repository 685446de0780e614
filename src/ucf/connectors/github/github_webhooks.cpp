// GitHubConnector's webhook operations: repository webhooks (REST "repos/create-webhook").
//   POST   /repos/{o}/{r}/hooks       {name:"web", active, events, config:{url, content_type:
//                                     "json", secret, insecure_ssl:"0"}} -> hook {id, …}
//   GET    /repos/{o}/{r}/hooks/{id}  (refresh: GitHub hooks never expire)
//   DELETE /repos/{o}/{r}/hooks/{id}  204; 404 = already gone
// provider_webhook_id = "owner/repo:<hook id>".

#include "boost/json/serialize.hpp"
#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/github/github_connector.hpp"
#include "ucf/connectors/github/github_requests.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::github {
namespace {

const std::vector<std::string>& DefaultEvents() {
  static const std::vector<std::string> kEvents = {"issues", "issue_comment"};
  return kEvents;
}

struct HookRef {
  RepoRef repo;
  std::int64_t id = 0;
};

absl::StatusOr<HookRef> ParseHook(std::string_view provider_webhook_id) {
  std::size_t colon = provider_webhook_id.rfind(':');
  if (colon == std::string_view::npos) {
    return core::InvalidField("providerWebhookId", "must be owner/repo:<hook id>");
  }
  UCF_ASSIGN_OR_RETURN(RepoRef repo, ParseRepo("providerWebhookId", provider_webhook_id.substr(0, colon)));
  std::optional<std::int64_t> id = core::ParseInt64(provider_webhook_id.substr(colon + 1));
  if (!id || *id <= 0) return core::InvalidField("providerWebhookId", "must be owner/repo:<hook id>");
  return HookRef{std::move(repo), *id};
}

bool IsEventName(std::string_view e) {
  if (e.empty() || e.size() > 64) return false;
  for (char c : e) {
    if (!((c >= 'a' && c <= 'z') || c == '_' || c == '*')) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<WebhookRegistration> GitHubConnector::RegisterWebhook(
    ApiClient& api, const WebhookRequest& request) const {
  if (core::Trim(request.callback_url).empty()) return core::InvalidField("callbackUrl", "is required");
  if (core::Trim(request.filter).empty()) {
    return core::InvalidField("filter", "must name the repository (owner/repo) whose events to receive");
  }
  UCF_ASSIGN_OR_RETURN(RepoRef repo, ParseRepo("filter", request.filter));
  if (request.secret.empty()) return absl::InternalError("github webhooks need a shared secret");
  const std::vector<std::string>& events = request.events.empty() ? DefaultEvents() : request.events;
  boost::json::array event_array;
  for (const std::string& e : events) {
    if (!IsEventName(e)) return core::InvalidField("events", "must be GitHub event names such as issues");
    event_array.emplace_back(e);
  }
  boost::json::object body{
      {"name", "web"},
      {"active", true},
      {"events", event_array},
      {"config",
       {{"url", request.callback_url}, {"content_type", "json"}, {"secret", request.secret}, {"insecure_ssl", "0"}}}};
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       SendGitHub(api, "POST", HooksPath(repo), boost::json::serialize(body)));
  UCF_ASSIGN_OR_RETURN(boost::json::object hook, atlassian::ParseResponseObject(kProvider, response.body));
  std::optional<std::int64_t> id = atlassian::FindInt(hook, "id");
  if (!id || *id <= 0) return atlassian::MalformedField(kProvider, "id", "is missing from the created hook");
  WebhookRegistration registration;
  registration.provider_webhook_id = core::StrCat(repo.FullName(), ":", *id);
  registration.callback_url = request.callback_url;
  registration.events = events;
  registration.details = boost::json::object{{"repository", repo.FullName()}, {"hookId", *id}};
  return registration;
}

absl::StatusOr<WebhookRegistration> GitHubConnector::RefreshWebhook(
    ApiClient& api, const WebhookRegistration& registration) const {
  UCF_ASSIGN_OR_RETURN(HookRef hook, ParseHook(registration.provider_webhook_id));
  UCF_RETURN_IF_ERROR(SendGitHub(api, "GET", HookPath(hook.repo, hook.id)).status());
  return registration;
}

absl::Status GitHubConnector::UnregisterWebhook(ApiClient& api,
                                                const WebhookRegistration& registration) const {
  UCF_ASSIGN_OR_RETURN(HookRef hook, ParseHook(registration.provider_webhook_id));
  absl::Status deleted = SendGitHub(api, "DELETE", HookPath(hook.repo, hook.id)).status();
  if (absl::IsNotFound(deleted)) return absl::OkStatus();
  return deleted;
}

}  // namespace ucf::connectors::github
