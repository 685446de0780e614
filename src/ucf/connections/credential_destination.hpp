#pragma once
// Where a connection's credentials may be sent. Decided by the server from what it owns, never by
// a value a tenant wrote later:
//   - oauth2: the connector's catalog apiBaseUrl template, expanded with the values the server
//     stored at connect time (config.urlParams, post-connect outputs such as cloudId, kept
//     token-response fields). A tenant cannot write an oauth2 connection's config
//     (connection_service.hpp), and a placeholder can never change the template's host
//     (catalog/url_template.hpp). A stored config.apiBaseUrl is informational only.
//   - api_key / basic / personal_token (typed-in credentials): the site they were given for — the
//     connector's baseUrl field (or an alias) in config, else the catalog apiBaseUrl when it has no
//     placeholders. A write that changes it makes the stored credentials unusable until they are
//     given again and checked with the provider (connection_service.hpp, credential_onboarding.hpp).
//     Connectors without a URL (databases) mark the config fields that say where the credentials
//     go as `destination` (host, port, database, user): their values are the destination.
// "" when there is none. Pure; thread-safe.

#include <string>

#include "ucf/catalog/provider_spec.hpp"
#include "ucf/connectors/connector.hpp"
#include "ucf/storage/connection_record.hpp"

namespace ucf::connections {

// `spec` may be null (a connector without catalog entry).
std::string CredentialDestination(const connectors::ConnectorDescription& connector,
                                  const catalog::ProviderSpec* spec,
                                  const storage::ConnectionRecord& connection);

}  // namespace ucf::connections
