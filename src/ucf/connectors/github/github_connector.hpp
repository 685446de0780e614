#pragma once
// GitHubConnector: GitHub through its REST API (connector.hpp has the error contract). The
// ApiClient's base URL is the API root (https://api.github.com); OAuth app tokens and personal
// access tokens both arrive as "Authorization: Bearer". Every call also sends
// X-GitHub-Api-Version: 2022-11-28. Ids: github_requests.hpp.
//
//   CheckCredentials  GET /user
//   ListContainers    GET /user/repos                    repositories the account can reach
//   ListItems         GET /repos/{o}/{r}/issues          state=all, most recently updated first;
//                     GET /search/issues (with q)        "<q>" repo:o/r is:issue
//   GetItem           GET /repos/{o}/{r}/issues/{n}      body = the markdown body
//   ListComments      GET /repos/{o}/{r}/issues/{n}/comments (ascending id, as GitHub orders them)
//   ListChangedComments GET /repos/{o}/{r}/issues/comments?sort=updated&direction=asc&since=…
//                     (the comments sync: the repository's comments updated at or after the
//                     marker, oldest first; item_id from each comment's issue_url — GitHub lists
//                     pull-request conversation comments here too and a comment does not say
//                     which it is on, so those are synced as comments of item "owner:repo:<n>")
//   CreateItem        POST /repos/{o}/{r}/issues      (an answer without a usable number gives
//                                                        an item with id "": it was created)
//   CreateComment     POST /repos/{o}/{r}/issues/{n}/comments
//   RegisterWebhook   POST /repos/{o}/{r}/hooks          WebhookRequest.filter names the
//                                                        repository (required); events default
//                                                        to issues + issue_comment; the shared
//                                                        secret signs deliveries
//                                                        (X-Hub-Signature-256)
//   RefreshWebhook    GET /repos/{o}/{r}/hooks/{id}      GitHub hooks do not expire: proves it
//                                                        still exists
//   UnregisterWebhook DELETE /repos/{o}/{r}/hooks/{id}   a hook already gone counts as removed
// Paging: per_page (<= 100) and the Link header; Page::next is the absolute rel="next" URL, and a
// cursor given back must be a URL of the same listing under the connection's API root.
// Pull requests are not items: they are left out of listings (a page may hold fewer items than
// asked for; paging goes on) and GetItem of a pull request is NotFound.
// Rate limits (primary: 403/429 with x-ratelimit-remaining 0; secondary: 403/429 with
// retry-after) are the HTTP client's (retry within its wait budget, else ResourceExhausted with
// retryAfterSeconds). Immutable; thread-safe.

#include <memory>

#include "ucf/connectors/connector.hpp"

namespace ucf::connectors::github {

class GitHubConnector final : public HttpConnector {
 public:
  GitHubConnector();

  const ConnectorDescription& Describe() const override { return description_; }
  absl::StatusOr<AccountInfo> CheckCredentials(ApiClient& api) const override;

  absl::StatusOr<Page<Container>> ListContainers(ApiClient& api,
                                                 const PageRequest& page) const override;
  absl::StatusOr<Page<Item>> ListItems(ApiClient& api, const ItemQuery& query) const override;
  absl::StatusOr<Item> GetItem(ApiClient& api, std::string_view item_id) const override;
  absl::StatusOr<Page<Comment>> ListComments(ApiClient& api, std::string_view item_id,
                                             const PageRequest& page) const override;
  absl::StatusOr<Item> CreateItem(ApiClient& api, const NewItem& item) const override;
  absl::StatusOr<Comment> CreateComment(ApiClient& api, const NewComment& comment) const override;
  absl::StatusOr<Page<Comment>> ListChangedComments(ApiClient& api, std::string_view container_id,
                                                    core::TimePoint since, const PageRequest& page) const override;

  // github_webhooks.cpp
  absl::StatusOr<WebhookRegistration> RegisterWebhook(ApiClient& api,
                                                      const WebhookRequest& request) const override;
  absl::StatusOr<WebhookRegistration> RefreshWebhook(
      ApiClient& api, const WebhookRegistration& registration) const override;
  absl::Status UnregisterWebhook(ApiClient& api,
                                 const WebhookRegistration& registration) const override;

 private:
  ConnectorDescription description_;
};

std::unique_ptr<Connector> MakeGitHubConnector();

// The API calls of the connector, with the version header (github_connector.cpp).
absl::StatusOr<http::UpstreamResponse> SendGitHub(ApiClient& api, std::string_view method,
                                                  std::string_view path_or_url,
                                                  std::string_view body = {});

}  // namespace ucf::connectors::github
