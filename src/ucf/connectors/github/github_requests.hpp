#pragma once
// The GitHub REST requests the connector makes (paths appended to the connection's API root,
// https://api.github.com) and the ids it hands out:
//   container id  "owner/repo"        (the repository's full_name)
//   item id       "owner:repo:123"    (an issue; no "/" so it fits one path segment of UCF's API;
//                                      "owner/repo#123", GitHub's own notation, is accepted too)
//   webhook id    "owner/repo:4567"   (repository and hook id)
// Owner and repository names are checked against GitHub's alphabets before they reach a path
// ([A-Za-z0-9-] for owners, [A-Za-z0-9._-] for repositories, never "." or ".."). Search text only
// reaches the search query quoted (SearchQuery). Invalid caller input is InvalidArgument naming the
// field. Pure; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/resources.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::connectors::github {

inline constexpr std::string_view kProvider = "github";
inline constexpr int kMaxPageSize = 100;  // per_page caps at 100 on every listing
// Sent with every call: the REST API version the mapping follows.
inline constexpr std::string_view kApiVersionHeader = "X-GitHub-Api-Version";
inline constexpr std::string_view kApiVersion = "2022-11-28";

struct RepoRef {
  std::string owner;
  std::string repo;
  std::string FullName() const { return owner + "/" + repo; }
};

struct IssueRef {
  RepoRef repo;
  std::int64_t number = 0;
  std::string Id() const;   // "owner:repo:123"
  std::string Key() const;  // "owner/repo#123"
};

// "owner/repo" (blanks trimmed); InvalidArgument naming `field` otherwise.
absl::StatusOr<RepoRef> ParseRepo(std::string_view field, std::string_view text);
// "owner:repo:123" or "owner/repo#123"; InvalidArgument naming `field` otherwise.
absl::StatusOr<IssueRef> ParseIssue(std::string_view field, std::string_view text);

// A listing's next page as the connector hands it out: the absolute URL of the Link header's
// rel="next". A cursor given back must be an absolute URL under `base_url` + one of the
// `allowed_prefixes` paths (so a cursor of one listing cannot drive another); InvalidArgument
// field "cursor" otherwise.
absl::Status CheckCursor(std::string_view cursor, std::string_view base_url,
                         std::initializer_list<std::string_view> allowed_prefixes);

// The search text for /search/issues: the user's text as ONE quoted phrase (double quotes and
// control characters become blanks, so nothing in it can close the phrase and add a qualifier
// such as repo:other/secret), then "repo:<owner/repo> is:issue". Text longer than
// kMaxSearchTextBytes is InvalidArgument field "q" (GitHub refuses queries over 256 characters).
inline constexpr std::size_t kMaxSearchTextBytes = 200;
absl::StatusOr<std::string> SearchQuery(const RepoRef& repo, std::string_view q);

std::string UserPath();
std::string ReposPath(int per_page);  // GET /user/repos (all the account can reach)
// GET /repos/{o}/{r}/issues, every state, most recently updated first.
std::string IssuesPath(const RepoRef& repo, int per_page);
// The same listing for a sync: only issues updated at or after `since` (GitHub's `since`, the
// instant floored to the second, YYYY-MM-DDTHH:MM:SSZ), least recently updated first.
std::string ChangedIssuesPath(const RepoRef& repo, core::TimePoint since, int per_page);
std::string SearchIssuesPath(std::string_view search_query, int per_page);
std::string IssuePath(const IssueRef& issue);
std::string CommentsPath(const IssueRef& issue, int per_page);
// GET /repos/{o}/{r}/issues/comments: the repository's comments updated at or after `since`
// (floored to the second), least recently updated first.
std::string ChangedCommentsPath(const RepoRef& repo, core::TimePoint since, int per_page);
std::string CreateIssuePath(const RepoRef& repo);
std::string CreateCommentPath(const IssueRef& issue);
std::string HooksPath(const RepoRef& repo);
std::string HookPath(const RepoRef& repo, std::int64_t hook_id);

// {"title", "body"[, "labels", "assignees", "milestone"]}: item.fields may carry labels (array of
// strings), assignees (array of logins) and milestone (number); anything else is InvalidArgument
// "fields.<name>". Empty title: InvalidArgument "title".
absl::StatusOr<boost::json::object> CreateIssueBody(const NewItem& item);
// {"body"}; InvalidArgument "text" when blank.
absl::StatusOr<boost::json::object> CreateCommentBody(std::string_view text);

}  // namespace ucf::connectors::github
