#include "ucf/webhooks/webhook_service.hpp"

#include <algorithm>
#include <set>

#include "boost/json/value_from.hpp"
#include "boost/json/array.hpp"
#include "boost/json/parse.hpp"
#include "ucf/audit/audit_entry.hpp"
#include "ucf/webhooks/webhook_signature.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/crypto/hmac.hpp"

namespace ucf::webhooks {
namespace {

using storage::WebhookRecord;

std::optional<core::TimePoint> ExpiryOf(const connectors::WebhookRegistration& r) {
  if (!r.expires_at) return std::nullopt;
  auto t = core::ParseRfc3339(*r.expires_at);
  return t.ok() ? std::optional<core::TimePoint>(*t) : std::nullopt;
}

// Keep-alive backoff after `failures` failed refreshes in a row: 15 min, doubling, at most a day.
std::chrono::minutes RefreshBackoff(int failures) {
  const std::chrono::minutes base(15), cap(24 * 60);
  if (failures >= 7) return cap;  // 15 << 7 > a day
  return std::min(cap, base * (1 << std::max(0, failures)));
}

connectors::WebhookRegistration RegistrationOf(const WebhookRecord& w) {
  connectors::WebhookRegistration r;
  r.provider_webhook_id = w.provider_webhook_id;
  r.callback_url = w.callback_url;
  r.events = w.events;
  if (w.expires_at) r.expires_at = core::FormatRfc3339(*w.expires_at);
  return r;
}

// Non-secret facts of a delivery for the audit entry.
boost::json::object DeliveryDetails(std::string_view body, std::string_view scheme) {
  boost::json::object details{{"scheme", scheme}};
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return details;
  const auto& o = v.get_object();
  for (const char* key : {"webhookEvent", "issue_event_type_name"}) {
    if (const auto* f = o.if_contains(key); f && f->is_string()) details[key] = *f;
  }
  if (const auto* issue = o.if_contains("issue"); issue && issue->is_object()) {
    if (const auto* k = issue->get_object().if_contains("key"); k && k->is_string()) details["issueKey"] = *k;
  }
  if (const auto* ids = o.if_contains("matchedWebhookIds"); ids && ids->is_array()) details["matchedWebhookIds"] = *ids;
  // GitHub: {action, issue: {number}, repository: {full_name}}.
  if (const auto* a = o.if_contains("action"); a && a->is_string() && a->get_string().size() <= 64) details["action"] = *a;
  if (const auto* issue = o.if_contains("issue"); issue && issue->is_object()) {
    if (const auto* n = issue->get_object().if_contains("number"); n && n->is_int64()) details["issueNumber"] = *n;
  }
  if (const auto* repo = o.if_contains("repository"); repo && repo->is_object()) {
    if (const auto* n = repo->get_object().if_contains("full_name"); n && n->is_string() && n->get_string().size() <= 200) {
      details["repository"] = *n;
    }
  }
  return details;
}

}  // namespace

WebhookService::WebhookService(storage::Database& db, const connections::ConnectorManager& manager,
                               const catalog::ProviderCatalog& catalog,
                               auth::oauth::OAuthClientResolver oauth_clients, const core::Clock& clock,
                               connections::CallLimits refresh_limits)
    : db_(db),
      manager_(manager),
      catalog_(catalog),
      oauth_clients_(std::move(oauth_clients)),
      clock_(clock),
      refresh_limits_(refresh_limits) {}

absl::StatusOr<WebhookRecord> WebhookService::Register(const audit::Actor& actor, std::string_view connector_id,
                                                       const WebhookRegistrationRequest& request) {
  if (request.connection_id.empty()) return core::InvalidField("connectionId", "is required");
  UCF_ASSIGN_OR_RETURN(connections::ResolvedConnection c, manager_.Resolve(actor.tenant_id, request.connection_id));
  if (c.connection.connector_id != connector_id) {
    return absl::NotFoundError(core::StrCat("connection not found: ", request.connection_id));
  }
  connectors::WebhookRequest provider_request;
  provider_request.callback_url = request.callback_url;
  if (!provider_request.callback_url.starts_with("https://") && !provider_request.callback_url.starts_with("http://")) {
    return core::InvalidField("callbackUrl", "must be an absolute http(s) URL");
  }
  provider_request.events = request.events;
  provider_request.filter = request.filter;
  provider_request.secret = core::RandomToken(32);
  UCF_ASSIGN_OR_RETURN(connectors::WebhookRegistration registered,
                       c.connector->RegisterWebhook(*c.session, provider_request));
  WebhookRecord record;
  record.tenant_id = actor.tenant_id;
  record.connection_id = c.connection.id;
  record.connector_id = std::string(connector_id);
  record.provider_webhook_id = registered.provider_webhook_id;
  record.secret = provider_request.secret;
  record.events = registered.events.empty() ? provider_request.events : registered.events;
  record.callback_url = registered.callback_url.empty() ? provider_request.callback_url : registered.callback_url;
  record.expires_at = ExpiryOf(registered);
  WebhookRecord stored;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(stored, s.webhooks().Create(record));
    boost::json::object details{{"connectionId", stored.connection_id},
                                {"providerWebhookId", stored.provider_webhook_id},
                                {"events", boost::json::value_from(stored.events)},
                                {"callbackUrl", stored.callback_url}};
    details["expiresAt"] = stored.expires_at ? boost::json::value(core::FormatRfc3339(*stored.expires_at))
                                             : boost::json::value(nullptr);
    return s.audit_logs().Append(audit::Entry(actor, "webhook.registered", "webhook", stored.id, details)).status();
  }));
  return stored;
}

