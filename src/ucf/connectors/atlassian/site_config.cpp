#include "ucf/connectors/atlassian/site_config.hpp"

#include "boost/url/parse.hpp"
#include "ucf/connectors/config_fields.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::atlassian {

std::vector<FieldSpec> SiteConfigFields(std::string_view product) {
  return {FieldSpec{
      .name = std::string(kBaseUrlField),
      .label = "Site URL",
      .type = "url",
      .required = false,
      .description = core::StrCat("Your Atlassian site (", product,
                                  " Cloud). Required for API-token connections."),
      .example = "https://acme.atlassian.net",
      .aliases = BaseUrlAliases(),
  }};
}

std::vector<FieldSpec> ApiTokenCredentialFields() {
  return {
      FieldSpec{
          .name = "email",
          .label = "Account email",
          .type = "email",
          .required = true,
          .description = "The email address of the Atlassian account the API token belongs to.",
          .example = "jane@acme.com",
          .aliases = EmailAliases()},
      FieldSpec{.name = "apiKey",
                .label = "API token",
                .type = "secret",
                .required = true,
                .description = "An Atlassian API token (id.atlassian.com > Security > API tokens).",
                .example = "",
                .aliases = ApiKeyAliases()},
  };
}

absl::Status ValidateSiteConfig(const boost::json::object& config) {
  std::vector<std::string> keys = BaseUrlAliases();
  keys.insert(keys.begin(), std::string(kBaseUrlField));
  for (const std::string& key : keys) {
    const boost::json::value* v = config.if_contains(key);
    if (v == nullptr || v->is_null()) continue;
    if (!v->is_string()) return core::InvalidField(key, "must be a string");
    absl::Status site = ValidateSiteUrl(key, v->get_string());
    if (!site.ok()) return site;
  }
  return absl::OkStatus();
}

absl::Status ValidateSiteUrl(std::string_view key, std::string_view text) {
  if (text.empty()) return core::InvalidField(key, "must not be empty");
  auto parsed = boost::urls::parse_absolute_uri(boost::urls::string_view(text.data(), text.size()));
  if (!parsed || parsed->encoded_host().empty()) {
    return core::InvalidField(key,
                              "must be an absolute URL, e.g. https://acme.atlassian.net");
  }
  std::string scheme = core::ToLower(std::string_view(parsed->scheme()));
  std::string host = core::ToLower(std::string_view(parsed->encoded_host()));
  bool local = host == "localhost" || host == "127.0.0.1" || host == "[::1]";
  if (scheme != "https" && !(scheme == "http" && local)) {
    return core::InvalidField(key, "must use https");
  }
  if (parsed->has_userinfo())
    return core::InvalidField(key, "must not contain credentials");
  std::string_view path(parsed->encoded_path());
  if (!path.empty() && path != "/") {
    return core::InvalidField(
        key, "must be the site root without a path, e.g. https://acme.atlassian.net");
  }
  if (parsed->has_query() || parsed->has_fragment()) {
    return core::InvalidField(key, "must not have a query or fragment");
  }
  return absl::OkStatus();
}

}  // namespace ucf::connectors::atlassian
