#pragma once
// Splits a connection config as clients send it (already checked by the connector's
// ValidateConfig, so every key is a declared field) into its non-secret part (stored and returned
// as is) and its secret part (stored only encrypted, never returned). A field is secret when the
// connector declares it so (FieldSpec type "secret": apiKey, …) — always, whatever key spelling
// was used; a key that also looks secret-like by name (observability::IsSecretKey) is sealed too.
// Null values are dropped (absent).

#include "boost/json/object.hpp"
#include "ucf/connectors/connector.hpp"

namespace ucf::connections {

struct SplitConfig {
  boost::json::object plain;
  boost::json::object secret;
};

SplitConfig SplitSecrets(const connectors::ConnectorDescription& connector,
                         const boost::json::object& config);

}  // namespace ucf::connections
