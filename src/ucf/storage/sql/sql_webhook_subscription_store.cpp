#include "ucf/storage/sql/sql_webhook_subscription_store.hpp"

#include <algorithm>

#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/row_reader.hpp"
#include "ucf/storage/sql/secrets.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kWebhookSubscriptionTable = "webhook_subscriptions";
constexpr std::string_view kWebhookSubscriptionColumns = "id, tenant_id, url, secret, events, active, created_at";

}  // namespace

absl::StatusOr<WebhookSubscriptionRecord> SqlWebhookSubscriptionStore::Read(const Row& row) const {
  RowReader r(row, kWebhookSubscriptionTable);
  WebhookSubscriptionRecord s;
  s.id = r.Text();
  s.tenant_id = r.Text();
  s.url = r.Text();
  s.secret = r.Secret(ctx_.cipher, "secret");
  s.events = r.StringArray();
  s.active = r.Bool();
  s.created_at = r.Time();
  UCF_RETURN_IF_ERROR(r.status());
  return s;
}

absl::StatusOr<WebhookSubscriptionRecord> SqlWebhookSubscriptionStore::Create(
    const WebhookSubscriptionRecord& subscription) {
  UCF_RETURN_IF_ERROR(RequireTenant(ctx_.db, subscription.tenant_id));
  UCF_ASSIGN_OR_RETURN(std::string sealed,
                       SealSecret(ctx_.cipher, subscription.secret, kWebhookSubscriptionTable, "secret"));
  static const std::string kSql = core::StrCat(
      "INSERT INTO webhook_subscriptions (", kWebhookSubscriptionColumns,
      ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING ", kWebhookSubscriptionColumns);
  std::string id = subscription.id.empty() ? core::NewId("wsub") : subscription.id;
  UCF_ASSIGN_OR_RETURN(
      Rows rows, ctx_.db.Query(kSql, {id, subscription.tenant_id, subscription.url, sealed,
                                      Value::StringArray(subscription.events), subscription.active,
                                      ctx_.clock.Now()}));
  if (rows.empty()) return absl::AlreadyExistsError("webhook subscription id already exists");
  return Read(rows[0]);
}

absl::StatusOr<WebhookSubscriptionRecord> SqlWebhookSubscriptionStore::Get(
    std::string_view tenant_id, std::string_view id) {
  static const std::string kSql = core::StrCat(
      "SELECT ", kWebhookSubscriptionColumns, " FROM webhook_subscriptions WHERE tenant_id = $1 AND id = $2");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, id}));
  if (rows.empty()) return absl::NotFoundError("webhook subscription not found");
  return Read(rows[0]);
}

absl::StatusOr<std::vector<WebhookSubscriptionRecord>> SqlWebhookSubscriptionStore::List(
    std::string_view tenant_id) {
  static const std::string kSql =
      core::StrCat("SELECT ", kWebhookSubscriptionColumns,
                   " FROM webhook_subscriptions WHERE tenant_id = $1 ORDER BY created_at, id");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id}));
  std::vector<WebhookSubscriptionRecord> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    UCF_ASSIGN_OR_RETURN(WebhookSubscriptionRecord s, Read(row));
    out.push_back(std::move(s));
  }
  return out;
}

absl::StatusOr<std::vector<WebhookSubscriptionRecord>> SqlWebhookSubscriptionStore::ListForEvent(
    std::string_view tenant_id, std::string_view event) {
  UCF_ASSIGN_OR_RETURN(std::vector<WebhookSubscriptionRecord> all, List(tenant_id));
  std::vector<WebhookSubscriptionRecord> out;
  for (WebhookSubscriptionRecord& s : all) {
    bool wanted =
        s.events.empty() || std::find(s.events.begin(), s.events.end(), event) != s.events.end();
    if (s.active && wanted) out.push_back(std::move(s));
  }
  return out;
}

absl::Status SqlWebhookSubscriptionStore::UpdateSecret(std::string_view tenant_id, std::string_view id,
                                                       std::string_view secret) {
  UCF_ASSIGN_OR_RETURN(std::string sealed, SealSecret(ctx_.cipher, secret, kWebhookSubscriptionTable, "secret"));
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query("UPDATE webhook_subscriptions SET secret = $3 "
                                                "WHERE tenant_id = $1 AND id = $2 RETURNING id",
                                                {tenant_id, id, sealed}));
  if (rows.empty()) return absl::NotFoundError("webhook subscription not found");
  return absl::OkStatus();
}

absl::Status SqlWebhookSubscriptionStore::SetActive(std::string_view tenant_id, std::string_view id,
                                                    bool active) {
  UCF_ASSIGN_OR_RETURN(
      std::int64_t changed,
      ctx_.db.Exec("UPDATE webhook_subscriptions SET active = $3 WHERE tenant_id = $1 AND id = $2",
                   {tenant_id, id, active}));
  if (changed == 0) return absl::NotFoundError("webhook subscription not found");
  return absl::OkStatus();
}

absl::Status SqlWebhookSubscriptionStore::Delete(std::string_view tenant_id, std::string_view id) {
  UCF_ASSIGN_OR_RETURN(
      std::int64_t changed,
      ctx_.db.Exec("DELETE FROM webhook_subscriptions WHERE tenant_id = $1 AND id = $2",
                   {tenant_id, id}));
  if (changed == 0) return absl::NotFoundError("webhook subscription not found");
  return absl::OkStatus();
}

}  // namespace ucf::storage::sql
