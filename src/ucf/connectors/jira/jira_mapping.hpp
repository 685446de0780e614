#pragma once
// Jira Cloud REST v3 response bodies -> the unified shapes (resources.hpp). Each function takes the
// parsed 2xx body; a body without what the mapping needs (an issue without `key`, a page without
// its array, …) is Internal naming the field ("jira: response field 'issues[2].key' …"); optional
// and nullable provider fields (assignee, parent, …) map to absent values. Pure; thread-safe.
//
// `site` is the site origin used for browse links ("https://acme.atlassian.net"): taken from each
// object's `self` URL when that names the site, else the fallback given (the connection's base URL
// when it is a site), else links stay absent (OAuth gateway URLs do not name the site).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/connector.hpp"
#include "ucf/connectors/resources.hpp"

namespace ucf::connectors::jira {

// GET /myself (User): accountId (required), displayName, emailAddress; extra {accountType,
// timeZone, site?}.
absl::StatusOr<AccountInfo> MapMyself(const boost::json::object& user);

// GET /project/search (PageBeanProject). next = startAt + values count when isLast is false or
// nextPage is present (and the page was not empty).
absl::StatusOr<Page<Container>> MapProjectPage(const boost::json::object& page,
                                               std::int64_t requested_start_at,
                                               const std::optional<std::string>& fallback_site);

// One IssueBean. Item.id and meta.key = the issue key; container_id = fields.project.id, else
// `fallback_container`; body = description flattened from ADF when `with_body`. The object becomes
// Item.raw: pass it as an rvalue to move it there rather than copy it.
absl::StatusOr<Item> MapIssue(boost::json::object issue, std::string_view fallback_container,
                              const std::optional<std::string>& fallback_site, bool with_body,
                              std::string_view field_prefix = "");

// GET /search/jql (SearchAndReconcileResults). next = nextPageToken (absent on the last page).
// Each issue object moves into its Item.raw (pass `results` as an rvalue to avoid copies).
absl::StatusOr<Page<Item>> MapIssueSearch(boost::json::object results,
                                          std::string_view fallback_container,
                                          const std::optional<std::string>& fallback_site);

// One Comment: author = author.displayName, text = body flattened from ADF.
absl::StatusOr<Comment> MapComment(const boost::json::object& comment,
                                   std::string_view field_prefix = "");

// GET /issue/{key}/comment (PageOfComments). next = startAt + count when that is below total.
absl::StatusOr<Page<Comment>> MapCommentPage(const boost::json::object& page,
                                             std::int64_t requested_start_at);

// POST /issue (CreatedIssue {id, key, self}) for the NewItem that was sent.
absl::StatusOr<Item> MapCreatedIssue(const boost::json::object& created, const NewItem& item,
                                     const std::optional<std::string>& fallback_site);

}  // namespace ucf::connectors::jira
