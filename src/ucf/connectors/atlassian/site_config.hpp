#pragma once
// The connection forms shared by the Atlassian Cloud connectors and the check of the site URL.
//   config:       baseUrl (url, optional) - the site, e.g. https://acme.atlassian.net. API-token
//                 connections need it (the framework's api_key connect requires it); OAuth
//                 connections reach the site through
//                 https://api.atlassian.com/ex/<product>/<cloudId>.
//   credentials:  email (email) + apiKey (secret, an Atlassian API token), sent as Basic auth.
//                The original's spellings are accepted: base_url/siteUrl/site_url, api_email/
//                username, api_key/apiToken/api_token/token/password (config_fields.hpp).
// ValidateSiteConfig: baseUrl (or an alias), when present and not null, must be a string holding
// an absolute https URL (http only for localhost / 127.0.0.1 / [::1], for local mocks) that is the
// site root: no user info, path other than "/", query or fragment. InvalidArgument naming the key.
// Pure; thread-safe.

#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/connector.hpp"

namespace ucf::connectors::atlassian {

inline constexpr std::string_view kBaseUrlField = "baseUrl";

// `product` words the help text ("Jira", "Confluence").
std::vector<FieldSpec> SiteConfigFields(std::string_view product);
std::vector<FieldSpec> ApiTokenCredentialFields();

absl::Status ValidateSiteConfig(const boost::json::object& config);
// The same check of one site URL sent under `key`.
absl::Status ValidateSiteUrl(std::string_view key, std::string_view text);

}  // namespace ucf::connectors::atlassian
