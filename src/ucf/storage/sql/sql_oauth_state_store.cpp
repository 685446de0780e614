#include "ucf/storage/sql/sql_oauth_state_store.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/sql/ownership.hpp"
#include "ucf/storage/sql/row_reader.hpp"
#include "ucf/storage/sql/secrets.hpp"

namespace ucf::storage::sql {
namespace {

constexpr std::string_view kOauthStateTable = "oauth_states";
constexpr std::string_view kOauthStateColumns =
    "state_hash, tenant_id, connector_id, redirect_uri, scopes, code_verifier, connection_name, "
    "extra, created_at, expires_at";

}  // namespace

absl::StatusOr<OAuthStateRecord> SqlOAuthStateStore::Read(const Row& row) const {
  RowReader r(row, kOauthStateTable);
  OAuthStateRecord s;
  s.state_hash = r.Text();
  s.tenant_id = r.Text();
  s.connector_id = r.Text();
  s.redirect_uri = r.Text();
  s.scopes = r.StringArray();
  s.code_verifier = r.Secret(ctx_.cipher, "code_verifier");
  s.connection_name = r.OptText();
  s.extra = r.Object();
  s.created_at = r.Time();
  s.expires_at = r.Time();
  UCF_RETURN_IF_ERROR(r.status());
  return s;
}

absl::StatusOr<OAuthStateRecord> SqlOAuthStateStore::Create(const OAuthStateRecord& state) {
  UCF_RETURN_IF_ERROR(RequireTenant(ctx_.db, state.tenant_id));
  UCF_ASSIGN_OR_RETURN(std::string verifier,
                       SealSecret(ctx_.cipher, state.code_verifier, kOauthStateTable, "code_verifier"));
  static const std::string kSql = core::StrCat(
      "INSERT INTO oauth_states (", kOauthStateColumns,
      ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING ",
      kOauthStateColumns);
  UCF_ASSIGN_OR_RETURN(
      Rows rows, ctx_.db.Query(kSql, {state.state_hash, state.tenant_id, state.connector_id,
                                      state.redirect_uri, Value::StringArray(state.scopes),
                                      verifier, state.connection_name, Value::Json(state.extra),
                                      ctx_.clock.Now(), state.expires_at}));
  if (rows.empty()) return absl::AlreadyExistsError("OAuth state already exists");
  return Read(rows[0]);
}

absl::StatusOr<OAuthStateRecord> SqlOAuthStateStore::Consume(std::string_view state_hash,
                                                             core::TimePoint now) {
  static const std::string kSql =
      core::StrCat("DELETE FROM oauth_states WHERE state_hash = $1 RETURNING ", kOauthStateColumns);
  UCF_ASSIGN_OR_RETURN(Rows rows, ctx_.db.Query(kSql, {state_hash}));
  if (rows.empty()) return absl::NotFoundError("unknown or already used OAuth state");
  UCF_ASSIGN_OR_RETURN(OAuthStateRecord state, Read(rows[0]));
  if (state.expires_at <= now) return absl::NotFoundError("OAuth state expired");
  return state;
}

absl::StatusOr<std::int64_t> SqlOAuthStateStore::PurgeExpired(core::TimePoint now) {
  return ctx_.db.Exec("DELETE FROM oauth_states WHERE expires_at <= $1", {now});
}

}  // namespace ucf::storage::sql
