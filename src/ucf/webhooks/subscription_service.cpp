#include "ucf/webhooks/subscription_service.hpp"

#include <algorithm>

#include "ucf/audit/audit_entry.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/client/address_policy.hpp"
#include "ucf/webhooks/signing_secrets.hpp"

namespace ucf::webhooks {
namespace {

constexpr std::size_t kMaxUrl = 2048;
constexpr std::chrono::seconds kMaxGrace{7 * 24 * 3600};

// The host of an absolute http(s) URL ("" when it is not one); `[v6]` loses its brackets.
std::string HostOf(std::string_view url) {
  std::string_view rest;
  if (core::StartsWith(url, "https://")) rest = url.substr(8);
  else if (core::StartsWith(url, "http://")) rest = url.substr(7);
  else return "";
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) return "";
  if (core::StartsWith(authority, "[")) {
    std::size_t close = authority.find(']');
    return close == std::string_view::npos ? "" : std::string(authority.substr(1, close - 1));
  }
  return std::string(authority.substr(0, authority.find(':')));
}

}  // namespace

absl::Status SubscriptionService::CheckTarget(std::string_view url) const {
  if (url.size() > kMaxUrl) return core::InvalidField("url", "must be at most 2048 bytes");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return core::InvalidField("url", "must not contain spaces or control characters");
  }
  std::string host = HostOf(url);
  if (host.empty()) return core::InvalidField("url", "must be an absolute http(s) URL with a host and no user info");
  if (!allow_private_) {
    std::optional<bool> refused = http::IsRefusedAddress(host);
    if ((refused && *refused) || core::ToLower(host) == "localhost") {
      return core::InvalidField("url", "points to a private or reserved address (UCF_ALLOW_PRIVATE_UPSTREAMS is off)");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<CreatedSubscription> SubscriptionService::Create(const audit::Actor& actor, std::string_view url,
                                                                const std::vector<std::string>& events) {
  UCF_RETURN_IF_ERROR(CheckTarget(url));
  if (events.size() > std::size(kApplicationEvents)) return core::InvalidField("events", "lists too many events");
  for (const std::string& e : events) {
    if (std::find(std::begin(kApplicationEvents), std::end(kApplicationEvents), e) == std::end(kApplicationEvents)) {
      return core::InvalidField("events", "must be among sync.finished, sync.failed, records.changed, "
                                          "connection.needs_reauth, connection.recovered");
    }
  }
  CreatedSubscription out;
  out.secret = NewWebhookSecret();
  storage::WebhookSubscriptionRecord record;
  record.tenant_id = actor.tenant_id;
  record.url = std::string(url);
  record.secret = SerializeSecrets({out.secret, std::nullopt, std::nullopt});
  record.events = events;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(out.subscription, s.webhook_subscriptions().Create(record));
    return s.audit_logs()
        .Append(audit::Entry(actor, "webhook_subscription.created", "webhook_subscription", out.subscription.id,
                             {{"url", out.subscription.url}}))
        .status();
  }));
  out.subscription.secret.clear();
  return out;
}

absl::StatusOr<std::vector<storage::WebhookSubscriptionRecord>> SubscriptionService::List(std::string_view tenant_id) {
  std::vector<storage::WebhookSubscriptionRecord> out;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(out, s.webhook_subscriptions().List(tenant_id));
    return absl::OkStatus();
  }));
  for (auto& sub : out) sub.secret.clear();
  return out;
}

absl::StatusOr<storage::WebhookSubscriptionRecord> SubscriptionService::Get(std::string_view tenant_id,
                                                                           std::string_view id) {
  storage::WebhookSubscriptionRecord out;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(out, s.webhook_subscriptions().Get(tenant_id, id));
    return absl::OkStatus();
  }));
  out.secret.clear();
  return out;
}

absl::Status SubscriptionService::Delete(const audit::Actor& actor, std::string_view id) {
  return db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(s.webhook_subscriptions().Delete(actor.tenant_id, id));
    return s.audit_logs()
        .Append(audit::Entry(actor, "webhook_subscription.deleted", "webhook_subscription", id))
        .status();
  });
}

absl::StatusOr<CreatedSubscription> SubscriptionService::Rotate(const audit::Actor& actor, std::string_view id,
                                                                std::chrono::seconds grace) {
  if (grace.count() < 0 || grace > kMaxGrace) return core::InvalidField("graceSeconds", "must be between 0 and 604800");
  CreatedSubscription out;
  out.secret = NewWebhookSecret();
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(out.subscription, s.webhook_subscriptions().Get(actor.tenant_id, id));
    SigningSecrets old = ParseSecrets(out.subscription.secret);
    SigningSecrets next{out.secret, old.current, clock_.Now() + grace};
    UCF_RETURN_IF_ERROR(s.webhook_subscriptions().UpdateSecret(actor.tenant_id, id, SerializeSecrets(next)));
    return s.audit_logs()
        .Append(audit::Entry(actor, "webhook_subscription.rotated", "webhook_subscription", id,
                             {{"graceSeconds", grace.count()}}))
        .status();
  }));
  out.subscription.secret.clear();
  return out;
}

absl::StatusOr<storage::Page<storage::WebhookDeliveryRecord>> SubscriptionService::Deliveries(
    std::string_view tenant_id, std::string_view id, std::string_view cursor, int limit) {
  storage::Page<storage::WebhookDeliveryRecord> page;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(s.webhook_subscriptions().Get(tenant_id, id).status());
    UCF_ASSIGN_OR_RETURN(page, s.webhook_deliveries().List(tenant_id, id, cursor, limit));
    return absl::OkStatus();
  }));
  return page;
}

}  // namespace ucf::webhooks
