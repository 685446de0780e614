#pragma once
// OAuthCompletion: turns a redeemed OAuth authorization (auth/oauth/authorization_flow.hpp) into
// a saved connection. The protocol module only redeems codes; this file decides what the
// connection becomes:
//   - config: the URL parameters, the post-connect outputs (cloudId, siteUrl, …) and the token
//     response fields the catalog keeps; apiBaseUrl is expanded from the CATALOG's template with
//     them — the only way an OAuth connection's API base is ever set (a later edit cannot);
//   - status: connected, or pending when the account reaches several sites and none was named
//     (the metadata lists them; ChooseSite in site_choice.hpp finishes it);
//   - connection + token + audit entries in one transaction (connection_writer.hpp).
// Nothing is stored when any step fails. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/auth/oauth/authorization_flow.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/connection_record.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::connections {

// The outcome of a completed flow. Token values are deliberately absent (see the token store).
struct CompletedAuthorization {
  storage::ConnectionRecord connection;  // status "connected" (or "pending", see below)
  bool created = false;                  // false: an existing connection was reconnected
  std::int64_t token_version = 0;
  std::optional<core::TimePoint> token_expires_at;
  std::vector<std::string> scopes;  // granted (or, when the provider did not say, requested)
  bool has_refresh_token = false;
  // The account reaches several sites and none was named: the connection is pending and
  // connection.metadata["sites"] lists the choices (see ChooseSite in site_choice.hpp).
  bool site_choice_required = false;
};

class OAuthCompletion {
 public:
  // References must outlive this object.
  OAuthCompletion(storage::Database& db, auth::oauth::AuthorizationFlow& flow)
      : db_(db), flow_(flow) {}

  // The API callback (POST /api/connectors/{id}/connect/callback {code, state}). Errors as
  // AuthorizationFlow::Redeem, plus the stores' and InvalidArgument when the catalog's
  // apiBaseUrl template cannot be filled.
  absl::StatusOr<CompletedAuthorization> Complete(const audit::Actor& actor,
                                                  std::string_view connector_id,
                                                  std::string_view code, std::string_view state);

  // The browser redirect (GET /oauth/callback). Errors as AuthorizationFlow::RedeemRedirect.
  absl::StatusOr<CompletedAuthorization> CompleteRedirect(
      const auth::oauth::RedirectParams& params);

 private:
  absl::StatusOr<CompletedAuthorization> Save(const auth::oauth::AuthorizationGrant& grant);

  storage::Database& db_;
  auth::oauth::AuthorizationFlow& flow_;
};

}  // namespace ucf::connections
