#pragma once
// The connection a connector-scoped route of the original API acts on: the given connectionId
// (which must be of that connector in this tenant, else NotFound), or the tenant's only connected
// connection of the connector (InvalidArgument naming connectionId when there are none or several).

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "ucf/api/api_deps.hpp"
#include "ucf/http/request.hpp"

namespace ucf::api {

absl::StatusOr<std::string> ConnectionForConnector(const connections::ConnectorManager& manager,
                                                   connections::ConnectionService& connections,
                                                   const http::Request& request,
                                                   const std::optional<std::string>& connection_id);

}  // namespace ucf::api
