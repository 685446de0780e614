#include "ucf/connections/credential_destination.hpp"

#include "ucf/auth/oauth/authorization_flow.hpp"
#include "ucf/catalog/url_template.hpp"
#include "ucf/connectors/config_fields.hpp"

namespace ucf::connections {
namespace {

// Template values as the connect flow used them: URL parameters, then the outputs and kept
// fields the server stored at the top level of the config.
catalog::UrlParams StoredTemplateValues(const boost::json::object& config) {
  catalog::UrlParams values = auth::oauth::UrlParamsFromJson(config);
  for (const auto& field : config) {
    if (field.value().is_string()) values[std::string(field.key())] = std::string(field.value().get_string());
  }
  return values;
}

}  // namespace

std::string CredentialDestination(const connectors::ConnectorDescription& connector,
                                  const catalog::ProviderSpec* spec,
                                  const storage::ConnectionRecord& connection) {
  if (connection.auth_method == "oauth2") {
    if (spec == nullptr || spec->api_base_url.empty()) return "";
    auto base = catalog::ExpandUrlTemplate(spec->api_base_url,
                                                       StoredTemplateValues(connection.config));
    return base.ok() ? *base : "";
  }
  std::string site = connectors::FieldValue(connector, "baseUrl", connection.config);
  if (site.empty() && spec != nullptr && spec->api_base_url.find('{') == std::string::npos) {
    site = spec->api_base_url;
  }
  // Non-URL destinations (a database's host, port, name, user) are the declared destination fields.
  for (const connectors::FieldSpec& field : connector.config_fields) {
    if (field.destination) site += "\n" + field.name + "=" + connectors::FieldValue(field, connection.config);
  }
  return site;
}

}  // namespace ucf::connections
