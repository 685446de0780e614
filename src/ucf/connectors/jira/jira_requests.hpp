#pragma once
// The Jira Cloud REST v3 requests the connector makes: paths (always "/rest/api/3/…", appended to
// the connection's base URL: the site for API tokens, https://api.atlassian.com/ex/jira/<cloudId>
// for OAuth), query strings and JSON bodies. Path segments are percent-encoded; user text only
// ever reaches JQL through atlassian::JqlQuote. Invalid caller input is InvalidArgument naming the
// field. Pure; thread-safe.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/resources.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::connectors::jira {

inline constexpr std::string_view kProvider = "jira";
// The issue fields the listings ask for (search/jql returns only `id` by default).
inline constexpr std::string_view kIssueFields =
    "summary,status,assignee,reporter,created,updated,parent,issuetype,project";
inline constexpr int kMaxPageSize = 100;  // project/search, search/jql and comments cap here

// The offset cursor of project and comment listings: "" -> 0, else a non-negative decimal.
// InvalidArgument field "cursor" otherwise.
absl::StatusOr<std::int64_t> ParseOffsetCursor(std::string_view cursor);

std::string MyselfPath();
std::string ProjectSearchPath(std::int64_t start_at, int max_results);

// `project = "<container>"[ AND text ~ "<q>"] ORDER BY updated DESC` (bounded, as search/jql
// requires).
std::string IssueSearchJql(std::string_view container_id, std::string_view q);
// The sync listing: `project = "<container>" AND updated >= "<yyyy-MM-dd HH:mm>" ORDER BY updated
// ASC, key ASC`. JQL dates have minute precision and are read in the API user's time zone, which
// UCF does not know: the instant is floored to the minute and moved back by kJqlZoneMargin (the
// furthest a zone lies west of UTC), so the query never starts after `since` — an earlier start
// only re-reads issues whose hash is unchanged.
inline constexpr std::chrono::hours kJqlZoneMargin{12};
std::string ChangedIssuesJql(std::string_view container_id, core::TimePoint since);
// GET /rest/api/3/search/jql with jql, maxResults, fields and nextPageToken (when non-empty).
std::string IssueSearchPath(std::string_view jql, int max_results,
                            std::string_view next_page_token);
// GET /rest/api/3/issue/{key}?fields=<kIssueFields>,description
std::string IssuePath(std::string_view issue_key);
std::string CommentsPath(std::string_view issue_key, std::int64_t start_at, int max_results);
std::string CreateIssuePath();
std::string CreateCommentPath(std::string_view issue_key);
std::string WebhookPath();
std::string WebhookRefreshPath();

// {"fields": {"project": {"id"|"key"}, "summary", "description": ADF, "issuetype": {"name"}, …}}.
// item.fields may carry "issuetype" (a name string or a Jira object; default {"name":"Task"}) and
// other Jira fields copied as given; "project", "summary" and "description" come only from
// containerId/title/body (InvalidArgument field "fields.<name>" when given in fields).
// InvalidArgument field "containerId" / "title" when empty.
absl::StatusOr<boost::json::object> CreateIssueBody(const NewItem& item);

// {"body": ADF of text}; InvalidArgument field "text" when the text is blank.
absl::StatusOr<boost::json::object> CreateCommentBody(std::string_view text);

}  // namespace ucf::connectors::jira
