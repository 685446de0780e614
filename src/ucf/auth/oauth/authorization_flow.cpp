#include "ucf/auth/oauth/authorization_flow.hpp"

#include "boost/json/value_from.hpp"

#include "boost/url/parse.hpp"
#include "ucf/auth/oauth/form_encoding.hpp"
#include "ucf/auth/oauth/pkce.hpp"
#include "ucf/catalog/url_template.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/client/secret_scrubber.hpp"

namespace ucf::auth::oauth {
namespace {

using catalog::ProviderSpec;
using catalog::UrlParams;

constexpr std::size_t kMaxCodeBytes = 4096;
constexpr std::size_t kMaxStateBytes = 512;
constexpr std::size_t kMaxNameBytes = 200;
constexpr std::string_view kCallbackActor = "oauth_callback";

absl::Status UnknownState() {
  return core::InvalidField("state",
                            "unknown, expired or already used OAuth state; start the connection "
                            "again");
}

absl::Status CheckRedirectUri(std::string_view uri) {
  auto parsed = boost::urls::parse_uri(boost::urls::string_view(uri.data(), uri.size()));
  if (uri.empty() || !parsed) return core::InvalidField("redirectUri", "must be an absolute URL");
  std::string scheme = core::ToLower(std::string_view(parsed->scheme()));
  if ((scheme != "https" && scheme != "http") || parsed->encoded_host().empty()) {
    return core::InvalidField("redirectUri", "must be an http(s) URL with a host");
  }
  if (uri.find('#') != std::string_view::npos) {
    return core::InvalidField("redirectUri", "must not have a fragment");
  }
  return absl::OkStatus();
}

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
absl::Status CheckScopes(const std::vector<std::string>& scopes, std::string_view separator) {
  for (const std::string& s : scopes) {
    bool ok = !s.empty() && s.size() <= 256 && !core::Contains(s, separator);
    for (char c : s) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x21 || u > 0x7e || c == '"' || c == '\\') ok = false;
    }
    if (!ok) {
      return core::InvalidField("scopes",
                                "each scope must be printable ASCII without spaces, quotes or "
                                "backslashes");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckCallbackInputs(std::string_view code, std::string_view state) {
  if (state.empty()) return core::InvalidField("state", "is required");
  if (state.size() > kMaxStateBytes) return UnknownState();
  if (code.empty()) return core::InvalidField("code", "is required");
  if (code.size() > kMaxCodeBytes) return core::InvalidField("code", "is too long");
  return absl::OkStatus();
}

std::string JsonString(const boost::json::object& obj, std::string_view key) {
  auto it = obj.find(key);
  return it != obj.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

}  // namespace

UrlParams UrlParamsFromJson(const boost::json::object& holder) {
  UrlParams out;
  auto it = holder.find("urlParams");
  if (it == holder.end() || !it->value().is_object()) return out;
  for (const auto& field : it->value().as_object()) {
    if (field.value().is_string()) {
      out[std::string(field.key())] = std::string(field.value().as_string());
    }
  }
  return out;
}

boost::json::object UrlParamsToJson(const UrlParams& params) {
  boost::json::object out;
  for (const auto& [k, v] : params) out[k] = v;
  return out;
}

AuthorizationFlow::AuthorizationFlow(storage::Database& db, http::HttpClient& http,
                                     const core::Clock& clock,
                                     const catalog::ProviderCatalog& catalog,
                                     OAuthClientResolver resolver, AuthorizationFlowOptions options)
    : db_(db),
      http_(http),
      clock_(clock),
      catalog_(catalog),
      resolver_(std::move(resolver)),
      options_(options),
      endpoint_(http, clock, options.token_timeout) {}

absl::StatusOr<AuthorizationStart> AuthorizationFlow::Start(const audit::Actor& actor,
                                                            const ProviderSpec& spec,
                                                            const OAuthClientSettings& client,
                                                            std::string_view connection_name,
                                                            const UrlParams& url_params) {
  if (!spec.oauth || !spec.SupportsAuthMethod("oauth2")) {
    return core::InvalidField("method",
                              core::StrCat("connector ", spec.id, " does not support OAuth 2.0"));
  }
  const catalog::OAuthSpec& oauth = *spec.oauth;
  if (client.client_id.empty()) {
    return absl::FailedPreconditionError(
        core::StrCat("connector ", spec.id,
                     " has no OAuth client configured for this tenant; set "
                     "oauthClientId and oauthClientSecret with PATCH /api/connectors/",
                     spec.id));
  }
  UCF_RETURN_IF_ERROR(CheckRedirectUri(client.redirect_uri));
  std::string name = connection_name.empty() ? spec.id : std::string(connection_name);
  if (name.size() > kMaxNameBytes) return core::InvalidField("name", "is too long");
  std::vector<std::string> scopes = client.scopes.empty() ? oauth.default_scopes : client.scopes;
  UCF_RETURN_IF_ERROR(CheckScopes(scopes, oauth.scope_separator));
  UCF_RETURN_IF_ERROR(catalog::ValidateUrlParams(spec, url_params));
  UCF_ASSIGN_OR_RETURN(std::string authorize_base,
                       catalog::ExpandUrlTemplate(oauth.authorize_url, url_params));

  AuthorizationStart out;
  out.state = GenerateState();
  std::string verifier = GenerateCodeVerifier();
  FormParams query = {{"response_type", "code"},
                      {"client_id", client.client_id},
                      {"redirect_uri", client.redirect_uri}};
  if (!scopes.empty()) {
    query.emplace_back("scope", core::Join(scopes, oauth.scope_separator));
  }
  query.emplace_back("state", out.state);
  if (oauth.pkce) {
    out.code_challenge = CodeChallengeS256(verifier);
    query.emplace_back("code_challenge", out.code_challenge);
    query.emplace_back("code_challenge_method", "S256");
  }
  for (const auto& [k, v] : oauth.extra_authorize_params) query.emplace_back(k, v);
  UCF_ASSIGN_OR_RETURN(out.auth_url, AppendQueryParams(authorize_base, query));

  storage::OAuthStateRecord record;
  record.state_hash = HashState(out.state);
  record.tenant_id = actor.tenant_id;
  record.connector_id = spec.id;
  record.redirect_uri = client.redirect_uri;
  record.scopes = scopes;
  record.code_verifier = verifier;
  record.connection_name = name;
  record.extra = {{"urlParams", UrlParamsToJson(url_params)},
                  {"actor", actor.actor},
                  {"clientId", client.client_id}};
  out.expires_at = clock_.Now() + options_.state_ttl;
  record.expires_at = out.expires_at;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
    return s.oauth_states().Create(record).status();
  }));
  return out;
}

