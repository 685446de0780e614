#pragma once
// A tenant's settings for one connector: its own OAuth app (client id and secret — the secret is
// stored only encrypted and never returned), scopes, the original's extraDetails flag and free
// extra settings (stored and returned in plain text, so a secret-like key or a URL with user info
// anywhere in them is refused, InvalidArgument naming "extra.<path>"). Changes are merged into the stored row and audited
// (`connector_settings.changed`, naming the fields, never their secret values) in one transaction.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/storage/connector_settings_record.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::connections {

struct SettingsPatch {
  std::optional<bool> extra_details;
  std::optional<std::string> oauth_client_id;
  std::optional<std::string> oauth_client_secret;
  std::optional<std::vector<std::string>> scopes;
  std::optional<boost::json::object> extra;

  bool empty() const {
    return !extra_details && !oauth_client_id && !oauth_client_secret && !scopes && !extra;
  }
};

class ConnectorSettingsService {
 public:
  explicit ConnectorSettingsService(storage::Database& db) : db_(db) {}

  // The stored settings, or defaults (nothing configured) when there are none.
  absl::StatusOr<storage::ConnectorSettingsRecord> Get(std::string_view tenant_id,
                                                       std::string_view connector_id);
  // Every connector this tenant has settings for (connectors without any are absent).
  absl::StatusOr<std::vector<storage::ConnectorSettingsRecord>> List(std::string_view tenant_id);
  // InvalidArgument when the patch is empty. The caller checks that the connector exists.
  absl::StatusOr<storage::ConnectorSettingsRecord> Update(const audit::Actor& actor,
                                                          std::string_view connector_id,
                                                          const SettingsPatch& patch);

 private:
  storage::Database& db_;
};

}  // namespace ucf::connections
