#include "ucf/storage/sql/secret_columns.hpp"

namespace ucf::storage::sql {

const std::vector<SecretColumns>& AllSecretColumns() {
  static const std::vector<SecretColumns> kAll = {
      {"connector_settings", {"tenant_id", "connector_id"}, {"oauth_client_secret"}},
      {"connections", {"id"}, {"secret_config"}},
      {"tokens", {"id"}, {"access_token", "refresh_token"}},
      {"oauth_states", {"state_hash"}, {"code_verifier"}},
      {"webhooks", {"id"}, {"secret"}},
      {"webhook_subscriptions", {"id"}, {"secret"}},
  };
  return kAll;
}

}  // namespace ucf::storage::sql
