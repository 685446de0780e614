#include "ucf/connectors/atlassian/url_parts.hpp"

#include "boost/url/encode.hpp"
#include "boost/url/parse.hpp"
#include "boost/url/rfc/unreserved_chars.hpp"
#include "boost/url/url_view.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::atlassian {
namespace {

boost::urls::string_view Bv(std::string_view s) { return {s.data(), s.size()}; }

std::string Encode(std::string_view s) {
  boost::urls::encoding_opts opts;
  opts.space_as_plus = false;
  return boost::urls::encode(Bv(s), boost::urls::unreserved_chars, opts);
}

}  // namespace

std::string EncodePathSegment(std::string_view segment) {
  // "." and ".." are dot segments: left as they are, a client or server removes them and the id
  // would take a segment away. Encoded, they stay one opaque segment.
  if (segment == ".") return "%2E";
  if (segment == "..") return "%2E%2E";
  if (segment.empty()) return "%20";  // never an empty segment ("a//b")
  return Encode(segment);
}

std::string EncodeQuery(const QueryParams& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    core::StrAppend(&out, out.empty() ? "?" : "&", Encode(key), "=", Encode(value));
  }
  return out;
}

std::optional<std::string> QueryParam(std::string_view url, std::string_view name) {
  auto parsed = boost::urls::parse_uri_reference(Bv(url));
  // An empty query ("…?" or "…?#…") has no parameters; Boost.URL 1.81's params iterator runs off
  // the end on it (found by provider_mapping_fuzz through a Link header), so it is never iterated.
  if (!parsed || parsed->encoded_query().empty()) return std::nullopt;
  boost::urls::encoding_opts opts;
  opts.space_as_plus = false;  // Atlassian cursors are opaque; a literal '+' stays '+'
  for (auto param : parsed->params(opts)) {
    if (param.key == name) return std::string(param.has_value ? param.value : std::string());
  }
  return std::nullopt;
}

namespace {

std::optional<std::string> OriginOf(const boost::urls::url_view& parsed) {
  std::string scheme = core::ToLower(std::string_view(parsed.scheme()));
  if (scheme != "https" && scheme != "http") return std::nullopt;
  if (parsed.encoded_host().empty()) return std::nullopt;
  std::string host = core::ToLower(std::string_view(parsed.encoded_host_and_port()));
  return core::StrCat(scheme, "://", host);
}

}  // namespace

std::optional<std::string> Origin(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(Bv(url));
  if (!parsed) return std::nullopt;
  return OriginOf(*parsed);
}

std::optional<std::string> SiteFromSelf(std::string_view self_url) {
  // A listing's rows share their "scheme://authority": the last one found is kept per thread and
  // reused when the next URL starts with the same text and a '/', so a page of issues costs one
  // URL parse, not one per row (the rest of such a URL is then not validated: it is not used).
  struct Last {
    std::string prefix;  // "scheme://authority" exactly as it appeared
    std::string origin;
  };
  thread_local Last last;
  if (!last.prefix.empty() && self_url.size() > last.prefix.size() && self_url[last.prefix.size()] == '/' &&
      self_url.substr(0, last.prefix.size()) == last.prefix) {
    return last.origin;
  }
  auto parsed = boost::urls::parse_absolute_uri(Bv(self_url));
  if (!parsed) return std::nullopt;
  if (core::EqualsIgnoreCase(std::string_view(parsed->encoded_host()), kOAuthGatewayHost)) {
    return std::nullopt;
  }
  std::optional<std::string> origin = OriginOf(*parsed);
  std::size_t scheme_end = self_url.find("://");
  if (origin && scheme_end != std::string_view::npos) {
    std::size_t authority_end = self_url.find('/', scheme_end + 3);
    if (authority_end != std::string_view::npos) last = Last{std::string(self_url.substr(0, authority_end)), *origin};
  }
  return origin;
}

}  // namespace ucf::connectors::atlassian
