#include "ucf/connections/connection_removal.hpp"

#include "ucf/core/status_macros.hpp"

namespace ucf::connections {

absl::StatusOr<RemovalResult> ConnectionRemoval::Remove(const audit::Actor& actor,
                                                        std::string_view connection_id) {
  storage::ConnectionRecord connection;
  std::vector<storage::WebhookRecord> hooks;
  bool has_token = false;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(connection, s.connections().Get(actor.tenant_id, connection_id));
    UCF_ASSIGN_OR_RETURN(hooks, s.webhooks().List(actor.tenant_id, connection.id));
    absl::StatusOr<storage::TokenRecord> token = s.tokens().GetCurrent(actor.tenant_id, connection.id);
    if (!token.ok() && !absl::IsNotFound(token.status())) return token.status();
    has_token = token.ok();
    return absl::OkStatus();
  }));
  RemovalResult out;
  out.connection_id = connection.id;
  // Webhooks first: removing them at the provider needs the connection's credentials.
  for (const storage::WebhookRecord& hook : hooks) {
    absl::Status removed = webhooks_.Unregister(actor, hook.connector_id, hook.id);
    ++(removed.ok() ? out.webhooks_removed : out.webhooks_failed);
  }
  out.provider_revocation = "no_token";
  if (has_token) {
    UCF_ASSIGN_OR_RETURN(RevocationResult revoked,
                         revoker_.Revoke(actor, connection.id, "connection deleted"));
    out.provider_revocation = revoked.provider_revocation;
  }
  UCF_RETURN_IF_ERROR(connections_.Delete(
      actor, connection.id,
      {{"providerRevocation", out.provider_revocation},
       {"webhooks", {{"removed", out.webhooks_removed}, {"failed", out.webhooks_failed}}}}));
  return out;
}

}  // namespace ucf::connections
