#include "ucf/connections/token_refresher.hpp"

#include "ucf/connections/status_events.hpp"
#include "ucf/connections/status_transitions.hpp"

#include <algorithm>

#include "ucf/audit/audit_entry.hpp"
#include "ucf/auth/oauth/authorization_flow.hpp"
#include "ucf/connections/connection_writer.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connections {

using auth::oauth::OAuthClientResolver;
using auth::oauth::OAuthClient;
using auth::oauth::UrlParamsFromJson;
using auth::oauth::TokenResponse;
using auth::oauth::OAuthErrorOf;
namespace {

using storage::ConnectionRecord;
using storage::ConnectionStatus;
using storage::TokenRecord;

absl::Status NeedsReauthError(std::string_view connection_id, std::string_view why) {
  return core::WithDetails(
      absl::FailedPreconditionError(core::StrCat(
          "connection ", connection_id, " needs to be reconnected: ", why, "; reconnect it")),
      {{"reason", "needs_reauth"}, {"connectionId", connection_id}});
}

absl::Status CheckRefreshable(const ConnectionRecord& c) {
  if (c.status == ConnectionStatus::kNeedsReauth) {
    return NeedsReauthError(c.id, "the provider no longer accepts its credentials");
  }
  if (c.status == ConnectionStatus::kRevoked) {
    return core::WithDetails(absl::FailedPreconditionError(core::StrCat(
                                 "connection ", c.id, " is revoked; reconnect it to use it again")),
                             {{"reason", "revoked"}, {"connectionId", c.id}});
  }
  return absl::OkStatus();
}

AccessToken ToAccess(const TokenRecord& t, bool refreshed) {
  return AccessToken{t.access_token, t.token_type, t.expires_at, t.version, refreshed};
}

std::string DetailString(const absl::Status& status, std::string_view key) {
  std::optional<boost::json::object> details = core::GetDetails(status);
  if (!details) return "";
  auto it = details->find(key);
  return it != details->end() && it->value().is_string() ? std::string(it->value().as_string())
                                                         : "";
}

// Sets needs_reauth and audits why, inside a refresh transaction.
absl::Status MarkNeedsReauth(storage::Session& s, const ConnectionRecord& c,
                             std::string_view reason, std::string_view description) {
  storage::ConnectionUpdate update;
  update.status = StatusAfter(c.status, ConnectionEvent::kRefreshRejected);
  UCF_ASSIGN_OR_RETURN(ConnectionRecord updated, s.connections().Update(c.tenant_id, c.id, update));
  UCF_RETURN_IF_ERROR(RecordStatusChange(s, c.tenant_id, c.id, c.status, updated.status,
                                         "the provider refused to refresh the access token", updated.updated_at));
  boost::json::object details{{"reason", reason}, {"status", "needs_reauth"}};
  if (!description.empty()) details["description"] = description;
  return s.audit_logs()
      .Append(audit::Entry(audit::Actor::System(c.tenant_id), "token.refresh_failed", "connection",
                           c.id, std::move(details), /*success=*/false))
      .status();
}

std::string FlightKey(std::string_view tenant_id, std::string_view connection_id) {
  return core::StrCat(tenant_id, "/", connection_id);
}

}  // namespace

// The outcome of the claim step: an answer without a provider call, another instance holding
// the lease, or the lease is ours and the provider is to be called with what was read.
struct TokenRefresher::Claim {
  std::optional<absl::StatusOr<AccessToken>> decided;
  std::optional<std::int64_t> leased_elsewhere;  // the version the other instance refreshes
  std::string owner;
  ConnectionRecord connection;
  TokenRecord token;
  const catalog::ProviderSpec* spec = nullptr;
  OAuthClient client;
};

TokenRefresher::TokenRefresher(storage::Database& db, http::HttpClient& http,
                               const core::Clock& clock,
                               const catalog::ProviderCatalog& catalog,
                               OAuthClientResolver resolver, TokenRefresherOptions options)
    : db_(db),
      clock_(clock),
      catalog_(catalog),
      resolver_(std::move(resolver)),
      options_(options),
      lease_(options.lease.count() > 0 ? options.lease
                                       : options.token_timeout * 4 + std::chrono::seconds(60)),
      endpoint_(http, clock, options.token_timeout),
      refreshes_(options.metrics ? &options.metrics->Counter("ucf_token_refreshes_total",
                                                               "OAuth token refreshes at the provider by outcome",
                                                               {"outcome"})
                                 : nullptr) {}

bool TokenRefresher::Expiring(const TokenRecord& token) const {
  if (!token.expires_at.has_value()) return false;
  using Duration = core::TimePoint::duration;
  Duration lifetime = *token.expires_at - token.created_at;
  Duration margin = std::min<Duration>(options_.refresh_margin, lifetime / 2);
  if (margin < Duration::zero()) margin = Duration::zero();
  return *token.expires_at - margin <= clock_.Now();
}

