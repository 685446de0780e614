#include "ucf/connections/credential_onboarding.hpp"

#include "ucf/connections/status_transitions.hpp"

#include <algorithm>

#include "boost/json/array.hpp"
#include "ucf/audit/audit_entry.hpp"
#include "ucf/connections/connection_api_client.hpp"
#include "ucf/connections/connection_service.hpp"
#include "ucf/connections/config_write.hpp"
#include "ucf/connections/status_events.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connections {
namespace {

using storage::ConnectionStatus;

// The provider's details (upstream status and message; scrubbed already) as a rejection.
absl::Status Rejection(std::string_view provider, const absl::Status& cause) {
  boost::json::object details{{"field", "apiKey"}, {"reason", core::ToStd(cause.message())}};
  if (std::optional<boost::json::object> inner = core::GetDetails(cause)) {
    // keep upstreamStatus / upstreamMessage from StatusFromUpstream
    for (const char* key : {"upstreamStatus", "upstreamMessage"}) {
      if (const auto* v = inner->if_contains(key)) details[key] = *v;
    }
  }
  return core::WithDetails(
      absl::InvalidArgumentError(core::StrCat(provider, " rejected the credentials: ", cause.message())),
      details);
}

// A database check that failed because of the form (refused host, wrong password, a field the
// database does not accept) is a 400 naming the config field; anything else (unreachable, timeout)
// is returned as it is.
absl::Status DatabaseCheckFailure(std::string_view provider, const absl::Status& cause) {
  std::optional<boost::json::object> details = core::GetDetails(cause);
  const boost::json::value* field = details ? details->if_contains("field") : nullptr;
  std::string name = field && field->is_string() ? std::string(field->get_string()) : "";
  switch (cause.code()) {
    case absl::StatusCode::kUnauthenticated:
      return core::InvalidField("config.password", core::StrCat(provider, " rejected the credentials: ",
                                                                core::ToStd(cause.message())));
    case absl::StatusCode::kPermissionDenied:
      return core::InvalidField(core::StrCat("config.", name.empty() ? "host" : name), core::ToStd(cause.message()));
    case absl::StatusCode::kInvalidArgument:
      return name.empty() ? cause : core::InvalidField(core::StrCat("config.", name), core::ToStd(cause.message()));
    default:
      return cause;
  }
}

// A check that failed for a reason other than the credentials, with the provider named in its
// message (upstream answers already name it; a timeout or a reset may not).
absl::Status TransientFailure(std::string_view provider, const absl::Status& cause) {
  std::string message(core::ToStd(cause.message()));
  if (message.find(provider) != std::string::npos) return cause;
  absl::Status named(cause.code(), core::StrCat(provider, ": ", message));
  if (std::optional<boost::json::object> details = core::GetDetails(cause)) return core::WithDetails(named, *details);
  return named;
}

}  // namespace

bool IsCredentialRejection(const absl::Status& status) {
  // Only an answer of the provider itself says anything about the credentials.
  std::optional<boost::json::object> details = core::GetDetails(status);
  if (!details || !details->contains("upstreamStatus")) return false;
  switch (status.code()) {
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kInvalidArgument:
      return true;
    default:
      return false;
  }
}

