#include "ucf/connections/site_choice.hpp"

#include "ucf/connections/status_events.hpp"
#include "ucf/connections/status_transitions.hpp"

#include "ucf/audit/audit_entry.hpp"
#include "ucf/auth/oauth/authorization_flow.hpp"
#include "ucf/auth/oauth/post_connect.hpp"
#include "ucf/catalog/url_template.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connections {

using auth::oauth::UrlParamsFromJson;
using auth::oauth::UrlParamsToJson;
using auth::oauth::ChooseListedSite;

absl::StatusOr<storage::ConnectionRecord> ChooseSite(storage::Database& db,
                                                     const catalog::ProviderCatalog& catalog,
                                                     const audit::Actor& actor,
                                                     std::string_view connection_id,
                                                     std::string_view site) {
  if (site.empty()) return core::InvalidField("site", "is required");
  storage::ConnectionRecord updated;
  UCF_RETURN_IF_ERROR(db.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(storage::ConnectionRecord c, s.connections().Get(actor.tenant_id, connection_id));
    const boost::json::value* sites = c.metadata.if_contains("sites");
    if (c.auth_method != "oauth2" || sites == nullptr || !sites->is_array()) {
      return absl::FailedPreconditionError(
          core::StrCat("connection ", c.id, " has no sites to choose from"));
    }
    UCF_ASSIGN_OR_RETURN(boost::json::object outputs, ChooseListedSite(sites->get_array(), site));
    catalog::UrlParams url_params = UrlParamsFromJson(c.config);
    url_params["site"] = std::string(site);
    storage::ConnectionUpdate update;
    update.config = c.config;
    for (const auto& field : outputs) {
      (*update.config)[field.key()] = field.value();
      url_params[std::string(field.key())] = std::string(field.value().as_string());
    }
    (*update.config)["urlParams"] = UrlParamsToJson(url_params);
    if (const auto* spec = catalog.Find(c.connector_id); spec && !spec->api_base_url.empty()) {
      UCF_ASSIGN_OR_RETURN(std::string base,
                           catalog::ExpandUrlTemplate(spec->api_base_url, url_params));
      (*update.config)["apiBaseUrl"] = base;
    }
    update.status = StatusAfter(c.status, ConnectionEvent::kSiteChosen);
    UCF_ASSIGN_OR_RETURN(updated, s.connections().Update(actor.tenant_id, c.id, update));
    UCF_RETURN_IF_ERROR(RecordStatusChange(s, c.tenant_id, c.id, c.status, updated.status, "", updated.updated_at));
    return s.audit_logs()
        .Append(audit::Entry(actor, "connection.updated", "connection", c.id,
                             {{"siteChosen", outputs["siteName"]}, {"cloudId", outputs["cloudId"]}}))
        .status();
  }));
  return updated;
}

}  // namespace ucf::connections
