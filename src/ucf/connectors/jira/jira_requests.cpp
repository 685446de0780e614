#include "ucf/connectors/jira/jira_requests.hpp"

#include "ucf/connectors/atlassian/adf.hpp"
#include "ucf/connectors/atlassian/jql.hpp"
#include "ucf/connectors/atlassian/url_parts.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connectors::jira {
namespace {

using atlassian::EncodePathSegment;
using atlassian::EncodeQuery;

constexpr std::string_view kApi = "/rest/api/3";

bool IsDecimal(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::int64_t> ParseOffsetCursor(std::string_view cursor) {
  if (cursor.empty()) return 0;
  std::optional<std::int64_t> offset = IsDecimal(cursor) ? core::ParseInt64(cursor) : std::nullopt;
  if (!offset || *offset < 0) return core::InvalidField("cursor", "must be a non-negative integer");
  return *offset;
}

std::string MyselfPath() { return core::StrCat(kApi, "/myself"); }

std::string ProjectSearchPath(std::int64_t start_at, int max_results) {
  return core::StrCat(kApi, "/project/search",
                      EncodeQuery({{"startAt", core::StrCat(start_at)},
                                   {"maxResults", core::StrCat(max_results)}}));
}

std::string IssueSearchJql(std::string_view container_id, std::string_view q) {
  std::string jql = core::StrCat("project = ", atlassian::JqlQuote(container_id));
  if (!core::Trim(q).empty()) core::StrAppend(&jql, " AND text ~ ", atlassian::JqlQuote(q));
  jql += " ORDER BY updated DESC";
  return jql;
}

std::string ChangedIssuesJql(std::string_view container_id, core::TimePoint since) {
  auto from = std::chrono::floor<std::chrono::minutes>(since - kJqlZoneMargin);
  if (from.time_since_epoch().count() < 0) from = {};
  std::string stamp = core::FormatRfc3339(from);  // 2026-01-02T09:01:00Z → 2026-01-02 09:01
  std::string minute = core::StrCat(stamp.substr(0, 10), " ", stamp.substr(11, 5));
  return core::StrCat("project = ", atlassian::JqlQuote(container_id), " AND updated >= ",
                      atlassian::JqlQuote(minute), " ORDER BY updated ASC, key ASC");
}

std::string IssueSearchPath(std::string_view jql, int max_results,
                            std::string_view next_page_token) {
  atlassian::QueryParams params{{"jql", std::string(jql)},
                                {"maxResults", core::StrCat(max_results)},
                                {"fields", std::string(kIssueFields)}};
  if (!next_page_token.empty()) params.emplace_back("nextPageToken", std::string(next_page_token));
  return core::StrCat(kApi, "/search/jql", EncodeQuery(params));
}

std::string IssuePath(std::string_view issue_key) {
  return core::StrCat(kApi, "/issue/", EncodePathSegment(issue_key),
                      EncodeQuery({{"fields", core::StrCat(kIssueFields, ",description")}}));
}

std::string CommentsPath(std::string_view issue_key, std::int64_t start_at, int max_results) {
  return core::StrCat(kApi, "/issue/", EncodePathSegment(issue_key), "/comment",
                      EncodeQuery({{"startAt", core::StrCat(start_at)},
                                   {"maxResults", core::StrCat(max_results)},
                                   {"orderBy", "created"}}));
}

std::string CreateIssuePath() { return core::StrCat(kApi, "/issue"); }

std::string CreateCommentPath(std::string_view issue_key) {
  return core::StrCat(kApi, "/issue/", EncodePathSegment(issue_key), "/comment");
}

std::string WebhookPath() { return core::StrCat(kApi, "/webhook"); }
std::string WebhookRefreshPath() { return core::StrCat(kApi, "/webhook/refresh"); }

absl::StatusOr<boost::json::object> CreateIssueBody(const NewItem& item) {
  if (core::Trim(item.container_id).empty())
    return core::InvalidField("containerId", "is required");
  if (core::Trim(item.title).empty()) return core::InvalidField("title", "must not be empty");
  boost::json::object fields;
  for (const auto& [name, value] : item.fields) {
    std::string_view key(name);
    if (key == "project" || key == "summary" || key == "description") {
      return core::InvalidField(core::StrCat("fields.", key),
                                "is set from containerId, title and body");
    }
    if (key == "issuetype") {
      if (value.is_string()) {
        if (value.as_string().empty())
          return core::InvalidField("fields.issuetype", "must not be empty");
        fields["issuetype"] = boost::json::object{{"name", value.as_string()}};
      } else if (value.is_object()) {
        fields["issuetype"] = value;
      } else {
        return core::InvalidField("fields.issuetype", "must be an issue type name or object");
      }
      continue;
    }
    fields[key] = value;
  }
  std::string_view container = core::Trim(item.container_id);
  fields["project"] = IsDecimal(container) ? boost::json::object{{"id", container}}
                                           : boost::json::object{{"key", container}};
  fields["summary"] = item.title;
  fields["description"] = atlassian::PlainTextToAdf(item.body);
  if (!fields.contains("issuetype")) fields["issuetype"] = boost::json::object{{"name", "Task"}};
  return boost::json::object{{"fields", std::move(fields)}};
}

absl::StatusOr<boost::json::object> CreateCommentBody(std::string_view text) {
  if (core::Trim(text).empty()) return core::InvalidField("text", "must not be empty");
  return boost::json::object{{"body", atlassian::PlainTextToAdf(text)}};
}

}  // namespace ucf::connectors::jira
