#pragma once
// The OAuth app (client) a tenant uses with a provider, and where it comes from.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/catalog/provider_spec.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/session.hpp"

namespace ucf::auth::oauth {

// Client credentials for the token and revocation endpoints.
struct OAuthClient {
  std::string client_id;
  std::string client_secret;  // SECRET; empty for a public client (then only client_id is sent)
};

// What AuthorizationFlow::Start needs besides the provider.
struct OAuthClientSettings {
  std::string client_id;
  std::string client_secret;        // SECRET; not used by Start (the exchange resolves it again)
  std::vector<std::string> scopes;  // requested scopes; empty → the provider's default scopes
  std::string redirect_uri;         // where the provider sends the browser back (required)
};

// Finds a tenant's OAuth client for a provider inside an open transaction. Errors are returned
// to the caller as they are (FailedPrecondition when nothing is configured is the convention).
// Must be thread-safe (it is called from many request threads).
using OAuthClientResolver =
    std::function<absl::StatusOr<OAuthClient>(storage::Session& session, std::string_view tenant_id,
                                              const catalog::ProviderSpec&)>;

// The default resolver: the tenant's connector settings (PATCH /api/connectors/{id}
// oauthClientId / oauthClientSecret). FailedPrecondition "connector <id> has no OAuth client
// configured for this tenant; set oauthClientId and oauthClientSecret with PATCH
// /api/connectors/<id>" when no client id is stored.
absl::StatusOr<OAuthClient> ClientFromConnectorSettings(
    storage::Session& session, std::string_view tenant_id,
    const catalog::ProviderSpec& spec);

// Start inputs for `tenant_id` from `resolver` (in a read transaction of `db`), with scopes chosen
// as: `requested_scopes` if any, else the tenant's connector-settings scopes if any, else the
// catalog's default scopes. Errors of the resolver as they are.
absl::StatusOr<OAuthClientSettings> LoadClientSettings(
    storage::Database& db, const OAuthClientResolver& resolver, std::string_view tenant_id,
    const catalog::ProviderSpec& spec, std::string redirect_uri,
    std::vector<std::string> requested_scopes);

}  // namespace ucf::auth::oauth
