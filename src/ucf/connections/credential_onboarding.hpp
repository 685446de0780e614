#pragma once
// Onboarding with credentials the user types in (api_key / basic / personal_token) and checking
// a connection's credentials later ("validate").
//
// Connect: the connector's form (config + credential fields) is checked, the credentials are
// tried with a real provider call (Connector::CheckCredentials) BEFORE anything is stored, and only
// when the provider accepts them is the connection upserted — status connected, secrets encrypted
// in secret_config, last_validated_at set, the account in metadata — with the audit entries
// connection.created|updated, credentials.changed and connection.validated in one transaction.
// Rejected credentials → InvalidArgument "<Provider> rejected the credentials: <provider reason>"
// (details.field "apiKey", details.upstreamStatus) and nothing stored. A site URL the client
// refuses to call (private address without UCF_ALLOW_PRIVATE_UPSTREAMS) → InvalidArgument naming
// baseUrl. Transient provider failures (Unavailable, DeadlineExceeded, ResourceExhausted) are
// returned as they are.
//
// Only the connector's declared fields are accepted (config_write.hpp): an unknown key in `config`
// is refused naming "config.<key>", and secret fields are sealed whatever their spelling.
//
// Validate: runs the same check on a stored connection (with a fresh OAuth token for oauth2; also
// on a pending connection with typed-in credentials, e.g. after its site changed and the
// credentials were given again — ConnectorManager::ResolveForCheck) and
// records the outcome: last_validated_at, status connected on success (error when the provider
// rejects api_key credentials), and the audit entry connection.validated (outcome success or
// failure with the reason). Returns the check's result (valid false) rather than an error only for
// a verdict on the credentials: the provider refused them, or the connection is not usable
// (revoked, needs_reauth, pending). A provider that is rate-limited, down, unreachable or answers
// garbage says nothing about them: that failure is audited (transient) and returned as the error
// it is (429 rate_limited, 502-504 naming the provider); last_validated_at and status stay.
// Every provider call of a check runs under `check_limits` (short timeout, no retries): a site that
// accepts connections and never answers costs one short timeout, not minutes of an upstream thread.
// Thread-safe.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/audit/actor.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::connections {

struct CredentialConnect {
  std::string name;         // connection name; empty → the connector id
  std::string auth_method;  // "api_key", "basic" or "personal_token"
  std::string base_url;     // the provider site, e.g. https://acme.atlassian.net
  std::string email;        // Basic user (Atlassian: the account e-mail)
  std::string api_key;      // SECRET
  std::string api_secret;   // SECRET, optional
  boost::json::object config;  // further non-secret settings
};

struct ConnectOutcome {
  storage::ConnectionRecord connection;  // render with ConnectionJson only (no secrets)
  bool created = false;
  connectors::AccountInfo account;
};

struct ValidationOutcome {
  bool valid = false;
  storage::ConnectionRecord connection;
  connectors::AccountInfo account;  // when valid
  absl::Status error;               // when not valid: the provider's answer
};

class CredentialOnboarding {
 public:
  CredentialOnboarding(storage::Database& db, const ConnectorManager& manager, const core::Clock& clock,
                       CallLimits check_limits = {.timeout = std::chrono::seconds(10), .max_attempts = 1})
      : db_(db), manager_(manager), clock_(clock), check_limits_(check_limits) {}

  absl::StatusOr<ConnectOutcome> Connect(const audit::Actor& actor, std::string_view connector_id,
                                         const CredentialConnect& request);

  absl::StatusOr<ValidationOutcome> Validate(const audit::Actor& actor, std::string_view connection_id);

 private:
  storage::Database& db_;
  const ConnectorManager& manager_;
  const core::Clock& clock_;
  const CallLimits check_limits_;
};

// Whether a failed call means "the provider says these credentials are wrong": a provider answer
// (details.upstreamStatus) of 401/403/404/400 — not a refusal before the call or a transient error.
bool IsCredentialRejection(const absl::Status& status);

}  // namespace ucf::connections
