#include "ucf/api/connection_lookup.hpp"

#include "ucf/connections/connection_service.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::api {

absl::StatusOr<std::string> ConnectionForConnector(const connections::ConnectorManager& manager,
                                                   connections::ConnectionService& connections,
                                                   const http::Request& request,
                                                   const std::optional<std::string>& connection_id) {
  std::string connector_id(request.PathParam("id"));
  UCF_RETURN_IF_ERROR(manager.Find(connector_id).status());
  if (connection_id) {
    UCF_ASSIGN_OR_RETURN(auto c, connections.Get(request.context.tenant_id, *connection_id));
    if (c.connector_id != connector_id) {
      return absl::NotFoundError(core::StrCat("connection not found: ", *connection_id));
    }
    return c.id;
  }
  storage::ConnectionFilter filter;
  filter.connector_id = connector_id;
  filter.status = storage::ConnectionStatus::kConnected;
  UCF_ASSIGN_OR_RETURN(auto page, connections.List(request.context.tenant_id, filter, "", 2));
  if (page.items.size() == 1) return page.items.front().id;
  return core::InvalidField("connectionId",
                            page.items.empty()
                                ? core::StrCat("is required: this tenant has no connected ", connector_id, " connection")
                                : core::StrCat("is required: this tenant has several ", connector_id, " connections"));
}

}  // namespace ucf::api
