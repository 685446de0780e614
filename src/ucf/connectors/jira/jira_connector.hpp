#pragma once
// JiraConnector: Jira Cloud through the platform REST API v3 (connector.hpp has the error
// contract). The ApiClient's base URL is the site (API token, Basic email:token) or
// https://api.atlassian.com/ex/jira/<cloudId> (OAuth 2.0 3LO); every path is "/rest/api/3/…".
//
//   CheckCredentials  GET /myself
//   ListContainers    GET /project/search        offset paging: next = the next startAt
//   ListItems         GET /search/jql            jql `project = "<containerId>" [AND text ~ "<q>"]
//                                                ORDER BY updated DESC`, next = nextPageToken;
//                                                Item.id is the issue KEY
//   GetItem           GET /issue/{key}           body = description flattened from ADF
//   ListComments      GET /issue/{key}/comment   offset paging, orderBy=created
//   CreateItem        POST /issue                description as ADF, issuetype default "Task"
//   CreateComment     POST /issue/{key}/comment  body as ADF
//   RegisterWebhook   POST /webhook              dynamic webhooks (OAuth 2.0 apps only); default
//                                                events jira:issue_created, jira:issue_updated,
//                                                comment_created, default jqlFilter
//                                                `project != EMPTY`; then PUT /webhook/refresh to
//                                                learn the expiry (30 days). A failed expiry lookup
//                                                leaves expires_at unset rather than failing a
//                                                registration that exists.
//                                                provider_webhook_id = ids joined with ","
//   RefreshWebhook    PUT /webhook/refresh       -> expires_at
//   UnregisterWebhook DELETE /webhook
// WebhookRequest.secret is not used: Jira signs dynamic-webhook calls with the OAuth app's own
// credentials, not a per-registration secret.
// Immutable; thread-safe.

#include <memory>

#include "ucf/connectors/connector.hpp"

namespace ucf::connectors::jira {

class JiraConnector final : public HttpConnector {
 public:
  JiraConnector();

  const ConnectorDescription& Describe() const override { return description_; }
  absl::Status ValidateConfig(const boost::json::object& config) const override;
  absl::StatusOr<AccountInfo> CheckCredentials(ApiClient& api) const override;

  absl::StatusOr<Page<Container>> ListContainers(ApiClient& api,
                                                 const PageRequest& page) const override;
  absl::StatusOr<Page<Item>> ListItems(ApiClient& api, const ItemQuery& query) const override;
  absl::StatusOr<Item> GetItem(ApiClient& api, std::string_view item_id) const override;
  absl::StatusOr<Page<Comment>> ListComments(ApiClient& api, std::string_view item_id,
                                             const PageRequest& page) const override;
  absl::StatusOr<Item> CreateItem(ApiClient& api, const NewItem& item) const override;
  absl::StatusOr<Comment> CreateComment(ApiClient& api, const NewComment& comment) const override;

  // jira_webhooks.cpp
  absl::StatusOr<WebhookRegistration> RegisterWebhook(ApiClient& api,
                                                      const WebhookRequest& request) const override;
  absl::StatusOr<WebhookRegistration> RefreshWebhook(
      ApiClient& api, const WebhookRegistration& registration) const override;
  absl::Status UnregisterWebhook(ApiClient& api,
                                 const WebhookRegistration& registration) const override;

 private:
  ConnectorDescription description_;
};

std::unique_ptr<Connector> MakeJiraConnector();

}  // namespace ucf::connectors::jira
