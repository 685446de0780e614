#pragma once
// The rules every write of a connection's config obeys, taken from the connector's declared fields
// (ConnectorDescription::config_fields and credential_fields): a connection holds exactly what its
// connector declares, so nothing depends on recognising a secret by its key name.
//
// CheckConfigFields(d, config) refuses, with InvalidArgument naming the key (core::InvalidField):
//   - more than kMaxConfigKeys keys;
//   - a key naming no declared field ("is not a setting of <connector>; known: …");
//   - two keys naming the same field (a name and one of its aliases);
//   - a value not of the field's type (null counts as absent): "integer" a JSON integer or a digit
//     string within the field's [min, max], "boolean" true/false, "enum" a string among `allowed`,
//     every other type a string of at most kMaxConfigValueBytes;
//   - a non-secret value holding a URL with user info (core::HasUrlUserInfo): it would be stored
//     and returned in plain text;
//   - a "url" field that is not an absolute http(s) URL with a host;
//   - a required config field that is missing or empty.
// Secret fields are sealed by the caller (connections/secret_split.hpp). Pure; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/connector.hpp"

namespace ucf::connectors {

inline constexpr std::size_t kMaxConfigKeys = 32;
inline constexpr std::size_t kMaxConfigValueBytes = 4096;

absl::Status CheckConfigFields(const ConnectorDescription& d, const boost::json::object& config);

// The first non-empty value stored under `field`'s name or one of its aliases in `o` as text (integers in decimal,
// booleans "true"/"false"); "" if none.
std::string FieldValue(const FieldSpec& field, const boost::json::object& o);
// The same for the declared field named `name`; "" when the connector declares no such field.
std::string FieldValue(const ConnectorDescription& d, std::string_view name,
                       const boost::json::object& o);

// Other spellings of the common fields that clients of the original send.
std::vector<std::string> BaseUrlAliases();  // base_url, siteUrl, site_url
std::vector<std::string> EmailAliases();    // api_email, username
std::vector<std::string> ApiKeyAliases();   // api_key, apiToken, api_token, token, password

}  // namespace ucf::connectors
