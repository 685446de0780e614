#include "ucf/auth/api_key_service.hpp"

#include "ucf/audit/audit_entry.hpp"
#include "ucf/auth/api_key_codec.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"

namespace ucf::auth {

absl::StatusOr<CreatedKey> ApiKeyService::Create(const audit::Actor& actor, std::string_view name,
                                                 bool read_only) {
  if (name.empty() || name.size() > 100) {
    return core::InvalidField("name", "must be 1 to 100 characters");
  }
  GeneratedKey generated = GenerateApiKey();
  CreatedKey out;
  out.key = generated.key;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    storage::ApiKeyRecord record;
    record.tenant_id = actor.tenant_id;
    record.name = std::string(name);
    record.prefix = generated.prefix;
    record.key_hash = generated.hash;
    record.read_only = read_only;
    UCF_ASSIGN_OR_RETURN(out.record, s.api_keys().Create(record));
    return s.audit_logs()
        .Append(audit::Entry(actor, "api_key.created", "api_key", out.record.id,
                             {{"name", out.record.name}, {"prefix", out.record.prefix},
                              {"readOnly", out.record.read_only}}))
        .status();
  }));
  authenticator_.Remember(out.key, Principal{Principal::Kind::kTenantKey, out.record.tenant_id,
                                             out.record.id, out.record.read_only});
  return out;
}

absl::StatusOr<std::vector<storage::ApiKeyRecord>> ApiKeyService::List(std::string_view tenant_id) {
  std::vector<storage::ApiKeyRecord> out;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(out, s.api_keys().List(tenant_id));
    return absl::OkStatus();
  }));
  // Uses noted by this instance but not flushed yet (authentication never writes).
  for (storage::ApiKeyRecord& key : out) {
    std::optional<core::TimePoint> noted = authenticator_.UnflushedLastUse(key.id);
    if (noted && (!key.last_used_at || *key.last_used_at < *noted)) key.last_used_at = noted;
  }
  return out;
}

absl::StatusOr<storage::ApiKeyRecord> ApiKeyService::Revoke(const audit::Actor& actor,
                                                            std::string_view id) {
  storage::ApiKeyRecord revoked;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(revoked, s.api_keys().Revoke(actor.tenant_id, id));
    return s.audit_logs()
        .Append(audit::Entry(actor, "api_key.revoked", "api_key", revoked.id,
                             {{"prefix", revoked.prefix}}))
        .status();
  }));
  authenticator_.Forget(revoked.id);
  return revoked;
}

}  // namespace ucf::auth
