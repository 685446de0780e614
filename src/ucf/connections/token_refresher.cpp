#include "ucf/connections/token_refresher.hpp"

#include "ucf/connections/status_transitions.hpp"

#include "ucf/audit/audit_entry.hpp"
#include "ucf/auth/oauth/authorization_flow.hpp"
#include "ucf/connections/connection_writer.hpp"
#include "ucf/core/error_details.hpp"
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

// Sets needs_reauth and audits why, inside the refresh transaction.
absl::Status MarkNeedsReauth(storage::Session& s, const ConnectionRecord& c,
                             std::string_view reason, std::string_view description) {
  storage::ConnectionUpdate update;
  update.status = StatusAfter(c.status, ConnectionEvent::kRefreshRejected);
  UCF_RETURN_IF_ERROR(s.connections().Update(c.tenant_id, c.id, update).status());
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

TokenRefresher::TokenRefresher(storage::Database& db, http::HttpClient& http,
                               const core::Clock& clock,
                               const catalog::ProviderCatalog& catalog,
                               OAuthClientResolver resolver, TokenRefresherOptions options)
    : db_(db),
      clock_(clock),
      catalog_(catalog),
      resolver_(std::move(resolver)),
      options_(options),
      endpoint_(http, clock, options.token_timeout) {}

bool TokenRefresher::Expiring(const TokenRecord& token) const {
  return token.expires_at.has_value() &&
         *token.expires_at - options_.refresh_margin <= clock_.Now();
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
    return RefreshUnderLock(tenant_id, connection_id, Mode::kIfExpiring, "");
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
        [&] {
          return RefreshUnderLock(tenant_id, connection_id, Mode::kForce, rejected_access_token);
        },
        &joined);
    if (!joined || !result.ok() || result->access_token != rejected_access_token) return result;
  }
  return RefreshUnderLock(tenant_id, connection_id, Mode::kForce, rejected_access_token);
}

absl::StatusOr<AccessToken> TokenRefresher::RefreshUnderLock(
    std::string_view tenant_id, std::string_view connection_id, Mode mode,
    std::string_view rejected_access_token) {
  absl::StatusOr<AccessToken> result = absl::InternalError("token refresh did not run");
  absl::Status tx = db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(s.LockKey(RefreshLockKey(connection_id)));
    // Re-read under the lock: another thread or instance may have refreshed meanwhile.
    UCF_ASSIGN_OR_RETURN(ConnectionRecord c, s.connections().Get(tenant_id, connection_id));
    UCF_RETURN_IF_ERROR(CheckRefreshable(c));
    UCF_ASSIGN_OR_RETURN(TokenRecord current, s.tokens().GetCurrent(tenant_id, connection_id));
    bool needed = mode == Mode::kIfExpiring ? Expiring(current)
                                            : current.access_token == rejected_access_token;
    if (!needed) {
      result = ToAccess(current, false);
      return absl::OkStatus();
    }
    if (!current.refresh_token) {
      if (mode == Mode::kIfExpiring && *current.expires_at > clock_.Now()) {
        result = ToAccess(current, false);
        return absl::OkStatus();
      }
      UCF_RETURN_IF_ERROR(MarkNeedsReauth(s, c, "no_refresh_token", ""));
      result = NeedsReauthError(c.id,
                                "its access token is no longer valid and the provider "
                                "issued no refresh token");
      return absl::OkStatus();
    }
    const catalog::ProviderSpec* spec = catalog_.Find(c.connector_id);
    if (spec == nullptr || !spec->oauth) {
      return absl::FailedPreconditionError(core::StrCat(
          "connector ", c.connector_id, " of connection ", c.id, " cannot refresh OAuth tokens"));
    }
    UCF_ASSIGN_OR_RETURN(OAuthClient client, resolver_(s, tenant_id, *spec));
    absl::StatusOr<TokenResponse> fresh =
        endpoint_.Refresh(*spec, UrlParamsFromJson(c.config), client, *current.refresh_token);
    if (!fresh.ok()) {
      if (OAuthErrorOf(fresh.status()) != "invalid_grant") return fresh.status();
      UCF_RETURN_IF_ERROR(MarkNeedsReauth(s, c, "invalid_grant",
                                          DetailString(fresh.status(), "oauthErrorDescription")));
      result = NeedsReauthError(
          c.id, core::StrCat(spec->display_name, " rejected its refresh token (invalid_grant)"));
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
    UCF_ASSIGN_OR_RETURN(TokenRecord stored, s.tokens().CompareAndSwap(tenant_id, connection_id,
                                                                       current.version, next));

    bool extras_changed = false;
    boost::json::object config = c.config;
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
      UCF_RETURN_IF_ERROR(s.connections().Update(tenant_id, connection_id, update).status());
    }
    boost::json::object details{{"version", stored.version},
                                {"refreshTokenRotated", rotated},
                                {"forced", mode == Mode::kForce}};
    details["expiresAt"] = stored.expires_at
                               ? boost::json::value(core::FormatRfc3339(*stored.expires_at))
                               : boost::json::value(nullptr);
    UCF_RETURN_IF_ERROR(
        s.audit_logs()
            .Append(audit::Entry(audit::Actor::System(std::string(tenant_id)), "token.refreshed",
                                 "connection", connection_id, std::move(details)))
            .status());
    result = ToAccess(stored, true);
    return absl::OkStatus();
  });
  if (!tx.ok()) return tx;
  return result;
}

}  // namespace ucf::connections
