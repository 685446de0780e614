#include "ucf/api/inline_tenant.hpp"

namespace ucf::api {

std::optional<std::string> InlineTenant(const FreshTenantFn& fresh_tenant, const http::Request& request) {
  if (!fresh_tenant) return std::nullopt;
  std::optional<std::string> tenant = fresh_tenant(request);
  if (!tenant || request.headers.Get("X-Tenant-Id").value_or(*tenant) != *tenant) return std::nullopt;
  return tenant;
}

}  // namespace ucf::api
