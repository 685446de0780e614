#include "ucf/connectors/github/github_connector.hpp"

#include "boost/json/serialize.hpp"
#include "ucf/connectors/atlassian/cursor.hpp"
#include "ucf/connectors/atlassian/request_args.hpp"
#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/config_fields.hpp"
#include "ucf/connectors/github/github_mapping.hpp"
#include "ucf/connectors/github/github_requests.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::github {
namespace {

using atlassian::ClampLimit;

ConnectorDescription MakeDescription() {
  ConnectorDescription d;
  d.id = "github";
  d.name = "GitHub";
  d.group = "saas";
  d.description =
      "GitHub: the repositories the account can reach, their issues (pull requests left out) and "
      "issue comments; create issues and comments; repository webhooks signed with "
      "X-Hub-Signature-256. Sync models repositories, issues, comments; issues and comments incrementally by updated time (REST API `since`).";
  d.credential_fields = {{"apiKey", "Personal access token", "secret", true,
                          "A fine-grained or classic personal access token with access to the repositories "
                          "(Issues read and write; Webhooks read and write for webhooks)",
                          "github_pat_…", ApiKeyAliases()}};
  d.resources = {"containers",  "items",          "item",    "comments",
                 "create_item", "create_comment", "webhooks"};
  d.sync_models = {"repositories", "issues", "comments"};
  // Sync reads issues changed since the marker (`since`, oldest update first), and comments
  // changed since their own marker from the repository-wide comment listing.
  d.change_markers = {{"issues", "updated"}, {"comments", "updated"}};
  return d;
}

// The Link header's rel="next" target as an absolute URL (GitHub sends absolute ones; a relative
// one is joined to the API root).
std::optional<std::string> NextOf(const ApiClient& api, const http::UpstreamResponse& response) {
  std::optional<std::string_view> link = response.headers.Get("Link");
  if (!link) return std::nullopt;
  std::optional<std::string> next = atlassian::LinkHeaderNext(*link);
  if (!next || next->empty()) return std::nullopt;
  if (next->starts_with("/")) return core::StrCat(api.BaseUrl(), *next);
  return next;
}

absl::StatusOr<http::UpstreamResponse> GetPage(ApiClient& api, const std::string& cursor,
                                               const std::string& first_page,
                                               std::initializer_list<std::string_view> prefixes) {
  if (cursor.empty()) return SendGitHub(api, "GET", first_page);
  UCF_RETURN_IF_ERROR(CheckCursor(cursor, api.BaseUrl(), prefixes));
  return SendGitHub(api, "GET", cursor);
}

absl::StatusOr<boost::json::object> PostJson(ApiClient& api, const std::string& path,
                                             const boost::json::object& body) {
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       SendGitHub(api, "POST", path, boost::json::serialize(body)));
  return atlassian::ParseResponseObject(kProvider, response.body);
}

}  // namespace

absl::StatusOr<http::UpstreamResponse> SendGitHub(ApiClient& api, std::string_view method,
                                                  std::string_view path_or_url, std::string_view body) {
  http::Headers headers;
  headers.Set(kApiVersionHeader, kApiVersion);
  return api.Send(method, path_or_url, body, headers);
}

GitHubConnector::GitHubConnector() : description_(MakeDescription()) {}

absl::StatusOr<AccountInfo> GitHubConnector::CheckCredentials(ApiClient& api) const {
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response, SendGitHub(api, "GET", UserPath()));
  UCF_ASSIGN_OR_RETURN(boost::json::object user, atlassian::ParseResponseObject(kProvider, response.body));
  return MapUser(user);
}

absl::StatusOr<Page<Container>> GitHubConnector::ListContainers(ApiClient& api,
                                                                const PageRequest& page) const {
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       GetPage(api, page.cursor, ReposPath(ClampLimit(page.limit, kMaxPageSize)),
                               {"/user/repos?"}));
  UCF_ASSIGN_OR_RETURN(boost::json::array repos, ParseResponseArray(response.body));
  return MapRepositoryPage(std::move(repos), NextOf(api, response));
}

absl::StatusOr<Page<Item>> GitHubConnector::ListItems(ApiClient& api, const ItemQuery& query) const {
  UCF_ASSIGN_OR_RETURN(RepoRef repo, ParseRepo("containerId", query.container_id));
  int per_page = ClampLimit(query.page.limit, kMaxPageSize);
  if (!core::Trim(query.q).empty() && !query.changed_since) {
    UCF_ASSIGN_OR_RETURN(std::string search, SearchQuery(repo, query.q));
    UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                         GetPage(api, query.page.cursor, SearchIssuesPath(search, per_page),
                                 {"/search/issues?"}));
    UCF_ASSIGN_OR_RETURN(boost::json::object body, atlassian::ParseResponseObject(kProvider, response.body));
    return MapIssueSearch(std::move(body), repo, NextOf(api, response));
  }
  // GitHub's next links may name the repository by id (/repositories/{id}/issues).
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       GetPage(api, query.page.cursor,
                               query.changed_since ? ChangedIssuesPath(repo, *query.changed_since, per_page)
                                                   : IssuesPath(repo, per_page),
                               {core::StrCat("/repos/", repo.FullName(), "/issues?"), "/repositories/"}));
  UCF_ASSIGN_OR_RETURN(boost::json::array issues, ParseResponseArray(response.body));
  return MapIssuePage(std::move(issues), repo, NextOf(api, response));
}

