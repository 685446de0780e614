#pragma once
// Tenants (admin), API keys (a tenant's own) and the audit log.
//   GET/POST /api/tenants · GET/POST /api/api-keys · DELETE /api/api-keys/{id} · GET /api/audit-logs

#include "ucf/api/api_deps.hpp"
#include "ucf/api/api_result.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class TenancyHandler {
 public:
  // What the handler uses (and nothing else); all must outlive it. The route-table test builds
  // handlers without services and never calls them.
  struct Services {
    storage::Database* db = nullptr;
    auth::TenantService* tenants = nullptr;
    auth::ApiKeyService* api_keys = nullptr;
  };

  explicit TenancyHandler(Services services) : deps_(std::move(services)) {}

  ApiResult ListTenants(http::Request& request) const;
  ApiResult CreateTenant(http::Request& request) const;
  ApiResult ListApiKeys(http::Request& request) const;
  ApiResult CreateApiKey(http::Request& request) const;
  ApiResult RevokeApiKey(http::Request& request) const;
  ApiResult ListAuditLogs(http::Request& request) const;

 private:
  Services deps_;
};

}  // namespace ucf::api
