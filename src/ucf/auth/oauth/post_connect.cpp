#include "ucf/auth/oauth/post_connect.hpp"

#include "boost/json/parse.hpp"
#include "boost/url/parse.hpp"
#include "ucf/catalog/url_template.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/client/upstream_error.hpp"

namespace ucf::auth::oauth {
namespace {

using catalog::PostConnectStep;
using catalog::ProviderSpec;
using catalog::UrlParams;

struct Site {
  std::string id, name, url;
};

std::string Str(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

std::string HostOf(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(boost::urls::string_view(url.data(), url.size()));
  if (!parsed) return "";
  return core::ToLower(std::string_view(parsed->encoded_host()));
}

bool SiteMatches(const Site& site, std::string_view wanted) {
  std::string w = core::ToLower(wanted);
  std::string host = HostOf(site.url);
  return w == host || core::StrCat(w, ".atlassian.net") == host || w == core::ToLower(site.name) ||
         w == core::ToLower(site.id);
}

absl::StatusOr<std::vector<Site>> ReadSites(const http::UpstreamResponse& response,
                                            const ProviderSpec& spec, const PostConnectStep& step) {
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(response.body, ec);
  if (ec || !doc.is_array()) {
    return absl::UnavailableError(
        core::StrCat(spec.display_name, " returned an unreadable list of accessible sites"));
  }
  std::vector<Site> sites;
  for (const boost::json::value& v : doc.as_array()) {
    if (!v.is_object()) continue;
    const boost::json::object& o = v.as_object();
    Site site{Str(o, "id"), Str(o, "name"), Str(o, "url")};
    if (site.id.empty()) continue;
    if (!step.scope_contains.empty()) {
      auto scopes = o.find("scopes");
      if (scopes != o.end() && scopes->value().is_array()) {
        bool relevant = false;
        for (const auto& s : scopes->value().as_array()) {
          if (s.is_string() &&
              core::Contains(std::string_view(s.as_string()), step.scope_contains)) {
            relevant = true;
          }
        }
        if (!relevant) continue;
      }
    }
    sites.push_back(std::move(site));
  }
  return sites;
}

absl::Status RunAtlassianResources(http::HttpClient& http, const ProviderSpec& spec,
                                   const PostConnectStep& step, const UrlParams& url_params,
                                   std::string_view access_token, const core::Clock& clock,
                                   PostConnectResult& result) {
  UCF_ASSIGN_OR_RETURN(std::string url,
                       catalog::ExpandUrlTemplate(step.url, url_params));
  http::UpstreamRequest request;
  request.url = url;
  request.headers.Set("Authorization", core::StrCat("Bearer ", access_token));
  request.headers.Set("Accept", "application/json");
  request.timeout = std::chrono::seconds(15);
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response, http.Send(request));
  UCF_RETURN_IF_ERROR(http::StatusFromUpstream(response, spec.display_name, clock.Now()));
  UCF_ASSIGN_OR_RETURN(std::vector<Site> sites, ReadSites(response, spec, step));
  if (sites.empty()) {
    return absl::FailedPreconditionError(
        core::StrCat(spec.display_name, ": the account can reach no site with the granted scopes"));
  }
  const Site* chosen = &sites.front();
  auto wanted = url_params.find("site");
  bool named = wanted != url_params.end() && !wanted->second.empty();
  if (sites.size() > 1 && !named) {
    boost::json::array list;
    for (const Site& s : sites) {
      list.push_back(boost::json::object{{"id", s.id}, {"name", s.name}, {"url", s.url}});
    }
    result.metadata["sites"] = std::move(list);
    result.site_choice_required = true;
    return absl::OkStatus();
  }
  if (named) {
    chosen = nullptr;
    std::vector<std::string> names;
    for (const Site& s : sites) {
      names.push_back(HostOf(s.url).empty() ? s.name : HostOf(s.url));
      if (chosen == nullptr && SiteMatches(s, wanted->second)) chosen = &s;
    }
    if (chosen == nullptr) {
      return core::InvalidField(
          "urlParams.site",
          core::StrCat("is not among the sites this account can reach: ", core::Join(names, ", ")));
    }
  }
  result.outputs["cloudId"] = chosen->id;
  result.outputs["siteUrl"] = chosen->url;
  result.outputs["siteName"] = chosen->name;
  if (sites.size() > 1) {
    boost::json::array list;
    for (const Site& s : sites) {
      list.push_back(boost::json::object{{"id", s.id}, {"name", s.name}, {"url", s.url}});
    }
    result.metadata["sites"] = std::move(list);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<boost::json::object> ChooseListedSite(const boost::json::array& sites,
                                                     std::string_view wanted) {
  std::vector<std::string> names;
  for (const boost::json::value& v : sites) {
    if (!v.is_object()) continue;
    Site site{Str(v.as_object(), "id"), Str(v.as_object(), "name"), Str(v.as_object(), "url")};
    names.push_back(HostOf(site.url).empty() ? site.name : HostOf(site.url));
    if (!wanted.empty() && SiteMatches(site, wanted)) {
      return boost::json::object{{"cloudId", site.id}, {"siteUrl", site.url}, {"siteName", site.name}};
    }
  }
  return core::InvalidField("site", core::StrCat("must be one of the sites this account can reach: ",
                                                 core::Join(names, ", ")));
}

absl::StatusOr<PostConnectResult> RunPostConnect(http::HttpClient& http, const ProviderSpec& spec,
                                                 const UrlParams& url_params,
                                                 std::string_view access_token,
                                                 const core::Clock& clock) {
  PostConnectResult result;
  for (const PostConnectStep& step : spec.post_connect) {
    if (step.type == "atlassian_accessible_resources") {
      UCF_RETURN_IF_ERROR(
          RunAtlassianResources(http, spec, step, url_params, access_token, clock, result));
    } else {
      return absl::InternalError(core::StrCat("unknown post-connect step ", step.type));
    }
  }
  return result;
}

}  // namespace ucf::auth::oauth
