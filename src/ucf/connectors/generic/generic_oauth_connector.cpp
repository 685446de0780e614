#include "ucf/connectors/generic/generic_oauth_connector.hpp"

#include <algorithm>

#include "boost/json/parse.hpp"
#include "ucf/connectors/config_fields.hpp"
#include "ucf/core/status_macros.hpp"

namespace ucf::connectors {
namespace {

std::string Claim(const boost::json::object& o, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    const boost::json::value* v = o.if_contains(key);
    if (v && v->is_string()) return std::string(v->get_string());
    if (v && v->is_int64()) return std::to_string(v->get_int64());
  }
  return "";
}

class GenericOAuthConnector final : public HttpConnector {
 public:
  explicit GenericOAuthConnector(const catalog::ProviderSpec& spec) {
    description_.id = spec.id;
    description_.name = spec.display_name.empty() ? spec.id : spec.display_name;
    description_.group = "saas";
    description_.description = spec.description;
    if (spec.oauth) {
      if (spec.oauth->userinfo_url && spec.oauth->userinfo_url->find('{') == std::string::npos) {
        check_url_ = *spec.oauth->userinfo_url;
      }
    }
    for (const auto& param : spec.url_params) {
      description_.config_fields.push_back(
          {param.name, param.name, "string", param.required, param.description, param.example});
    }
    if (!spec.SupportsAuthMethod("oauth2")) {
      description_.config_fields.push_back({"baseUrl", "API base URL", "url", true, "", "", BaseUrlAliases()});
    }
    // Typed-in credentials (api_key, basic, personal_token) go to the catalog's API base.
    if (std::any_of(spec.auth_methods.begin(), spec.auth_methods.end(),
                    [](const std::string& m) { return m != "oauth2"; })) {
      description_.credential_fields.push_back(
          {"apiKey", "API key or token", "secret", true, "", "", ApiKeyAliases()});
    }
  }

  const ConnectorDescription& Describe() const override { return description_; }

  absl::StatusOr<AccountInfo> CheckCredentials(ApiClient& api) const override {
    std::string target = check_url_.empty() ? std::string(api.BaseUrl()) : check_url_;
    UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response, api.Send("GET", target, {}, {}));
    AccountInfo account;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(response.body, ec);
    if (!ec && v.is_object()) {
      const auto& o = v.get_object();
      account.account_id = Claim(o, {"sub", "id", "user_id", "account_id"});
      account.display_name = Claim(o, {"name", "login", "preferred_username", "display_name"});
      account.email = Claim(o, {"email"});
    }
    return account;
  }

 private:
  ConnectorDescription description_;
  std::string check_url_;
};

}  // namespace

std::unique_ptr<Connector> MakeGenericOAuthConnector(const catalog::ProviderSpec& spec) {
  return std::make_unique<GenericOAuthConnector>(spec);
}

}  // namespace ucf::connectors
