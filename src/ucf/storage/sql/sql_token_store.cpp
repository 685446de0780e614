#include "ucf/storage/sql/sql_token_store.hpp"

#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/row_reader.hpp"
#include "ucf/storage/sql/secrets.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kTokenTable = "tokens";
constexpr std::string_view kTokenColumns =
    "id, tenant_id, connection_id, access_token, refresh_token, token_type, scopes, expires_at, "
    "version, created_at, rotated_at, refresh_lease_until";

}  // namespace

absl::StatusOr<SqlTokenStore::Sealed> SqlTokenStore::Seal(const TokenRecord& token) const {
  Sealed sealed;
  UCF_ASSIGN_OR_RETURN(sealed.access_token,
                       SealSecret(ctx_.cipher, token.access_token, kTokenTable, "access_token"));
  if (token.refresh_token.has_value()) {
    UCF_ASSIGN_OR_RETURN(sealed.refresh_token,
                         SealSecret(ctx_.cipher, *token.refresh_token, kTokenTable, "refresh_token"));
  }
  return sealed;
}

absl::StatusOr<TokenRecord> SqlTokenStore::Read(const Row& row) const {
  RowReader r(row, kTokenTable);
  TokenRecord t;
  t.id = r.Text();
  t.tenant_id = r.Text();
  t.connection_id = r.Text();
  t.access_token = r.Secret(ctx_.cipher, "access_token");
  t.refresh_token = r.OptSecret(ctx_.cipher, "refresh_token");
  t.token_type = r.Text();
  t.scopes = r.StringArray();
  t.expires_at = r.OptTime();
  t.version = r.Int();
  t.created_at = r.Time();
  t.rotated_at = r.OptTime();
  t.refresh_lease_until = r.OptTime();
  UCF_RETURN_IF_ERROR(r.status());
  return t;
}

absl::StatusOr<TokenRecord> SqlTokenStore::Put(const TokenRecord& token) {
  UCF_RETURN_IF_ERROR(RequireConnection(ctx_.db, token.tenant_id, token.connection_id));
  UCF_ASSIGN_OR_RETURN(Sealed sealed, Seal(token));
  static const std::string kSql =
      core::StrCat("INSERT INTO tokens (", kTokenColumns,
                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, NULL, NULL) "
                   "ON CONFLICT (connection_id) DO UPDATE SET id = excluded.id, "
                   "access_token = excluded.access_token, refresh_token = excluded.refresh_token, "
                   "token_type = excluded.token_type, scopes = excluded.scopes, "
                   "expires_at = excluded.expires_at, version = tokens.version + 1, "
                   "created_at = excluded.created_at, rotated_at = excluded.created_at, "
                   "refresh_lease_owner = NULL, refresh_lease_until = NULL RETURNING ",
                   kTokenColumns);
  std::string id = token.id.empty() ? core::NewId("tok") : token.id;
  UCF_ASSIGN_OR_RETURN(
      Rows rows,
      ctx_.db.Query(kSql, {id, token.tenant_id, token.connection_id, sealed.access_token,
                           sealed.refresh_token, token.token_type, Value::StringArray(token.scopes),
                           token.expires_at, ctx_.clock.Now()}));
  if (rows.empty()) return absl::InternalError("tokens upsert returned no row");
  return Read(rows[0]);
}

absl::StatusOr<TokenRecord> SqlTokenStore::GetCurrent(std::string_view tenant_id,
                                                      std::string_view connection_id) {
  static const std::string kSql =
      core::StrCat("SELECT ", kTokenColumns, " FROM tokens WHERE tenant_id = $1 AND connection_id = $2");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, connection_id}));
  if (rows.empty()) return absl::NotFoundError("token not found");
  return Read(rows[0]);
}

absl::StatusOr<TokenRecord> SqlTokenStore::CompareAndSwap(std::string_view tenant_id,
                                                          std::string_view connection_id,
                                                          std::int64_t expected_version,
                                                          const TokenRecord& next) {
  UCF_ASSIGN_OR_RETURN(Sealed sealed, Seal(next));
  static const std::string kSql = core::StrCat(
      "UPDATE tokens SET id = $4, access_token = $5, refresh_token = $6, token_type = $7, "
      "scopes = $8, expires_at = $9, version = version + 1, created_at = $10, rotated_at = $10, "
      "refresh_lease_owner = NULL, refresh_lease_until = NULL "
      "WHERE tenant_id = $1 AND connection_id = $2 AND version = $3 RETURNING ",
      kTokenColumns);
  std::string id = next.id.empty() ? core::NewId("tok") : next.id;
  UCF_ASSIGN_OR_RETURN(
      Rows rows,
      ctx_.db.Query(kSql, {tenant_id, connection_id, expected_version, id, sealed.access_token,
                           sealed.refresh_token, next.token_type, Value::StringArray(next.scopes),
                           next.expires_at, ctx_.clock.Now()}));
  if (!rows.empty()) return Read(rows[0]);
  UCF_ASSIGN_OR_RETURN(
      Rows current,
      ctx_.db.Query("SELECT 1 FROM tokens WHERE tenant_id = $1 AND connection_id = $2",
                    {tenant_id, connection_id}));
  if (current.empty()) return absl::NotFoundError("token not found");
  return absl::AbortedError("token version changed concurrently");
}

absl::StatusOr<bool> SqlTokenStore::ClaimRefreshLease(std::string_view tenant_id,
                                                      std::string_view connection_id,
                                                      std::int64_t expected_version,
                                                      std::string_view owner, core::TimePoint now,
                                                      core::TimePoint until) {
  UCF_ASSIGN_OR_RETURN(
      std::int64_t claimed,
      ctx_.db.Exec("UPDATE tokens SET refresh_lease_owner = $4, refresh_lease_until = $6 "
                   "WHERE tenant_id = $1 AND connection_id = $2 AND version = $3 AND "
                   "(refresh_lease_until IS NULL OR refresh_lease_until <= $5 OR "
                   "refresh_lease_owner = $4)",
                   {tenant_id, connection_id, expected_version, owner, now, until}));
  if (claimed > 0) return true;
  UCF_ASSIGN_OR_RETURN(
      Rows current,
      ctx_.db.Query("SELECT 1 FROM tokens WHERE tenant_id = $1 AND connection_id = $2",
                    {tenant_id, connection_id}));
  if (current.empty()) return absl::NotFoundError("token not found");
  return false;
}

absl::Status SqlTokenStore::ReleaseRefreshLease(std::string_view tenant_id,
                                                std::string_view connection_id,
                                                std::string_view owner) {
  return ctx_.db
      .Exec("UPDATE tokens SET refresh_lease_owner = NULL, refresh_lease_until = NULL "
            "WHERE tenant_id = $1 AND connection_id = $2 AND refresh_lease_owner = $3",
            {tenant_id, connection_id, owner})
      .status();
}

absl::Status SqlTokenStore::Delete(std::string_view tenant_id, std::string_view connection_id) {
  UCF_ASSIGN_OR_RETURN(
      std::int64_t changed,
      ctx_.db.Exec("DELETE FROM tokens WHERE tenant_id = $1 AND connection_id = $2",
                   {tenant_id, connection_id}));
  if (changed == 0) return absl::NotFoundError("token not found");
  return absl::OkStatus();
}

}  // namespace ucf::storage::sql
