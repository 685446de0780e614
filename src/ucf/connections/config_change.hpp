#pragma once
// What a tenant's config write (PATCH /api/connections/{id}) does to a stored connection: the rule
// that keeps credentials with the destination they were given for (credential_destination.hpp).
//   - oauth2: the config belongs to the server (connect flow, site choice, token responses): any
//     key is refused, InvalidArgument naming "config.<key>" ("is set when the connection is made;
//     connect again to change it"). An empty object changes nothing.
//   - typed-in credentials (api_key, basic, personal_token, none): the requested config is checked
//     (config_write.hpp) and replaces the plain config; secret fields in it replace the sealed ones.
//     When the destination changes, the stored secrets are dropped unless new ones come with the
//     same write — no call is ever made with the old credentials to the new destination. When the
//     destination or any credential (secret, Basic user) changes, the connection goes pending and
//     stays unusable until a provider check with these credentials succeeds (validate).
// Pure; thread-safe.

#include <optional>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/catalog/provider_spec.hpp"
#include "ucf/connectors/connector.hpp"
#include "ucf/storage/connection_record.hpp"

namespace ucf::connections {

struct ConfigChange {
  boost::json::object config;                        // the new plain config
  std::optional<boost::json::object> secret_config;  // set: replaces the sealed part (may be empty)
  bool destination_changed = false;
  bool credentials_given = false;  // secret fields came with the write
  bool credentials_dropped = false;
  bool needs_check = false;        // → status pending until validated
};

// `spec` may be null.
absl::StatusOr<ConfigChange> PlanConfigChange(const connectors::Connector& connector,
                                              const catalog::ProviderSpec* spec,
                                              const storage::ConnectionRecord& current,
                                              const boost::json::object& requested);

}  // namespace ucf::connections