absl::StatusOr<std::int64_t> AuthorizationFlow::PurgeExpiredStates() {
  std::int64_t purged = 0;
  UCF_RETURN_IF_ERROR(
      db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
        UCF_ASSIGN_OR_RETURN(purged, s.oauth_states().PurgeExpired(clock_.Now()));
        return absl::OkStatus();
      }));
  return purged;
}

absl::StatusOr<storage::OAuthStateRecord> AuthorizationFlow::ConsumeState(
    std::string_view state,
    const std::function<absl::Status(const storage::OAuthStateRecord&)>& check) {
  storage::OAuthStateRecord consumed;
  std::string hash = HashState(state);
  UCF_RETURN_IF_ERROR(
      db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
        absl::StatusOr<storage::OAuthStateRecord> record =
            s.oauth_states().Consume(hash, clock_.Now());
        if (absl::IsNotFound(record.status())) return UnknownState();
        if (!record.ok()) return record.status();
        UCF_RETURN_IF_ERROR(check(*record));
        consumed = *std::move(record);
        return absl::OkStatus();
      }));
  return consumed;
}

absl::StatusOr<AuthorizationGrant> AuthorizationFlow::Redeem(const audit::Actor& actor,
                                                                   std::string_view connector_id,
                                                                   std::string_view code,
                                                                   std::string_view state) {
  UCF_RETURN_IF_ERROR(CheckCallbackInputs(code, state));
  UCF_ASSIGN_OR_RETURN(storage::OAuthStateRecord record,
                       ConsumeState(state, [&](const storage::OAuthStateRecord& r) -> absl::Status {
                         // Another tenant's state is indistinguishable from an unknown one.
                         if (r.tenant_id != actor.tenant_id) return UnknownState();
                         if (r.connector_id != connector_id) {
                           return core::InvalidField(
                               "state", core::StrCat("was issued for connector ", r.connector_id,
                                                     ", not ", connector_id));
                         }
                         return absl::OkStatus();
                       }));
  return Exchange(actor, record, code);
}

