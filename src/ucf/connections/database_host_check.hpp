#pragma once
// The address policy for customer database hosts: the same refused ranges as HTTP upstreams
// (http/client/address_policy.hpp: loopback, private, link-local, reserved …). Customer databases
// usually sit on private networks, so allowing those is the explicit setting
// UCF_ALLOW_PRIVATE_DATABASES (`allow_private`), separate from UCF_ALLOW_PRIVATE_UPSTREAMS.
//
// The check is called with the host as given and again with every address a name resolves to
// (connectors/sql_session.hpp): an IP literal in a refused range → PermissionDenied naming the
// field "host" and the setting; a name passes here and is judged by its resolved addresses.
// Pure; thread-safe.

#include "ucf/connectors/sql_session.hpp"

namespace ucf::connections {

connectors::HostCheck DatabaseHostCheck(bool allow_private);

}  // namespace ucf::connections
