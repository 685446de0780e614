#pragma once
// The Confluence Cloud REST v2 requests the connector makes: paths (always "/wiki/api/v2/…",
// appended to the connection's base URL: the site for API tokens,
// https://api.atlassian.com/ex/confluence/<cloudId> for OAuth), query strings and JSON bodies.
// The spec types space and page ids as integers, so ids must be decimal strings; invalid caller
// input is InvalidArgument naming the field. Pure; thread-safe.

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/resources.hpp"

namespace ucf::connectors::confluence {

inline constexpr std::string_view kProvider = "confluence";
inline constexpr int kMaxPageSize = 250;  // every v2 listing caps `limit` at 250

bool IsNumericId(std::string_view id);
// A plausible space key ("ENG", "~jdoe", "~557058:f5f9…"): not numeric, [A-Za-z0-9_~:.-] only.
bool LooksLikeSpaceKey(std::string_view key);
// `value` must be a decimal id; InvalidArgument naming `field` otherwise (empty: "is required").
absl::Status RequireNumericId(std::string_view field, std::string_view value);

// GET /spaces?limit=&cursor= (cursor only when non-empty).
std::string SpacesPath(int limit, std::string_view cursor);
// GET /spaces?keys=<key>&limit=1
std::string SpaceByKeyPath(std::string_view key);
// GET /spaces/{id}/pages?limit=&cursor=
std::string SpacePagesPath(std::string_view space_id, int limit, std::string_view cursor);
// The sync listing: the space's pages oldest modification first (sort=modified-date). The v2 API
// has no "modified since" filter, so the connector drops older pages after reading them.
std::string SpacePagesByModificationPath(std::string_view space_id, int limit, std::string_view cursor);
// GET /pages?space-id=&title=&limit=&cursor= (v2's only page filter: the exact title).
std::string PagesByTitlePath(std::string_view space_id, std::string_view title, int limit,
                             std::string_view cursor);
// GET /pages/{id}?body-format=storage
std::string PagePath(std::string_view page_id);
// GET /pages/{id}/footer-comments?body-format=storage&limit=&cursor=
std::string FooterCommentsPath(std::string_view page_id, int limit, std::string_view cursor);
std::string CreatePagePath();
std::string CreateFooterCommentPath();

// {"spaceId", "status": "current", "title", "body": {"representation": "storage", "value"}} plus
// "parentId" when item.fields has a numeric "parentId" (the only extra accepted; others are
// InvalidArgument "fields.<name>"). InvalidArgument field "title" when blank.
absl::StatusOr<boost::json::object> CreatePageBody(std::string_view space_id, const NewItem& item);

// {"pageId", "body": {"representation": "storage", "value"}}; InvalidArgument field "text" when
// blank.
absl::StatusOr<boost::json::object> CreateFooterCommentBody(std::string_view page_id,
                                                            std::string_view text);

}  // namespace ucf::connectors::confluence
