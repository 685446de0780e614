#pragma once
// Authentication and tenant resolution for every non-public route (DESIGN.md §4):
//
// - Access::kPublic routes (and unmatched paths) pass untouched.
// - Otherwise `Authorization: Bearer <credential>` is required: missing/invalid → 401
//   `unauthorized` (and counts toward the client's lockout: 429 `rate_limited` + Retry-After
//   after too many failures from one address). The lockout only refuses credentials that are not
//   known good: the admin token and keys this process has seen valid always pass, so a valid
//   credential is never locked out by others failing from the same address.
// - The header phase (Screen, on the network thread, before the body is read or the request is
//   queued) refuses what needs no storage to refuse: a missing or malformed credential (401) and
//   a locked-out address without a known-good credential (429).
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

  std::optional<http::Response> Screen(http::Request& head) const override;
  http::Response Handle(http::Request& request, http::Next next) const override;

 private:
  // The 429 for a locked-out address unless the credential is known good.
  std::optional<http::Response> LockedOut(const http::Request& request,
                                          Authenticator::Triage triage) const;
  Authenticator& authenticator_;
  LoginThrottle& throttle_;
  storage::Database& db_;
};

}  // namespace ucf::auth
