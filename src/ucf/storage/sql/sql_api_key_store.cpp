#include "ucf/storage/sql/sql_api_key_store.hpp"

#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/row_reader.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kApiKeyColumns =
    "id, tenant_id, name, prefix, key_hash, created_at, last_used_at, revoked_at, read_only";

absl::StatusOr<ApiKeyRecord> ReadKey(const Row& row) {
  RowReader r(row, "api_keys");
  ApiKeyRecord k;
  k.id = r.Text();
  k.tenant_id = r.Text();
  k.name = r.Text();
  k.prefix = r.Text();
  k.key_hash = r.Text();
  k.created_at = r.Time();
  k.last_used_at = r.OptTime();
  k.revoked_at = r.OptTime();
  k.read_only = r.Bool();
  UCF_RETURN_IF_ERROR(r.status());
  return k;
}

absl::StatusOr<ApiKeyRecord> FirstKey(const Rows& rows) {
  if (rows.empty()) return absl::NotFoundError("API key not found");
  return ReadKey(rows[0]);
}

}  // namespace

absl::StatusOr<ApiKeyRecord> SqlApiKeyStore::Create(const ApiKeyRecord& key) {
  UCF_RETURN_IF_ERROR(RequireTenant(ctx_.db, key.tenant_id));
  static const std::string kSql = core::StrCat(
      "INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, created_at, read_only) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING ",
      kApiKeyColumns);
  std::string id = key.id.empty() ? core::NewId("key") : key.id;
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {id, key.tenant_id, key.name, key.prefix,
                                                       key.key_hash, ctx_.clock.Now(), key.read_only}));
  if (rows.empty()) return absl::AlreadyExistsError("API key id or prefix already exists");
  return ReadKey(rows[0]);
}

absl::StatusOr<ApiKeyRecord> SqlApiKeyStore::FindByPrefix(std::string_view prefix) {
  static const std::string kSql =
      core::StrCat("SELECT ", kApiKeyColumns, " FROM api_keys WHERE prefix = $1");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {prefix}));
  return FirstKey(rows);
}

absl::StatusOr<ApiKeyRecord> SqlApiKeyStore::Get(std::string_view tenant_id, std::string_view id) {
  static const std::string kSql =
      core::StrCat("SELECT ", kApiKeyColumns, " FROM api_keys WHERE tenant_id = $1 AND id = $2");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, id}));
  return FirstKey(rows);
}

absl::StatusOr<std::vector<ApiKeyRecord>> SqlApiKeyStore::List(std::string_view tenant_id) {
  static const std::string kSql = core::StrCat(
      "SELECT ", kApiKeyColumns, " FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id");
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id}));
  std::vector<ApiKeyRecord> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    UCF_ASSIGN_OR_RETURN(ApiKeyRecord k, ReadKey(row));
    out.push_back(std::move(k));
  }
  return out;
}

absl::StatusOr<ApiKeyRecord> SqlApiKeyStore::Revoke(std::string_view tenant_id,
                                                    std::string_view id) {
  static const std::string kSql = core::StrCat(
      "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3) "
      "WHERE tenant_id = $1 AND id = $2 RETURNING ",
      kApiKeyColumns);
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {tenant_id, id, ctx_.clock.Now()}));
  return FirstKey(rows);
}

absl::Status SqlApiKeyStore::TouchLastUsed(std::string_view id, core::TimePoint at) {
  UCF_ASSIGN_OR_RETURN(
      std::int64_t changed,
      ctx_.db.Exec("UPDATE api_keys SET last_used_at = $2 WHERE id = $1", {id, at}));
  if (changed == 0) return absl::NotFoundError("API key not found");
  return absl::OkStatus();
}

}  // namespace ucf::storage::sql
