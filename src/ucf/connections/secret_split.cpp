#include "ucf/connections/secret_split.hpp"

#include "ucf/observability/redact.hpp"

namespace ucf::connections {

SplitConfig SplitSecrets(const connectors::ConnectorDescription& connector,
                         const boost::json::object& config) {
  SplitConfig out;
  for (const auto& [key, value] : config) {
    if (value.is_null()) continue;
    const connectors::FieldSpec* field = connector.FindField(key);
    bool secret = (field != nullptr && field->secret()) || observability::IsSecretKey(key);
    (secret ? out.secret : out.plain)[key] = value;
  }
  return out;
}

}  // namespace ucf::connections
