#pragma once
// Who is acting, for authorization decisions and audit entries: the tenant the action belongs
// to, the actor (an API key id, "admin" or "system"), and where the request came from.

#include <string>

namespace ucf::audit {

struct Actor {
  std::string tenant_id;
  std::string actor;           // api key id, "admin", or "system"
  std::string request_id;      // empty for background work
  std::string client_address;  // empty for background work

  static Actor System(std::string tenant_id) { return {std::move(tenant_id), "system", "", ""}; }
};

}  // namespace ucf::audit
