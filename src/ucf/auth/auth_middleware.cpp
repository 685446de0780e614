#include "ucf/auth/auth_middleware.hpp"

#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/error_response.hpp"

namespace ucf::auth {
namespace {

http::Response Forbidden(std::string_view message) {
  return http::ErrorFromStatus(absl::PermissionDeniedError(std::string(message)));
}

http::Response Refused(const absl::Status& status) {
  http::Response r = http::ErrorFromStatus(status);
  if (r.status == 401) r.headers.Set("WWW-Authenticate", "Bearer");
  return r;
}

bool Protected(const http::Request& request) {
  return request.route != nullptr && request.route->access != http::Access::kPublic;
}

std::string_view AuthorizationOf(const http::Request& request) {
  return request.headers.Get("Authorization").value_or("");
}

}  // namespace

std::optional<http::Response> AuthMiddleware::LockedOut(const http::Request& request,
                                                        Authenticator::Triage triage) const {
  if (triage == Authenticator::Triage::kVouched) return std::nullopt;
  std::optional<int> wait = throttle_.RetryAfter(request.context.client_address);
  if (!wait) return std::nullopt;
  return Refused(core::RateLimited("too many failed authentication attempts from this address", *wait));
}

std::optional<http::Response> AuthMiddleware::Screen(http::Request& head) const {
  if (!Protected(head)) return std::nullopt;
  Authenticator::Triage triage = authenticator_.Screen(AuthorizationOf(head));
  if (auto locked = LockedOut(head, triage)) return locked;
  if (triage != Authenticator::Triage::kRefused) return std::nullopt;
  throttle_.RecordFailure(head.context.client_address);
  return Refused(Denied());
}

http::Response AuthMiddleware::Handle(http::Request& request, http::Next next) const {
  if (!Protected(request)) return next(request);
  auto& ctx = request.context;
  if (auto locked = LockedOut(request, authenticator_.Screen(AuthorizationOf(request)))) return *locked;
  auto principal = authenticator_.Authenticate(AuthorizationOf(request));
  if (!principal.ok()) {
    if (principal.status().code() == absl::StatusCode::kUnauthenticated) {
      throttle_.RecordFailure(ctx.client_address);
    }
    return Refused(principal.status());
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
  ctx.read_only = principal->read_only;
  return next(request);
}

}  // namespace ucf::auth