absl::Status WebhookService::Unregister(const audit::Actor& actor, std::string_view connector_id,
                                        std::string_view webhook_id) {
  WebhookRecord webhook;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(webhook, s.webhooks().Get(actor.tenant_id, webhook_id));
    return absl::OkStatus();
  }));
  if (webhook.connector_id != connector_id) return absl::NotFoundError("webhook not found");
  // The provider side first; a connection that can no longer call the provider (revoked) still
  // lets the local registration go, and the audit entry says so.
  std::string provider_outcome = "removed";
  absl::StatusOr<connections::ResolvedConnection> c = manager_.Resolve(actor.tenant_id, webhook.connection_id);
  absl::Status removed = c.ok() ? c->connector->UnregisterWebhook(*c->session, RegistrationOf(webhook)) : c.status();
  if (!removed.ok()) {
    if (!absl::IsFailedPrecondition(removed) && !absl::IsNotFound(removed)) return removed;
    provider_outcome = core::StrCat("skipped: ", removed.message());
  }
  return db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(s.webhooks().Delete(actor.tenant_id, webhook.id));
    return s.audit_logs()
        .Append(audit::Entry(actor, "webhook.unregistered", "webhook", webhook.id,
                             {{"connectionId", webhook.connection_id},
                              {"providerWebhookId", webhook.provider_webhook_id},
                              {"provider", provider_outcome}}))
        .status();
  });
}

absl::StatusOr<std::vector<WebhookRecord>> WebhookService::List(std::string_view tenant_id,
                                                                std::string_view connector_id) {
  std::vector<WebhookRecord> all;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(all, s.webhooks().List(tenant_id, std::nullopt));
    return absl::OkStatus();
  }));
  std::erase_if(all, [&](const WebhookRecord& w) { return w.connector_id != connector_id; });
  return all;
}

absl::Status WebhookService::RefreshOne(const audit::Actor& actor, const WebhookRecord& webhook) {
  absl::StatusOr<connectors::WebhookRegistration> refreshed;
  absl::StatusOr<connections::ResolvedConnection> c =
      manager_.Resolve(webhook.tenant_id, webhook.connection_id, refresh_limits_);
  if (c.ok()) {
    refreshed = c->connector->RefreshWebhook(*c->session, RegistrationOf(webhook));
  } else {
    refreshed = c.status();
  }
  absl::Status recorded = db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    if (!refreshed.ok()) {
      UCF_RETURN_IF_ERROR(s.webhooks().MarkRefreshFailed(webhook.tenant_id, webhook.id,
                                                         clock_.Now() + RefreshBackoff(webhook.failures)));
      return s.audit_logs()
          .Append(audit::Entry(actor, "webhook.refresh_failed", "webhook", webhook.id,
                               {{"error", core::ToStd(refreshed.status().message())}}, false))
          .status();
    }
    std::optional<core::TimePoint> expiry = ExpiryOf(*refreshed);
    UCF_RETURN_IF_ERROR(s.webhooks().UpdateExpiry(webhook.tenant_id, webhook.id, expiry));
    boost::json::object details{{"providerWebhookId", webhook.provider_webhook_id}};
    details["expiresAt"] = expiry ? boost::json::value(core::FormatRfc3339(*expiry)) : boost::json::value(nullptr);
    return s.audit_logs().Append(audit::Entry(actor, "webhook.refreshed", "webhook", webhook.id, details)).status();
  });
  // The provider's failure (now audited) is the outcome; else whether recording worked.
  if (!refreshed.ok()) return refreshed.status();
  return recorded;
}

absl::StatusOr<int> WebhookService::RefreshDue(std::chrono::hours horizon) {
  // Bounded batches in next-attempt order; a failure backs its webhook off, so the next batch
  // reaches the others. Each webhook is tried at most once per round.
  constexpr int kBatch = 100;
  constexpr int kMaxBatches = 20;
  std::set<std::string> tried;
  int refreshed = 0;
  for (int batch = 0; batch < kMaxBatches; ++batch) {
    std::vector<WebhookRecord> due;
    core::TimePoint now = clock_.Now();
    UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
      UCF_ASSIGN_OR_RETURN(due, s.webhooks().ListDue(now, now + horizon, kBatch));
      return absl::OkStatus();
    }));
    int fresh = 0;
    for (const WebhookRecord& w : due) {
      if (!tried.insert(w.id).second) continue;
      ++fresh;
      if (RefreshOne(audit::Actor::System(w.tenant_id), w).ok()) ++refreshed;
    }
    if (fresh == 0 || static_cast<int>(due.size()) < kBatch) break;
  }
  return refreshed;
}