absl::StatusOr<ConnectOutcome> CredentialOnboarding::Connect(const audit::Actor& actor,
                                                             std::string_view connector_id,
                                                             const CredentialConnect& request) {
  UCF_ASSIGN_OR_RETURN(const connectors::Connector* connector, manager_.Find(connector_id));
  const auto& d = connector->Describe();
  std::string method = request.auth_method.empty() ? "api_key" : request.auth_method;
  const auto& methods = manager_.AuthMethods(*connector);
  if (method == "oauth2" || std::find(methods.begin(), methods.end(), method) == methods.end()) {
    return core::InvalidField("method", core::StrCat("must be one of ", core::Join(methods, ", "),
                                                     " (oauth2 completes with code and state)"));
  }
  std::string name = request.name.empty() ? std::string(connector_id) : request.name;
  if (!IsValidName(name)) return core::InvalidField("name", "must be 1-100 letters, digits, spaces, '-', '_' or '.'");
  // Connectors whose secret is one of their own form fields (a database password) take no apiKey.
  bool takes_api_key = d.FindField("apiKey") != nullptr;
  if (takes_api_key && request.api_key.empty()) return core::InvalidField("apiKey", "is required");
  for (const auto& field : d.credential_fields) {
    if (field.required && field.name == "email" && request.email.empty()) {
      return core::InvalidField("email", "is required");
    }
  }
  storage::ConnectionRecord record;
  record.tenant_id = actor.tenant_id;
  record.connector_id = std::string(connector_id);
  record.name = name;
  record.auth_method = method;
  // Further settings: only what the connector declares; its secret fields are sealed.
  UCF_ASSIGN_OR_RETURN(SplitConfig split, CheckConfigWrite(*connector, request.config, "config."));
  record.config = std::move(split.plain);
  record.secret_config = std::move(split.secret);
  bool site_based = std::any_of(d.config_fields.begin(), d.config_fields.end(),
                                [](const connectors::FieldSpec& f) { return f.name == "baseUrl"; });
  if (site_based && request.base_url.empty()) {
    return core::InvalidField("baseUrl", core::StrCat("is required for ", method, " (the site, e.g. https://acme.atlassian.net)"));
  }
  if (!request.base_url.empty()) {
    if (UrlOrigin(request.base_url).empty()) {
      return core::InvalidField("baseUrl", "must be an absolute http(s) URL such as https://acme.atlassian.net");
    }
    record.config["baseUrl"] = request.base_url;
  }
  if (!request.email.empty()) record.config["email"] = request.email;
  if (!request.api_key.empty()) record.secret_config["apiKey"] = request.api_key;
  if (!request.api_secret.empty()) record.secret_config["apiSecret"] = request.api_secret;
  // The whole form as the connector declares it (an undeclared apiSecret is refused, too).
  boost::json::object form = record.config;
  for (const auto& [k, v] : record.secret_config) form[k] = v;
  UCF_RETURN_IF_ERROR(connector->ValidateConfig(form));

  UCF_ASSIGN_OR_RETURN(auto api, manager_.SessionFor(*connector, record, check_limits_));
  absl::StatusOr<connectors::AccountInfo> account = connector->CheckCredentials(*api);
  if (!account.ok() && d.session == connectors::SessionKind::kSql) {
    return DatabaseCheckFailure(manager_.ProviderName(*connector), account.status());
  }
  if (!account.ok()) {
    if (IsCredentialRejection(account.status())) return Rejection(manager_.ProviderName(*connector), account.status());
    // Refused before reaching the provider (SSRF guard, malformed URL): the site URL is the problem.
    if (absl::IsPermissionDenied(account.status()) || absl::IsInvalidArgument(account.status())) {
      return core::InvalidField("baseUrl", core::ToStd(account.status().message()));
    }
    return account.status();
  }
  record.status = StatusAfter(record.status, ConnectionEvent::kCredentialsVerified);
  record.metadata["account"] = connectors::AccountJson(*account);
  ConnectOutcome out;
  out.account = *account;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(std::optional<storage::ConnectionStatus> before,
                         StatusBeforeUpsert(s, record.tenant_id, record.connector_id, record.name));
    UCF_ASSIGN_OR_RETURN(auto upserted, s.connections().Upsert(record));
    storage::ConnectionUpdate update;
    update.status = StatusAfter(upserted.connection.status, ConnectionEvent::kCredentialsVerified);
    update.last_validated_at = clock_.Now();
    update.auth_method = method;
    UCF_ASSIGN_OR_RETURN(out.connection, s.connections().Update(actor.tenant_id, upserted.connection.id, update));
    if (before) {
      UCF_RETURN_IF_ERROR(RecordStatusChange(s, actor.tenant_id, out.connection.id, *before, out.connection.status,
                                             "", out.connection.updated_at));
    }
    out.created = upserted.created;
    const std::string& id = out.connection.id;
    boost::json::object details{{"connectorId", record.connector_id}, {"name", name}, {"authMethod", method}};
    if (!out.created) details["reconnected"] = true;
    UCF_RETURN_IF_ERROR(s.audit_logs()
                            .Append(audit::Entry(actor, out.created ? "connection.created" : "connection.updated",
                                                 "connection", id, details))
                            .status());
    boost::json::array fields;
    for (const auto& [k, v] : record.secret_config) fields.emplace_back(k);
    UCF_RETURN_IF_ERROR(
        s.audit_logs().Append(audit::Entry(actor, "credentials.changed", "connection", id, {{"secretFields", fields}})).status());
    return s.audit_logs()
        .Append(audit::Entry(actor, "connection.validated", "connection", id,
                             {{"account", connectors::AccountJson(*account)}, {"when", "connect"}}))
        .status();
  }));
  return out;
}

