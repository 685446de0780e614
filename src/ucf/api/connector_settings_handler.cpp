#include "ucf/api/connector_settings_handler.hpp"

#include "boost/json/value_from.hpp"
#include "boost/json/array.hpp"
#include "ucf/api/request_support.hpp"
#include "ucf/connections/connector_settings_service.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/core/json_fields.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/http/error_response.hpp"

namespace ucf::api {
namespace {

using Result = absl::StatusOr<boost::json::value>;

boost::json::object SettingsJson(const storage::ConnectorSettingsRecord& s) {
  return {{"id", s.connector_id},
          {"extra_details", s.extra_details},
          {"extraDetails", s.extra_details},
          {"oauthClientId", s.oauth_client_id ? boost::json::value(*s.oauth_client_id)
                                              : boost::json::value(nullptr)},
          {"oauthClientSecretSet", s.oauth_client_secret.has_value()},
          {"scopes", boost::json::value_from(s.scopes)},
          {"extra", s.extra}};
}

}  // namespace

ApiResult ConnectorSettingsHandler::Patch(http::Request& request) const {
  std::string connector(request.PathParam("id"));
  UCF_RETURN_IF_ERROR(deps_.catalog->Get(connector).status());
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  connections::SettingsPatch patch;
  UCF_ASSIGN_OR_RETURN(patch.extra_details, core::OptionalBool(body, "extraDetails"));
  UCF_ASSIGN_OR_RETURN(patch.oauth_client_id, core::OptionalString(body, "oauthClientId"));
  UCF_ASSIGN_OR_RETURN(patch.oauth_client_secret,
                       core::OptionalString(body, "oauthClientSecret"));
  if (body.contains("scopes")) {
    UCF_ASSIGN_OR_RETURN(patch.scopes, core::OptionalStringArray(body, "scopes"));
  }
  if (body.contains("extra")) {
    UCF_ASSIGN_OR_RETURN(patch.extra, core::OptionalObject(body, "extra"));
  }
  UCF_ASSIGN_OR_RETURN(auto saved, deps_.settings->Update(ActorOf(request), connector, patch));
  return SettingsJson(saved);
}

ApiResult ConnectorSettingsHandler::Get(http::Request& request) const {
  std::string connector(request.PathParam("id"));
  UCF_RETURN_IF_ERROR(deps_.catalog->Get(connector).status());
  UCF_ASSIGN_OR_RETURN(auto settings, deps_.settings->Get(request.context.tenant_id, connector));
  return SettingsJson(settings);
}

}  // namespace ucf::api
