#include "ucf/storage/sql/sql_webhook_delivery_store.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/paging.hpp"
#include "ucf/storage/sql/row_reader.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kWebhookDeliveryColumns =
    "id, tenant_id, subscription_id, event, payload, status, attempts, next_attempt_at, "
    "last_error, created_at, updated_at";

absl::StatusOr<WebhookDeliveryRecord> ReadDelivery(const Row& row) {
  RowReader r(row, "webhook_deliveries");
  WebhookDeliveryRecord d;
  d.id = r.Text();
  d.tenant_id = r.Text();
  d.subscription_id = r.Text();
  d.event = r.Text();
  d.payload = r.Object();
  d.status = r.Text();
  d.attempts = static_cast<int>(r.Int());
  d.next_attempt_at = r.OptTime();
  d.last_error = r.OptText();
  d.created_at = r.Time();
  d.updated_at = r.Time();
  UCF_RETURN_IF_ERROR(r.status());
  return d;
}

absl::Status CheckStatus(std::string_view status) {
  if (status == kDeliveryPending || status == kDeliverySucceeded || status == kDeliveryFailed) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError("unknown webhook delivery status");
}

}  // namespace

absl::StatusOr<WebhookDeliveryRecord> SqlWebhookDeliveryStore::Create(
    const WebhookDeliveryRecord& delivery) {
  UCF_RETURN_IF_ERROR(CheckStatus(delivery.status));
  UCF_RETURN_IF_ERROR(RequireSubscription(ctx_.db, delivery.tenant_id, delivery.subscription_id));
  static const std::string kSql =
      core::StrCat("INSERT INTO webhook_deliveries (", kWebhookDeliveryColumns,
                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING ", kWebhookDeliveryColumns);
  core::TimePoint now = ctx_.clock.Now();
  std::string id = delivery.id.empty() ? core::NewId("wdel") : delivery.id;
  UCF_ASSIGN_OR_RETURN(
      Rows rows,
      ctx_.db.Query(kSql, {id, delivery.tenant_id, delivery.subscription_id, delivery.event,
                           Value::Json(delivery.payload), delivery.status, delivery.attempts,
                           delivery.next_attempt_at.value_or(now), delivery.last_error, now}));
  if (rows.empty()) return absl::InternalError("webhook_deliveries insert returned no row");
  return ReadDelivery(rows[0]);
}

absl::StatusOr<WebhookDeliveryRecord> SqlWebhookDeliveryStore::Get(std::string_view tenant_id,
                                                                   std::string_view id) {
  static const std::string kSql = core::StrCat(
      "SELECT ", kWebhookDeliveryColumns, " FROM webhook_deliveries WHERE tenant_id = $1 AND id = $2");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, id}));
  if (rows.empty()) return absl::NotFoundError("webhook delivery not found");
  return ReadDelivery(rows[0]);
}

absl::StatusOr<Page<WebhookDeliveryRecord>> SqlWebhookDeliveryStore::List(
    std::string_view tenant_id, std::optional<std::string_view> subscription_id,
    std::string_view cursor, int limit) {
  limit = ClampLimit(limit);
  std::string sql =
      core::StrCat("SELECT ", kWebhookDeliveryColumns, " FROM webhook_deliveries WHERE tenant_id = $1");
  std::vector<Value> params = {tenant_id};
  if (subscription_id.has_value()) {
    params.push_back(*subscription_id);
    core::StrAppend(&sql, " AND subscription_id = $", params.size());
  }
  if (!cursor.empty()) UCF_RETURN_IF_ERROR(AppendCreatedAtAfter(cursor, "<", sql, params));
  params.push_back(limit + 1);
  core::StrAppend(&sql, " ORDER BY created_at DESC, id DESC LIMIT $", params.size());

  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(sql, params));
  Page<WebhookDeliveryRecord> page;
  for (const Row& row : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next = CreatedAtCursor(page.items.back().created_at, page.items.back().id);
      break;
    }
    UCF_ASSIGN_OR_RETURN(WebhookDeliveryRecord d, ReadDelivery(row));
    page.items.push_back(std::move(d));
  }
  return page;
}

absl::StatusOr<std::vector<WebhookDeliveryRecord>> SqlWebhookDeliveryStore::ClaimDue(
    core::TimePoint now, std::chrono::milliseconds lease, int limit) {
  static const std::string kClaim =
      "UPDATE webhook_deliveries SET next_attempt_at = $2, updated_at = $1 "
      "WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' "
      "AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $3";
  static const std::string kSqlite = core::StrCat(kClaim, ") RETURNING ", kWebhookDeliveryColumns);
  static const std::string kPostgres =
      core::StrCat(kClaim, " FOR UPDATE SKIP LOCKED) RETURNING ", kWebhookDeliveryColumns);
  const std::string& sql = ctx_.db.dialect() == Dialect::kPostgres ? kPostgres : kSqlite;
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(sql, {now, now + lease, ClampLimit(limit)}));
  std::vector<WebhookDeliveryRecord> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    UCF_ASSIGN_OR_RETURN(WebhookDeliveryRecord d, ReadDelivery(row));
    out.push_back(std::move(d));
  }
  // RETURNING has no order; hand out the oldest first.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
  });
  return out;
}

absl::StatusOr<WebhookDeliveryRecord> SqlWebhookDeliveryStore::Update(
    std::string_view tenant_id, std::string_view id, const WebhookDeliveryUpdate& update) {
  UCF_RETURN_IF_ERROR(CheckStatus(update.status));
  static const std::string kSql = core::StrCat(
      "UPDATE webhook_deliveries SET status = $3, attempts = $4, next_attempt_at = $5, "
      "last_error = $6, updated_at = $7 WHERE tenant_id = $1 AND id = $2 RETURNING ",
      kWebhookDeliveryColumns);
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, id, update.status,
                                                       update.attempts, update.next_attempt_at,
                                                       update.last_error, ctx_.clock.Now()}));
  if (rows.empty()) return absl::NotFoundError("webhook delivery not found");
  return ReadDelivery(rows[0]);
}

}  // namespace ucf::storage::sql
