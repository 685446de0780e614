#include "ucf/storage/sql/sql_webhook_store.hpp"

#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/row_reader.hpp"
#include "ucf/storage/sql/secrets.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kWebhookTable = "webhooks";
// Written by Create.
constexpr std::string_view kWebhookColumns =
    "id, tenant_id, connection_id, connector_id, provider_webhook_id, secret, events, "
    "callback_url, expires_at, created_at";
// Read: the above and the keep-alive backoff.
constexpr std::string_view kSelect =
    "id, tenant_id, connection_id, connector_id, provider_webhook_id, secret, events, "
    "callback_url, expires_at, created_at, failures, next_attempt_at";

}  // namespace

absl::StatusOr<WebhookRecord> SqlWebhookStore::Read(const Row& row) const {
  RowReader r(row, kWebhookTable);
  WebhookRecord w;
  w.id = r.Text();
  w.tenant_id = r.Text();
  w.connection_id = r.Text();
  w.connector_id = r.Text();
  w.provider_webhook_id = r.Text();
  w.secret = r.OptSecret(ctx_.cipher, "secret");
  w.events = r.StringArray();
  w.callback_url = r.Text();
  w.expires_at = r.OptTime();
  w.created_at = r.Time();
  w.failures = static_cast<int>(r.Int());
  w.next_attempt_at = r.OptTime();
  UCF_RETURN_IF_ERROR(r.status());
  return w;
}

absl::StatusOr<std::vector<WebhookRecord>> SqlWebhookStore::ReadAll(const Rows& rows) const {
  std::vector<WebhookRecord> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    UCF_ASSIGN_OR_RETURN(WebhookRecord w, Read(row));
    out.push_back(std::move(w));
  }
  return out;
}

absl::StatusOr<WebhookRecord> SqlWebhookStore::Create(const WebhookRecord& webhook) {
  UCF_RETURN_IF_ERROR(RequireConnection(ctx_.db, webhook.tenant_id, webhook.connection_id));
  std::optional<std::string> sealed;
  if (webhook.secret.has_value()) {
    UCF_ASSIGN_OR_RETURN(sealed, SealSecret(ctx_.cipher, *webhook.secret, kWebhookTable, "secret"));
  }
  static const std::string kSql = core::StrCat(
      "INSERT INTO webhooks (", kWebhookColumns,
      ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING ",
      kSelect);
  std::string id = webhook.id.empty() ? core::NewId("whk") : webhook.id;
  UCF_ASSIGN_OR_RETURN(
      Rows rows,
      ctx_.db.Query(kSql, {id, webhook.tenant_id, webhook.connection_id, webhook.connector_id,
                           webhook.provider_webhook_id, sealed, Value::StringArray(webhook.events),
                           webhook.callback_url, webhook.expires_at, ctx_.clock.Now()}));
  if (rows.empty()) return absl::AlreadyExistsError("webhook id already exists");
  return Read(rows[0]);
}

absl::StatusOr<WebhookRecord> SqlWebhookStore::Get(std::string_view tenant_id,
                                                   std::string_view id) {
  static const std::string kSql =
      core::StrCat("SELECT ", kSelect, " FROM webhooks WHERE tenant_id = $1 AND id = $2");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, id}));
  if (rows.empty()) return absl::NotFoundError("webhook not found");
  return Read(rows[0]);
}

absl::StatusOr<std::vector<WebhookRecord>> SqlWebhookStore::List(
    std::string_view tenant_id, std::optional<std::string_view> connection_id) {
  static const std::string kAll = core::StrCat(
      "SELECT ", kSelect, " FROM webhooks WHERE tenant_id = $1 ORDER BY created_at, id");
  static const std::string kOfConnection =
      core::StrCat("SELECT ", kSelect,
                   " FROM webhooks WHERE tenant_id = $1 AND connection_id = $2 "
                   "ORDER BY created_at, id");
  Rows rows;
  if (connection_id.has_value()) {
    UCF_ASSIGN_OR_RETURN(rows, ctx_.db.Query(kOfConnection, {tenant_id, *connection_id}));
  } else {
    UCF_ASSIGN_OR_RETURN(rows, ctx_.db.Query(kAll, {tenant_id}));
  }
  return ReadAll(rows);
}

absl::StatusOr<std::vector<WebhookRecord>> SqlWebhookStore::ListForInbound(
    std::string_view connector_id, std::string_view connection_id) {
  static const std::string kSql =
      core::StrCat("SELECT ", kSelect,
                   " FROM webhooks WHERE connection_id = $1 AND connector_id = $2 "
                   "ORDER BY created_at, id");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {connection_id, connector_id}));
  return ReadAll(rows);
}

absl::StatusOr<std::vector<WebhookRecord>> SqlWebhookStore::ListDue(core::TimePoint now, core::TimePoint before,
                                                                    int limit) {
  static const std::string kSql = core::StrCat(
      "SELECT ", kSelect,
      " FROM webhooks WHERE expires_at IS NOT NULL AND expires_at < $1 "
      "AND (next_attempt_at IS NULL OR next_attempt_at <= $2) "
      "AND NOT EXISTS (SELECT 1 FROM connections c WHERE c.tenant_id = webhooks.tenant_id "
      "AND c.id = webhooks.connection_id AND c.status = 'revoked') "
      "ORDER BY next_attempt_at ASC NULLS FIRST, expires_at, id LIMIT $3");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {before, now, static_cast<std::int64_t>(limit)}));
  return ReadAll(rows);
}

absl::Status SqlWebhookStore::UpdateExpiry(std::string_view tenant_id, std::string_view id,
                                           std::optional<core::TimePoint> expires_at) {
  UCF_ASSIGN_OR_RETURN(std::int64_t changed,
                       ctx_.db.Exec("UPDATE webhooks SET expires_at = $3, failures = 0, next_attempt_at = NULL "
                                    "WHERE tenant_id = $1 AND id = $2",
                                    {tenant_id, id, expires_at}));
  if (changed == 0) return absl::NotFoundError("webhook not found");
  return absl::OkStatus();
}

absl::Status SqlWebhookStore::MarkRefreshFailed(std::string_view tenant_id, std::string_view id,
                                                core::TimePoint next_attempt_at) {
  UCF_ASSIGN_OR_RETURN(std::int64_t changed,
                       ctx_.db.Exec("UPDATE webhooks SET failures = failures + 1, next_attempt_at = $3 "
                                    "WHERE tenant_id = $1 AND id = $2",
                                    {tenant_id, id, next_attempt_at}));
  if (changed == 0) return absl::NotFoundError("webhook not found");
  return absl::OkStatus();
}

absl::Status SqlWebhookStore::Delete(std::string_view tenant_id, std::string_view id) {
  UCF_ASSIGN_OR_RETURN(
      std::int64_t changed,
      ctx_.db.Exec("DELETE FROM webhooks WHERE tenant_id = $1 AND id = $2", {tenant_id, id}));
  if (changed == 0) return absl::NotFoundError("webhook not found");
  return absl::OkStatus();
}

}  // namespace ucf::storage::sql
