#include "ucf/storage/sql/sql_tenant_store.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/storage/sql/row_reader.hpp"

namespace ucf::storage::sql {
namespace {

absl::StatusOr<TenantRecord> ReadTenant(const Row& row) {
  RowReader r(row, "tenants");
  TenantRecord t;
  t.id = r.Text();
  t.name = r.Text();
  t.created_at = r.Time();
  UCF_RETURN_IF_ERROR(r.status());
  return t;
}

}  // namespace

absl::StatusOr<TenantRecord> SqlTenantStore::Create(const TenantRecord& tenant) {
  UCF_ASSIGN_OR_RETURN(
      Rows rows, ctx_.db.Query("INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3) "
                               "ON CONFLICT DO NOTHING RETURNING id, name, created_at",
                               {tenant.id, tenant.name, ctx_.clock.Now()}));
  if (rows.empty()) return absl::AlreadyExistsError("tenant already exists");
  return ReadTenant(rows[0]);
}

absl::StatusOr<TenantRecord> SqlTenantStore::Get(std::string_view id) {
  UCF_ASSIGN_OR_RETURN(
      Rows rows, ctx_.db.Query("SELECT id, name, created_at FROM tenants WHERE id = $1", {id}));
  if (rows.empty()) return absl::NotFoundError("tenant not found");
  return ReadTenant(rows[0]);
}

absl::StatusOr<std::vector<TenantRecord>> SqlTenantStore::List() {
  UCF_ASSIGN_OR_RETURN(Rows rows,
                       ctx_.db.Query("SELECT id, name, created_at FROM tenants ORDER BY id", {}));
  std::vector<TenantRecord> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    UCF_ASSIGN_OR_RETURN(TenantRecord t, ReadTenant(row));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace ucf::storage::sql
