#pragma once
// URL pieces the Atlassian connectors build and read. Pure; thread-safe.
//
//   EncodePathSegment("A B/1") == "A%20B%2F1"   (everything but RFC 3986 unreserved is encoded;
//   the dot segments "." / ".." become "%2E" / "%2E%2E", so no value adds or removes a segment;
//   ids are also validated before they get here: request_args.hpp)
//   EncodeQuery({{"jql", "a = \"b\""}}) == "?jql=a%20%3D%20%22b%22"   ("" for no params)
//   QueryParam("/wiki/api/v2/spaces?cursor=a%2Bb&limit=2", "cursor") == "a+b"
//   SiteFromSelf("https://acme.atlassian.net/rest/api/3/issue/1") == "https://acme.atlassian.net"
//   SiteFromSelf("https://api.atlassian.com/ex/jira/<cloudId>/rest/...") == nullopt (the OAuth
//   gateway does not name the site)

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ucf::connectors::atlassian {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

std::string EncodePathSegment(std::string_view segment);

// "?k=v&…" in the given order, keys and values percent-encoded (space as %20); "" when empty.
std::string EncodeQuery(const QueryParams& params);

// The decoded value of the first query parameter `name` of an absolute URL or a relative
// reference; nullopt when absent or when `url` does not parse.
std::optional<std::string> QueryParam(std::string_view url, std::string_view name);

// "scheme://host[:port]" (lower-case scheme and host) of an absolute http(s) URL, else nullopt.
std::optional<std::string> Origin(std::string_view url);

inline constexpr std::string_view kOAuthGatewayHost = "api.atlassian.com";

// The site origin of a REST `self` URL, nullopt when it is on the OAuth gateway or not absolute.
std::optional<std::string> SiteFromSelf(std::string_view self_url);

}  // namespace ucf::connectors::atlassian