absl::StatusOr<ValidationOutcome> CredentialOnboarding::Validate(const audit::Actor& actor,
                                                                 std::string_view connection_id) {
  ValidationOutcome out;
  // A pending connection with typed-in credentials is checked too: that check is what makes it
  // usable after its credentials were given (again).
  absl::StatusOr<ResolvedConnection> resolved =
      manager_.ResolveForCheck(actor.tenant_id, connection_id, check_limits_);
  absl::StatusOr<connectors::AccountInfo> account;
  if (resolved.ok()) {
    out.connection = resolved->connection;
    account = resolved->connector->CheckCredentials(*resolved->session);
  } else if (resolved.status().code() == absl::StatusCode::kFailedPrecondition) {
    // An unusable connection (revoked, needs_reauth, pending) is a failed validation, recorded.
    account = resolved.status();
    UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
      UCF_ASSIGN_OR_RETURN(out.connection, s.connections().Get(actor.tenant_id, connection_id));
      return absl::OkStatus();
    }));
  } else {
    return resolved.status();
  }
  bool transient = !account.ok() && !IsCredentialRejection(account.status()) &&
                   account.status().code() != absl::StatusCode::kFailedPrecondition &&
                   account.status().code() != absl::StatusCode::kPermissionDenied &&
                   account.status().code() != absl::StatusCode::kInvalidArgument;
  out.valid = account.ok();
  if (account.ok()) out.account = *account;
  else out.error = account.status();
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    storage::ConnectionUpdate update;
    // A provider that is down or rate-limited validated nothing: last_validated_at stays.
    if (!transient) update.last_validated_at = clock_.Now();
    // Transient failures say nothing about the credentials, so the status stays as it was.
    if (out.valid) {
      update.status = StatusAfter(out.connection.status, ConnectionEvent::kCredentialsVerified);
    } else if (!transient && out.connection.auth_method != "oauth2") {
      update.status = StatusAfter(out.connection.status, ConnectionEvent::kCredentialsRejected);
    }
    UCF_ASSIGN_OR_RETURN(storage::ConnectionRecord current, s.connections().Get(actor.tenant_id, connection_id));
    storage::ConnectionStatus before = current.status;
    UCF_ASSIGN_OR_RETURN(out.connection, s.connections().Update(actor.tenant_id, connection_id, update));
    UCF_RETURN_IF_ERROR(RecordStatusChange(s, actor.tenant_id, out.connection.id, before, out.connection.status,
                                           "the provider refused the credentials", out.connection.updated_at));
    boost::json::object details;
    if (out.valid) {
      details["account"] = connectors::AccountJson(out.account);
    } else {
      details["error"] = core::ToStd(out.error.message());
      details["transient"] = transient;
    }
    return s.audit_logs()
        .Append(audit::Entry(actor, "connection.validated", "connection", out.connection.id, details, out.valid))
        .status();
  }));
  // Not a verdict on the credentials: the caller gets the provider's failure as it is (429
  // rate_limited, 502-504 naming the provider), recorded above as a transient failure.
  if (transient) return TransientFailure(manager_.ProviderName(*resolved->connector), out.error);
  return out;
}

}  // namespace ucf::connections
