#include "ucf/connectors/atlassian/site_config.hpp"

#include "boost/url/parse.hpp"
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
          .example = "jane@acme.com"},
      FieldSpec{.name = "apiKey",
                .label = "API token",
                .type = "secret",
                .required = true,
                .description = "An Atlassian API token (id.atlassian.com > Security > API tokens).",
                .example = ""},
  };
}

absl::Status ValidateSiteConfig(const boost::json::object& config) {
  const boost::json::value* v = config.if_contains(kBaseUrlField);
  if (v == nullptr || v->is_null()) return absl::OkStatus();
  if (!v->is_string()) return core::InvalidField(kBaseUrlField, "must be a string");
  std::string_view text(v->as_string());
  if (text.empty()) return core::InvalidField(kBaseUrlField, "must not be empty");
  auto parsed = boost::urls::parse_absolute_uri(boost::urls::string_view(text.data(), text.size()));
  if (!parsed || parsed->encoded_host().empty()) {
    return core::InvalidField(kBaseUrlField,
                              "must be an absolute URL, e.g. https://acme.atlassian.net");
  }
  std::string scheme = core::ToLower(std::string_view(parsed->scheme()));
  std::string host = core::ToLower(std::string_view(parsed->encoded_host()));
  bool local = host == "localhost" || host == "127.0.0.1" || host == "[::1]";
  if (scheme != "https" && !(scheme == "http" && local)) {
    return core::InvalidField(kBaseUrlField, "must use https");
  }
  if (parsed->has_userinfo())
    return core::InvalidField(kBaseUrlField, "must not contain credentials");
  std::string_view path(parsed->encoded_path());
  if (!path.empty() && path != "/") {
    return core::InvalidField(
        kBaseUrlField, "must be the site root without a path, e.g. https://acme.atlassian.net");
  }
  if (parsed->has_query() || parsed->has_fragment()) {
    return core::InvalidField(kBaseUrlField, "must not have a query or fragment");
  }
  return absl::OkStatus();
}

}  // namespace ucf::connectors::atlassian
