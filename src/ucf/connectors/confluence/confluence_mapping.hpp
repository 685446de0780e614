#pragma once
// Confluence Cloud REST v2 response bodies -> the unified shapes (resources.hpp). Each function
// takes the parsed 2xx body (and, for listings, the response headers carrying the Link header).
// Every answer the official spec allows is mapped (its schemas require no property at all):
// a missing or null `results` is an empty listing, listed objects without `id` (which cannot be
// addressed) are left out, optional and nullable fields map to absent values. Only a body the spec
// does not allow is Internal, naming the field path ("confluence: response field 'results[3]' is
// not an object"). Pure; thread-safe.
//
// Web links: `_links.webui` is relative to the site's "/wiki" base, given as `_links.base` in the
// listing body (or in the object itself for single-object answers); `fallback_base` is used when
// the body has none (the connection's site + "/wiki", unknown behind the OAuth gateway).
// Listing `next` is the cursor of `_links.next` or of the Link header (atlassian/cursor.hpp).

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/connector.hpp"
#include "ucf/connectors/resources.hpp"
#include "ucf/http/headers.hpp"

namespace ucf::connectors::confluence {

// GET /spaces?limit=1 proves the credentials but names no user (v2 has no "current user"
// operation): AccountInfo is empty except extra {"site"} when `_links.base` is known.
absl::StatusOr<AccountInfo> MapCredentialCheck(const boost::json::object& spaces);

// GET /spaces: Container{id, label = name, type, meta {key, status, url}}.
absl::StatusOr<Page<Container>> MapSpacePage(const boost::json::object& body,
                                             const http::Headers& headers,
                                             const std::optional<std::string>& fallback_base);

// The id of the first space of GET /spaces?keys=…, nullopt when there is none or it has no id.
absl::StatusOr<std::optional<std::string>> MapSpaceIdByKey(const boost::json::object& body);

// One page (PageBulk / PageSingle): Item{id (else `fallback_id`: the id asked for, or "" for a
// page just created whose answer names none), name = title, container_id = spaceId (else
// `fallback_space`), meta {status, url, author = authorId, created = createdAt, updated =
// version.createdAt, parentId, version = version.number}}; body = body.storage.value when
// `with_body` ("" when absent).
absl::StatusOr<Item> MapPage(const boost::json::object& page, std::string_view fallback_space,
                             const std::optional<std::string>& base, bool with_body,
                             std::string_view fallback_id = "");

// GET /spaces/{id}/pages or /pages?space-id=…
absl::StatusOr<Page<Item>> MapPageList(const boost::json::object& body,
                                       const http::Headers& headers,
                                       std::string_view fallback_space,
                                       const std::optional<std::string>& fallback_base);

// One footer comment: Comment{id ("" when absent), author = version.authorId, text = body.storage.value as plain
// text, created = updated = version.createdAt (v2 comments carry only their latest version's
// time)}.
absl::StatusOr<Comment> MapFooterComment(const boost::json::object& comment);

// GET /pages/{id}/footer-comments
absl::StatusOr<Page<Comment>> MapFooterCommentPage(const boost::json::object& body,
                                                   const http::Headers& headers);

// The `_links.base` of a body, if any.
std::optional<std::string> LinksBase(const boost::json::object& body);

}  // namespace ucf::connectors::confluence
