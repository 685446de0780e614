#pragma once
// Post-connect steps of the provider catalog, run once with a fresh access token after the code
// exchange and before the connection is saved.
//
// "atlassian_accessible_resources": GET the step's URL (Atlassian's accessible-resources) with
// the token; keep the sites whose scopes mention the step's scopeContains; choose the one named
// by the "site" URL parameter (matched against the site's host, its host without
// ".atlassian.net", its name or its id, case-insensitively), else the only one. Outputs {cloudId,
// siteUrl, siteName}; when several sites qualify, metadata {"sites": [{id, name, url}]} lists
// them, and when none was named the result has NO outputs and site_choice_required: the
// connection is saved pending until the user picks one (ChooseListedSite) — never silently the
// first.

#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/catalog/provider_spec.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/http/client/http_client.hpp"

namespace ucf::auth::oauth {

struct PostConnectResult {
  boost::json::object outputs;   // values for the apiBaseUrl template and the connection config
  boost::json::object metadata;  // informational, stored in the connection metadata
  bool site_choice_required = false;
};

// The outputs {cloudId, siteUrl, siteName} for `wanted` among `sites` (metadata "sites" as
// written above). InvalidArgument (field "site") naming the choices when none matches.
absl::StatusOr<boost::json::object> ChooseListedSite(const boost::json::array& sites,
                                                     std::string_view wanted);

// Runs every post-connect step of `spec`. Errors: the provider's HTTP errors
// (StatusFromUpstream), Unavailable for an unreadable answer, FailedPrecondition "<Provider>:
// the account can reach no site with the granted scopes" when no site qualifies,
// InvalidArgument (field urlParams.site) when the chosen site is not among them (the message
// lists the ones that are). Thread-safe when `http` is.
absl::StatusOr<PostConnectResult> RunPostConnect(http::HttpClient& http,
                                                 const catalog::ProviderSpec& spec,
                                                 const catalog::UrlParams& url_params,
                                                 std::string_view access_token,
                                                 const core::Clock& clock);

}  // namespace ucf::auth::oauth
