#include "ucf/connections/revocation.hpp"

#include "ucf/connections/status_transitions.hpp"

#include <optional>

#include "ucf/audit/audit_entry.hpp"
#include "ucf/auth/oauth/authorization_flow.hpp"
#include "ucf/connections/connection_writer.hpp"
#include "ucf/connections/lease_wait.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/client/secret_scrubber.hpp"

namespace ucf::connections {

using auth::oauth::OAuthClientResolver;
using auth::oauth::OAuthClient;
using auth::oauth::UrlParamsFromJson;
namespace {

constexpr std::size_t kMaxReasonBytes = 500;

}  // namespace

Revoker::Revoker(storage::Database& db, http::HttpClient& http, const core::Clock& clock,
                 const catalog::ProviderCatalog& catalog, OAuthClientResolver resolver,
                 std::chrono::milliseconds timeout)
    : db_(db),
      clock_(clock),
      catalog_(catalog),
      resolver_(std::move(resolver)),
      endpoint_(http, clock, timeout),
      wait_{.limit = timeout * 4 + std::chrono::seconds(65)} {}

bool Revoker::LeaseHeld(const storage::TokenRecord& token) const {
  return token.refresh_lease_until.has_value() && *token.refresh_lease_until > clock_.Now();
}

absl::StatusOr<RevocationResult> Revoker::Revoke(const audit::Actor& actor,
                                                 std::string_view connection_id,
                                                 std::string_view reason) {
  // Step 1: mark revoked under the refresh lock; remember what to revoke at the provider. While
  // another instance holds the token's refresh lease (its provider call is in flight), wait for
  // it, so the token revoked at the provider is the one that refresh stores.
  RevocationResult out;
  storage::ConnectionStatus previous = storage::ConnectionStatus::kPending;
  std::optional<storage::TokenRecord> token;
  const catalog::ProviderSpec* spec = nullptr;
  absl::StatusOr<OAuthClient> client = absl::FailedPreconditionError("no OAuth client resolved");
  constexpr int kAttempts = 3;  // the last one goes ahead even if a lease is still held
  for (int attempt = 1;; ++attempt) {
    bool refreshing = false;
    UCF_RETURN_IF_ERROR(
        db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
          UCF_RETURN_IF_ERROR(s.LockKey(RefreshLockKey(connection_id)));
          UCF_ASSIGN_OR_RETURN(storage::ConnectionRecord c,
                               s.connections().Get(actor.tenant_id, connection_id));
          previous = c.status;
          token.reset();
          absl::StatusOr<storage::TokenRecord> current =
              s.tokens().GetCurrent(actor.tenant_id, c.id);
          if (current.ok()) {
            token = *std::move(current);
          } else if (!absl::IsNotFound(current.status())) {
            return current.status();
          }
          if (token && LeaseHeld(*token) && attempt < kAttempts) {
            refreshing = true;
            return absl::OkStatus();
          }
          spec = catalog_.Find(c.connector_id);
          if (token && spec != nullptr && spec->oauth && spec->oauth->revoke_url &&
              c.auth_method == "oauth2") {
            client = resolver_(s, actor.tenant_id, *spec);
          } else {
            spec = nullptr;  // nothing to call
          }
          storage::ConnectionUpdate update;
          update.status = StatusAfter(c.status, ConnectionEvent::kRevoked);
          update.secret_config = boost::json::object{};
          UCF_ASSIGN_OR_RETURN(out.connection,
                               s.connections().Update(actor.tenant_id, c.id, update));
          return absl::OkStatus();
        }));
    if (!refreshing) break;
    // Any outcome of the wait (lease over, or waited long enough) leads to the next attempt.
    (void)WaitWhileLeased(
        [&]() -> absl::StatusOr<bool> {
          bool over = true;
          UCF_RETURN_IF_ERROR(
              db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
                absl::StatusOr<storage::TokenRecord> t =
                    s.tokens().GetCurrent(actor.tenant_id, connection_id);
                if (!t.ok()) return absl::IsNotFound(t.status()) ? absl::OkStatus() : t.status();
                over = t->version != token->version || !LeaseHeld(*t);
                return absl::OkStatus();
              }));
          return over;
        },
        wait_);
  }

  // Step 2: the provider, outside any transaction.
  out.provider_revocation = !token ? "no_token" : spec == nullptr ? "not_supported" : "revoked";
  if (spec != nullptr) {
    absl::Status revoked = client.status();
    if (client.ok()) {
      catalog::UrlParams params = UrlParamsFromJson(out.connection.config);
      if (token->refresh_token) {
        revoked = endpoint_.Revoke(*spec, params, *client, *token->refresh_token, "refresh_token");
      }
      if (revoked.ok()) {
        revoked = endpoint_.Revoke(*spec, params, *client, token->access_token, "access_token");
      }
    }
    if (!revoked.ok()) {
      out.provider_revocation = "failed";
      out.provider_error =
          http::ScrubAndTruncate(core::ToStd(revoked.message()), 300);
    }
  }

  // Step 3: drop the token (unless a reconnect replaced it meanwhile) and audit.
  UCF_RETURN_IF_ERROR(
      db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
        UCF_RETURN_IF_ERROR(s.LockKey(RefreshLockKey(connection_id)));
        UCF_ASSIGN_OR_RETURN(storage::ConnectionRecord c,
                             s.connections().Get(actor.tenant_id, connection_id));
        absl::StatusOr<storage::TokenRecord> current = s.tokens().GetCurrent(actor.tenant_id, c.id);
        if (!current.ok() && !absl::IsNotFound(current.status())) return current.status();
        if (current.ok() && c.status == storage::ConnectionStatus::kRevoked) {
          UCF_RETURN_IF_ERROR(s.tokens().Delete(actor.tenant_id, c.id));
        }
        out.connection = c;
        boost::json::object details{{"connector", c.connector_id},
                                    {"previousStatus", storage::ConnectionStatusName(previous)},
                                    {"providerRevocation", out.provider_revocation}};
        if (!out.provider_error.empty()) details["providerError"] = out.provider_error;
        if (!reason.empty()) {
          details["reason"] = http::ScrubAndTruncate(reason, kMaxReasonBytes);
        }
        return s.audit_logs()
            .Append(
                audit::Entry(actor, "connection.revoked", "connection", c.id, std::move(details)))
            .status();
      }));
  return out;
}

}  // namespace ucf::connections
