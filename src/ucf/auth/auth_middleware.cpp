#include "ucf/auth/auth_middleware.hpp"

#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/error_response.hpp"

namespace ucf::auth {
namespace {

http::Response Forbidden(std::string_view message) {
  return http::ErrorFromStatus(absl::PermissionDeniedError(std::string(message)));
}

}  // namespace

http::Response AuthMiddleware::Handle(http::Request& request, http::Next next) const {
  if (request.route == nullptr || request.route->access == http::Access::kPublic) {
    return next(request);
  }
  auto& ctx = request.context;
  if (auto wait = throttle_.RetryAfter(ctx.client_address)) {
    return http::ErrorFromStatus(
        core::RateLimited("too many failed authentication attempts from this address", *wait));
  }
  auto principal = authenticator_.Authenticate(request.headers.Get("Authorization").value_or(""));
  if (!principal.ok()) {
    if (principal.status().code() == absl::StatusCode::kUnauthenticated) {
      throttle_.RecordFailure(ctx.client_address);
    }
    http::Response r = http::ErrorFromStatus(principal.status());
    if (r.status == 401) r.headers.Set("WWW-Authenticate", "Bearer");
    return r;
  }
  std::string header_tenant(request.headers.Get("X-Tenant-Id").value_or(""));
  if (request.route->access == http::Access::kAdmin) {
    if (!principal->is_admin()) return Forbidden("this route needs the admin token");
    ctx.actor = "admin";
    ctx.is_admin = true;
    ctx.tenant_id = header_tenant;
    return next(request);
  }

  std::string tenant;
  if (principal->is_admin()) {
    if (header_tenant.empty()) {
      return http::ErrorFromStatus(
          core::InvalidField("X-Tenant-Id", "the admin token must name the tenant to act on"));
    }
    absl::Status exists = db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) {
      return s.tenants().Get(header_tenant).status();
    });
    if (!exists.ok()) return http::ErrorFromStatus(exists);
    tenant = header_tenant;
  } else {
    tenant = principal->tenant_id;
    if (!header_tenant.empty() && header_tenant != tenant) {
      return Forbidden("X-Tenant-Id does not match the API key's tenant");
    }
  }
  if (auto workspace = request.Query("workspaceId"); workspace && !workspace->empty() &&
                                                     *workspace != tenant) {
    return Forbidden("workspaceId does not match the API key's tenant");
  }
  ctx.tenant_id = tenant;
  ctx.actor = principal->actor();
  ctx.is_admin = principal->is_admin();
  return next(request);
}

}  // namespace ucf::auth