absl::StatusOr<std::vector<WebhookRecord>> WebhookService::RefreshAll(const audit::Actor& actor,
                                                                      std::string_view connector_id) {
  UCF_ASSIGN_OR_RETURN(std::vector<WebhookRecord> mine, List(actor.tenant_id, connector_id));
  for (const WebhookRecord& w : mine) UCF_RETURN_IF_ERROR(RefreshOne(actor, w));
  return List(actor.tenant_id, connector_id);
}

absl::StatusOr<InboundResult> WebhookService::Receive(const InboundDelivery& delivery) {
  std::vector<WebhookRecord> webhooks;
  auth::oauth::OAuthClient client;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(webhooks, s.webhooks().ListForInbound(delivery.connector_id, delivery.connection_id));
    if (webhooks.empty()) return absl::NotFoundError("no webhook is registered for this connection");
    if (const auto* spec = catalog_.Find(delivery.connector_id)) {
      auto resolved = oauth_clients_(s, webhooks.front().tenant_id, *spec);
      if (resolved.ok()) client = *resolved;
    }
    return absl::OkStatus();
  }));
  InboundResult result;
  result.tenant_id = webhooks.front().tenant_id;
  std::string_view authorization = delivery.headers.Get("Authorization").value_or("");
  // GitHub signs with X-Hub-Signature-256 (and a legacy SHA-1 X-Hub-Signature, never accepted);
  // Jira's admin webhooks with an X-Hub-Signature of the same "sha256=<hex>" form.
  for (std::string_view header : {"X-Hub-Signature-256", "X-Hub-Signature"}) {
    auto hub = delivery.headers.Get(header);
    if (!hub || !result.scheme.empty()) continue;
    for (const auto& w : webhooks) {
      if (w.secret && HubSignatureMatches(*hub, *w.secret, delivery.body)) result.scheme = "hub-signature";
    }
  }
  if (result.scheme == "hub-signature") {
    // A signed body carries no time: GitHub's delivery GUID is remembered for a day instead.
    if (auto guid = delivery.headers.Get("X-GitHub-Delivery"); guid && !guid->empty() && guid->size() <= 128) {
      core::TimePoint now = clock_.Now();
      UCF_RETURN_IF_ERROR(replayed_.FirstUse(core::StrCat("github-delivery:", *guid), now + std::chrono::hours(24), now));
    }
  }
  if (result.scheme.empty() && authorization.starts_with("Bearer ")) {
    std::string_view token = authorization.substr(7);
    JwtExpectations expect;
    if (!client.client_id.empty()) expect.issuers.push_back(client.client_id);
    expect.method = delivery.method;
    expect.target = delivery.target;
    core::TimePoint now = clock_.Now();
    UCF_ASSIGN_OR_RETURN(boost::json::object claims,
                         VerifyHs256Jwt(token, client.client_secret, now, expect));
    const boost::json::value* jti = claims.if_contains("jti");
    std::string replay_key = jti != nullptr && jti->is_string() && !jti->get_string().empty()
                                 ? core::StrCat("jti:", std::string_view(jti->get_string()))
                                 : core::StrCat("sha256:", core::HexEncode(crypto::Sha256(token)));
    auto exp = std::chrono::seconds(static_cast<std::int64_t>(claims.at("exp").to_number<double>()));
    UCF_RETURN_IF_ERROR(replayed_.FirstUse(replay_key, core::TimePoint(exp) + expect.clock_skew, now));
    result.scheme = "jwt";
  }
  if (result.scheme.empty()) {
    return absl::UnauthenticatedError("webhook signature refused: no valid Authorization JWT or X-Hub-Signature");
  }
  boost::json::object details = DeliveryDetails(delivery.body, result.scheme);
  details["connectionId"] = delivery.connection_id;
  if (const auto* e = details.if_contains("webhookEvent"); e && e->is_string()) result.event = std::string(e->get_string());
  if (auto github_event = delivery.headers.Get("X-GitHub-Event"); github_event && github_event->size() <= 64) {
    details["githubEvent"] = *github_event;
    if (result.event.empty()) result.event = std::string(*github_event);
  }
  audit::Actor actor{result.tenant_id, "system", delivery.request_id, delivery.client_address};
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    return s.audit_logs()
        .Append(audit::Entry(actor, "webhook.received", "connection", delivery.connection_id, details))
        .status();
  }));
  return result;
}

}  // namespace ucf::webhooks