absl::StatusOr<AccessToken> TokenRefresher::GetFreshAccessToken(std::string_view tenant_id,
                                                                std::string_view connection_id) {
  ConnectionRecord connection;
  TokenRecord token;
  UCF_RETURN_IF_ERROR(
      db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
        UCF_ASSIGN_OR_RETURN(connection, s.connections().Get(tenant_id, connection_id));
        UCF_RETURN_IF_ERROR(CheckRefreshable(connection));
        UCF_ASSIGN_OR_RETURN(token, s.tokens().GetCurrent(tenant_id, connection_id));
        return absl::OkStatus();
      }));
  if (!Expiring(token)) return ToAccess(token, false);
  if (!token.refresh_token && *token.expires_at > clock_.Now()) {
    return ToAccess(token, false);  // nothing to refresh with, and still valid for now
  }
  return flights_.Do(FlightKey(tenant_id, connection_id), [&] {
    return Refresh(tenant_id, connection_id, Mode::kIfExpiring, "");
  });
}

absl::StatusOr<AccessToken> TokenRefresher::ForceRefresh(std::string_view tenant_id,
                                                         std::string_view connection_id,
                                                         std::string_view rejected_access_token) {
  // Joining a flight is only useful when it ends with a token other than the rejected one (a
  // flight started by GetFreshAccessToken may have found the rejected token still "fresh").
  for (int attempt = 0; attempt < 2; ++attempt) {
    bool joined = false;
    absl::StatusOr<AccessToken> result = flights_.Do(
        FlightKey(tenant_id, connection_id),
        [&] { return Refresh(tenant_id, connection_id, Mode::kForce, rejected_access_token); },
        &joined);
    if (!joined || !result.ok() || result->access_token != rejected_access_token) return result;
  }
  return Refresh(tenant_id, connection_id, Mode::kForce, rejected_access_token);
}

absl::StatusOr<AccessToken> TokenRefresher::Refresh(std::string_view tenant_id,
                                                    std::string_view connection_id, Mode mode,
                                                    std::string_view rejected_access_token) {
  // Each round ends with an answer, or with a changed row (another instance refreshed, a
  // reconnect replaced the token, a lease ran out) that the next round re-reads.
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    UCF_ASSIGN_OR_RETURN(Claim claim,
                         ClaimOrDecide(tenant_id, connection_id, mode, rejected_access_token));
    if (claim.decided) return *std::move(claim.decided);
    if (claim.leased_elsewhere) {
      UCF_RETURN_IF_ERROR(WaitForOtherInstance(tenant_id, connection_id, *claim.leased_elsewhere));
      continue;
    }
    UCF_ASSIGN_OR_RETURN(std::optional<AccessToken> stored, CallProviderAndStore(claim, mode));
    if (stored) return *std::move(stored);
  }
  return absl::AbortedError(core::StrCat("the token of connection ", connection_id,
                                         " kept changing during its refresh; retry"));
}

absl::StatusOr<TokenRefresher::Claim> TokenRefresher::ClaimOrDecide(
    std::string_view tenant_id, std::string_view connection_id, Mode mode,
    std::string_view rejected_access_token) {
  Claim claim;
  absl::Status tx = db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    claim = Claim{};
    UCF_RETURN_IF_ERROR(s.LockKey(RefreshLockKey(connection_id)));
    // Re-read under the lock: another thread or instance may have refreshed meanwhile.
    UCF_ASSIGN_OR_RETURN(ConnectionRecord c, s.connections().Get(tenant_id, connection_id));
    UCF_RETURN_IF_ERROR(CheckRefreshable(c));
    UCF_ASSIGN_OR_RETURN(TokenRecord current, s.tokens().GetCurrent(tenant_id, connection_id));
    bool needed = mode == Mode::kIfExpiring ? Expiring(current)
                                            : current.access_token == rejected_access_token;
    if (!needed) {
      claim.decided = ToAccess(current, false);
      return absl::OkStatus();
    }
    if (!current.refresh_token) {
      if (mode == Mode::kIfExpiring && *current.expires_at > clock_.Now()) {
        claim.decided = ToAccess(current, false);
        return absl::OkStatus();
      }
      UCF_RETURN_IF_ERROR(MarkNeedsReauth(s, c, "no_refresh_token", ""));
      claim.decided = NeedsReauthError(c.id,
                                       "its access token is no longer valid and the provider "
                                       "issued no refresh token");
      return absl::OkStatus();
    }
    claim.spec = catalog_.Find(c.connector_id);
    if (claim.spec == nullptr || !claim.spec->oauth) {
      return absl::FailedPreconditionError(core::StrCat(
          "connector ", c.connector_id, " of connection ", c.id, " cannot refresh OAuth tokens"));
    }
    UCF_ASSIGN_OR_RETURN(claim.client, resolver_(s, tenant_id, *claim.spec));
    claim.owner = core::NewId("lease");
    core::TimePoint now = clock_.Now();
    UCF_ASSIGN_OR_RETURN(bool leased,
                         s.tokens().ClaimRefreshLease(tenant_id, connection_id, current.version,
                                                      claim.owner, now, now + lease_));
    if (!leased) claim.leased_elsewhere = current.version;
    claim.connection = std::move(c);
    claim.token = std::move(current);
    return absl::OkStatus();
  });
  if (!tx.ok()) return tx;
  return claim;
}