absl::StatusOr<AuthorizationGrant> AuthorizationFlow::RedeemRedirect(
    const RedirectParams& params) {
  if (!params.error.empty()) {
    if (params.state.empty() || params.state.size() > kMaxStateBytes) return UnknownState();
    UCF_ASSIGN_OR_RETURN(storage::OAuthStateRecord record,
                         ConsumeState(params.state, [](const auto&) { return absl::OkStatus(); }));
    const ProviderSpec* spec = catalog_.Find(record.connector_id);
    std::string error = http::ScrubAndTruncate(params.error, 64);
    std::string message = core::StrCat(spec ? spec->display_name : record.connector_id,
                                       " did not authorize the connection: ", error);
    if (!params.error_description.empty()) {
      core::StrAppend(&message, ": ",
                      http::ScrubAndTruncate(params.error_description, 300));
    }
    return core::WithDetails(absl::InvalidArgumentError(message),
                             {{"provider", record.connector_id}, {"oauthError", error}});
  }
  UCF_RETURN_IF_ERROR(CheckCallbackInputs(params.code, params.state));
  UCF_ASSIGN_OR_RETURN(storage::OAuthStateRecord record,
                       ConsumeState(params.state, [](const auto&) { return absl::OkStatus(); }));
  std::string starter = JsonString(record.extra, "actor");
  audit::Actor actor{record.tenant_id, starter.empty() ? std::string(kCallbackActor) : starter,
                     params.request_id, params.client_address};
  return Exchange(actor, record, params.code);
}

absl::StatusOr<AuthorizationGrant> AuthorizationFlow::Exchange(
    const audit::Actor& actor, const storage::OAuthStateRecord& state, std::string_view code) {
  const ProviderSpec* spec = catalog_.Find(state.connector_id);
  if (spec == nullptr || !spec->oauth) {
    return absl::FailedPreconditionError(
        core::StrCat("connector ", state.connector_id, " no longer supports OAuth 2.0"));
  }
  AuthorizationGrant grant;
  grant.actor = actor;
  grant.spec = spec;
  grant.connection_name = state.connection_name.value_or(spec->id);
  grant.requested_scopes = state.scopes;
  grant.url_params = UrlParamsFromJson(state.extra);
  OAuthClient client;
  UCF_RETURN_IF_ERROR(
      db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
        UCF_ASSIGN_OR_RETURN(client, resolver_(s, state.tenant_id, *spec));
        return absl::OkStatus();
      }));
  std::optional<std::string_view> verifier;
  if (spec->oauth->pkce) verifier = state.code_verifier;
  UCF_ASSIGN_OR_RETURN(grant.tokens, endpoint_.ExchangeCode(*spec, grant.url_params, client, code,
                                                            state.redirect_uri, verifier));
  UCF_ASSIGN_OR_RETURN(grant.post, RunPostConnect(http_, *spec, grant.url_params,
                                                  grant.tokens.access_token, clock_));
  return grant;
}

}  // namespace ucf::auth::oauth
