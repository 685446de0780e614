#pragma once
// Cursor pagination of the Confluence Cloud REST v2 listings (NOTES.md §3): the opaque `cursor`
// of the next page comes back both as `_links.next` in the body (a relative URL such as
// "/wiki/api/v2/spaces?cursor=abc&limit=25", absent on the last page) and in an RFC 8288 `Link`
// response header (`</wiki/api/v2/spaces?cursor=abc>; rel="next", <https://x/wiki>; rel="base"`).
// Pure; thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "boost/json/object.hpp"
#include "ucf/http/headers.hpp"

namespace ucf::connectors::atlassian {

// The target of the first link with relation "next" in one Link header value, else nullopt.
std::optional<std::string> LinkHeaderNext(std::string_view link_header);

// The next page's cursor: the `cursor` query parameter of `_links.next`, else of any Link header's
// rel="next" target; nullopt on the last page (no link, or a link without a non-empty cursor).
std::optional<std::string> NextCursor(const boost::json::object& body,
                                      const http::Headers& headers);

}  // namespace ucf::connectors::atlassian