absl::Status TokenRefresher::WaitForOtherInstance(std::string_view tenant_id,
                                                  std::string_view connection_id,
                                                  std::int64_t version) {
  LeaseWaitOptions wait = options_.wait;
  wait.limit = std::min(wait.limit, std::chrono::duration_cast<std::chrono::milliseconds>(
                                        lease_ + std::chrono::seconds(5)));
  return WaitWhileLeased(
      [&]() -> absl::StatusOr<bool> {
        bool done = false;
        UCF_RETURN_IF_ERROR(
            db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
              UCF_ASSIGN_OR_RETURN(ConnectionRecord c,
                                   s.connections().Get(tenant_id, connection_id));
              UCF_RETURN_IF_ERROR(CheckUsable(c));
              UCF_ASSIGN_OR_RETURN(TokenRecord t, s.tokens().GetCurrent(tenant_id, connection_id));
              done = t.version != version || !t.refresh_lease_until ||
                     *t.refresh_lease_until <= clock_.Now();
              return absl::OkStatus();
            }));
        return done;
      },
      wait);
}

absl::StatusOr<std::optional<AccessToken>> TokenRefresher::CallProviderAndStore(const Claim& claim,
                                                                               Mode mode) {
  const ConnectionRecord& c = claim.connection;
  const TokenRecord& current = claim.token;
  // Outside any transaction: a slow provider holds no database connection and no lock.
  absl::StatusOr<TokenResponse> fresh = endpoint_.Refresh(
      *claim.spec, UrlParamsFromJson(c.config), claim.client, *current.refresh_token);
  if (refreshes_ != nullptr) refreshes_->Increment({fresh.ok() ? "ok" : "failed"});

  std::optional<AccessToken> result;
  absl::Status answer = absl::OkStatus();
  absl::Status tx = db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    result.reset();
    answer = absl::OkStatus();
    UCF_RETURN_IF_ERROR(s.LockKey(RefreshLockKey(c.id)));
    if (!fresh.ok()) {
      UCF_RETURN_IF_ERROR(s.tokens().ReleaseRefreshLease(c.tenant_id, c.id, claim.owner));
      answer = fresh.status();
      if (OAuthErrorOf(fresh.status()) != "invalid_grant") return absl::OkStatus();
      UCF_RETURN_IF_ERROR(MarkNeedsReauth(s, c, "invalid_grant",
                                          DetailString(fresh.status(), "oauthErrorDescription")));
      answer = NeedsReauthError(
          c.id, core::StrCat(claim.spec->display_name, " rejected its refresh token (invalid_grant)"));
      return absl::OkStatus();
    }
    // Revoked or reconnected while the provider answered: the fresh token is not stored.
    UCF_ASSIGN_OR_RETURN(ConnectionRecord now, s.connections().Get(c.tenant_id, c.id));
    if (absl::Status usable = CheckUsable(now); !usable.ok()) {
      UCF_RETURN_IF_ERROR(s.tokens().ReleaseRefreshLease(c.tenant_id, c.id, claim.owner));
      answer = usable;
      return absl::OkStatus();
    }

    TokenRecord next = current;
    next.id.clear();
    next.access_token = fresh->access_token;
    bool rotated =
        fresh->refresh_token.has_value() && *fresh->refresh_token != *current.refresh_token;
    if (fresh->refresh_token) next.refresh_token = fresh->refresh_token;
    next.token_type = fresh->token_type;
    if (fresh->scopes) next.scopes = *fresh->scopes;
    next.expires_at = fresh->expires_at;
    absl::StatusOr<TokenRecord> stored =
        s.tokens().CompareAndSwap(c.tenant_id, c.id, current.version, next);
    if (absl::IsAborted(stored.status())) {
      return absl::OkStatus();  // replaced meanwhile (a reconnect): the caller re-reads
    }
    if (!stored.ok()) return stored.status();

    bool extras_changed = false;
    boost::json::object config = now.config;
    for (const auto& field : fresh->extras) {
      auto it = config.find(field.key());
      if (it == config.end() || it->value() != field.value()) {
        config[field.key()] = field.value();
        extras_changed = true;
      }
    }
    if (extras_changed) {
      storage::ConnectionUpdate update;
      update.config = std::move(config);
      UCF_RETURN_IF_ERROR(s.connections().Update(c.tenant_id, c.id, update).status());
    }
    boost::json::object details{{"version", stored->version},
                                {"refreshTokenRotated", rotated},
                                {"forced", mode == Mode::kForce}};
    details["expiresAt"] = stored->expires_at
                               ? boost::json::value(core::FormatRfc3339(*stored->expires_at))
                               : boost::json::value(nullptr);
    UCF_RETURN_IF_ERROR(
        s.audit_logs()
            .Append(audit::Entry(audit::Actor::System(c.tenant_id), "token.refreshed",
                                 "connection", c.id, std::move(details)))
            .status());
    result = ToAccess(*stored, true);
    return absl::OkStatus();
  });
  if (!tx.ok()) return tx;
  if (!answer.ok()) return answer;
  return result;
}

}  // namespace ucf::connections