absl::StatusOr<Item> GitHubConnector::GetItem(ApiClient& api, std::string_view item_id) const {
  UCF_ASSIGN_OR_RETURN(IssueRef ref, ParseIssue("itemId", item_id));
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response, SendGitHub(api, "GET", IssuePath(ref)));
  UCF_ASSIGN_OR_RETURN(boost::json::object issue, atlassian::ParseResponseObject(kProvider, response.body));
  if (IsPullRequest(issue)) {
    return core::WithDetails(
        absl::NotFoundError(core::StrCat(ref.Key(), " is a pull request; pull requests are not items")),
        {{"field", "itemId"}, {"reason", "pull_request"}});
  }
  // The issue asked for is ref.number whatever the answer says (the description allows any integer).
  if (std::optional<std::int64_t> n = atlassian::FindInt(issue, "number"); !n || *n <= 0) issue["number"] = ref.number;
  std::optional<Item> item = MapIssue(std::move(issue), ref.repo, /*with_body=*/true);
  if (!item) return atlassian::MalformedField(kProvider, "number", "is not a positive integer");
  return *std::move(item);
}

absl::StatusOr<Page<Comment>> GitHubConnector::ListComments(ApiClient& api, std::string_view item_id,
                                                            const PageRequest& page) const {
  UCF_ASSIGN_OR_RETURN(IssueRef ref, ParseIssue("itemId", item_id));
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       GetPage(api, page.cursor, CommentsPath(ref, ClampLimit(page.limit, kMaxPageSize)),
                               {core::StrCat("/repos/", ref.repo.FullName(), "/issues/", ref.number, "/comments?"),
                                "/repositories/"}));
  UCF_ASSIGN_OR_RETURN(boost::json::array comments, ParseResponseArray(response.body));
  return MapCommentPage(std::move(comments), NextOf(api, response));
}

absl::StatusOr<Item> GitHubConnector::CreateItem(ApiClient& api, const NewItem& item) const {
  UCF_ASSIGN_OR_RETURN(RepoRef repo, ParseRepo("containerId", item.container_id));
  UCF_ASSIGN_OR_RETURN(boost::json::object request, CreateIssueBody(item));
  UCF_ASSIGN_OR_RETURN(boost::json::object created, PostJson(api, CreateIssuePath(repo), request));
  std::optional<Item> mapped = MapIssue(std::move(created), repo, /*with_body=*/true);
  if (mapped) return *std::move(mapped);
  // Created, but the answer gives no usable number: the issue exists, its id is unknown.
  Item unknown;
  unknown.name = item.title;
  unknown.container_id = repo.FullName();
  unknown.body = item.body;
  return unknown;
}

absl::StatusOr<Comment> GitHubConnector::CreateComment(ApiClient& api, const NewComment& comment) const {
  UCF_ASSIGN_OR_RETURN(IssueRef ref, ParseIssue("itemId", comment.item_id));
  UCF_ASSIGN_OR_RETURN(boost::json::object request, CreateCommentBody(comment.text));
  UCF_ASSIGN_OR_RETURN(boost::json::object created, PostJson(api, CreateCommentPath(ref), request));
  std::optional<Comment> mapped = MapComment(created);
  if (!mapped) return atlassian::MalformedField(kProvider, "id", "is missing from the created comment");
  return *std::move(mapped);
}

absl::StatusOr<Page<Comment>> GitHubConnector::ListChangedComments(ApiClient& api, std::string_view container_id,
                                                                   core::TimePoint since,
                                                                   const PageRequest& page) const {
  UCF_ASSIGN_OR_RETURN(RepoRef repo, ParseRepo("containerId", container_id));
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       GetPage(api, page.cursor, ChangedCommentsPath(repo, since, ClampLimit(page.limit, kMaxPageSize)),
                               {core::StrCat("/repos/", repo.FullName(), "/issues/comments?"), "/repositories/"}));
  UCF_ASSIGN_OR_RETURN(boost::json::array comments, ParseResponseArray(response.body));
  return MapRepoCommentPage(std::move(comments), NextOf(api, response));
}

std::unique_ptr<Connector> MakeGitHubConnector() { return std::make_unique<GitHubConnector>(); }

}  // namespace ucf::connectors::github
