#pragma once
// Authentication and tenant resolution for every non-public route (DESIGN.md §4):
//
// - Access::kPublic routes (and unmatched paths) pass untouched.
// - Otherwise `Authorization: Bearer <credential>` is required: missing/invalid → 401
//   `unauthorized` (and counts toward the client's lockout: 429 `rate_limited` + Retry-After
//   after too many failures from one address).
// - Access::kAdmin routes need the admin token (a tenant key → 403 `forbidden`).
// - Access::kTenant routes: a tenant key fixes the tenant; X-Tenant-Id and a `workspaceId` query
//   parameter, when sent, must equal it (else 403). The admin token acts on the tenant named by
//   X-Tenant-Id (required; an unknown tenant → 404).
// On success the request context carries tenant_id, actor and is_admin.

#include <string>

#include "ucf/auth/authenticator.hpp"
#include "ucf/auth/login_throttle.hpp"
#include "ucf/http/middleware/middleware.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::auth {

class AuthMiddleware final : public http::Middleware {
 public:
  // All references must outlive the middleware.
  AuthMiddleware(Authenticator& authenticator, LoginThrottle& throttle, storage::Database& db)
      : authenticator_(authenticator), throttle_(throttle), db_(db) {}

  http::Response Handle(http::Request& request, http::Next next) const override;

 private:
  Authenticator& authenticator_;
  LoginThrottle& throttle_;
  storage::Database& db_;
};

}  // namespace ucf::auth
