#pragma once
// Tenants (admin), API keys (a tenant's own) and the audit log.
//   GET/POST /api/tenants · GET/POST /api/api-keys · DELETE /api/api-keys/{id} · GET /api/audit-logs

#include "ucf/api/api_deps.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class TenancyHandler {
 public:
  explicit TenancyHandler(const ApiDeps& deps) : deps_(deps) {}

  http::Response ListTenants(http::Request& request) const;
  http::Response CreateTenant(http::Request& request) const;
  http::Response ListApiKeys(http::Request& request) const;
  http::Response CreateApiKey(http::Request& request) const;
  http::Response RevokeApiKey(http::Request& request) const;
  http::Response ListAuditLogs(http::Request& request) const;

 private:
  ApiDeps deps_;
};

}  // namespace ucf::api
