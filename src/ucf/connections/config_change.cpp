#include "ucf/connections/config_change.hpp"

#include "ucf/connections/config_write.hpp"
#include "ucf/connections/credential_destination.hpp"
#include "ucf/connectors/config_fields.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connections {
namespace {

// The Basic user of a connection (its declared e-mail credential field), "" when none.
std::string UserOf(const connectors::ConnectorDescription& d, const boost::json::object& config) {
  for (const connectors::FieldSpec& field : d.credential_fields) {
    if (field.type == "email") return connectors::FieldValue(field, config);
  }
  return "";
}

}  // namespace

absl::StatusOr<ConfigChange> PlanConfigChange(const connectors::Connector& connector,
                                              const catalog::ProviderSpec* spec,
                                              const storage::ConnectionRecord& current,
                                              const boost::json::object& requested) {
  ConfigChange out;
  if (current.auth_method == "oauth2") {
    if (!requested.empty()) {
      return core::InvalidField(
          core::StrCat("config.", std::string_view(requested.begin()->key())),
          "is set by the server when an OAuth connection is made (catalog and provider); connect "
          "again to change it");
    }
    out.config = current.config;
    return out;
  }
  const connectors::ConnectorDescription& d = connector.Describe();
  UCF_ASSIGN_OR_RETURN(SplitConfig split, CheckConfigWrite(connector, requested, "config."));
  out.config = std::move(split.plain);
  out.credentials_given = !split.secret.empty();

  storage::ConnectionRecord next = current;
  next.config = out.config;
  out.destination_changed = CredentialDestination(d, spec, current) != CredentialDestination(d, spec, next);
  if (out.credentials_given) {
    out.secret_config = std::move(split.secret);
  } else if (out.destination_changed && !current.secret_config.empty()) {
    out.secret_config = boost::json::object{};
    out.credentials_dropped = true;
  }
  out.needs_check = out.destination_changed || out.credentials_given ||
                    UserOf(d, current.config) != UserOf(d, out.config);
  return out;
}

}  // namespace ucf::connections
