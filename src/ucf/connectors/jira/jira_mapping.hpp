#pragma once
// Jira Cloud REST v3 response bodies -> the unified shapes (resources.hpp). Each function takes the
// parsed 2xx body. Every answer the official spec allows is mapped (the spec marks nothing
// required): missing or null lists are empty, optional and nullable fields (assignee, parent,
// accountId, …) map to absent values, and listed objects that cannot be addressed (a project
// without id and key, an issue without key and id, a comment without id) are left out. Only a body
// the spec does not allow is Internal, naming the field path ("jira: response field 'issues[2]'
// is not an object"). Pure; thread-safe.
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

// GET /myself (User): accountId, displayName, emailAddress ("" when absent); extra {accountType,
// timeZone, site?}.
absl::StatusOr<AccountInfo> MapMyself(const boost::json::object& user);

// GET /project/search (PageBeanProject). next = startAt + values count when isLast is false or
// nextPage is present (and the page was not empty).
absl::StatusOr<Page<Container>> MapProjectPage(const boost::json::object& page,
                                               std::int64_t requested_start_at,
                                               const std::optional<std::string>& fallback_site);

// One IssueBean. Item.id = the issue key, else its id, else `fallback_id` (the key or id asked
// for); Internal when there is none. meta.key = the key (absent without one); container_id =
// fields.project.id, else `fallback_container`; body = description flattened from ADF when
// `with_body`. The object becomes Item.raw: pass it as an rvalue to move it rather than copy it.
absl::StatusOr<Item> MapIssue(boost::json::object issue, std::string_view fallback_container,
                              const std::optional<std::string>& fallback_site, bool with_body,
                              std::string_view field_prefix = "", std::string_view fallback_id = "");

// GET /search/jql (SearchAndReconcileResults). next = nextPageToken (absent on the last page).
// Each issue object moves into its Item.raw (pass `results` as an rvalue to avoid copies).
absl::StatusOr<Page<Item>> MapIssueSearch(boost::json::object results,
                                          std::string_view fallback_container,
                                          const std::optional<std::string>& fallback_site);

// One Comment: id ("" when absent), author = author.displayName, text = body flattened from ADF.
absl::StatusOr<Comment> MapComment(const boost::json::object& comment,
                                   std::string_view field_prefix = "");

// GET /issue/{key}/comment (PageOfComments). next = startAt + count when that is below total.
absl::StatusOr<Page<Comment>> MapCommentPage(const boost::json::object& page,
                                             std::int64_t requested_start_at);

// POST /issue (CreatedIssue {id, key, self}) for the NewItem that was sent; Item.id = key, else
// id, else "" (the issue exists; the answer did not say which it is).
absl::StatusOr<Item> MapCreatedIssue(const boost::json::object& created, const NewItem& item,
                                     const std::optional<std::string>& fallback_site);

}  // namespace ucf::connectors::jira
