#include "ucf/api/connection_json.hpp"

#include "boost/json/array.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::api {

boost::json::object ConnectionJson(const storage::ConnectionRecord& c) {
  boost::json::array secret_fields;
  for (const auto& [k, v] : c.secret_config) secret_fields.emplace_back(k);
  return {{"id", c.id},
          {"workspaceId", c.tenant_id},
          {"connectorId", c.connector_id},
          {"name", c.name},
          {"authMethod", c.auth_method},
          {"status", storage::ConnectionStatusName(c.status)},
          {"config", c.config},
          {"secretFields", std::move(secret_fields)},
          {"metadata", c.metadata},
          {"createdAt", core::FormatRfc3339(c.created_at)},
          {"updatedAt", core::FormatRfc3339(c.updated_at)},
          {"lastValidatedAt", c.last_validated_at
                                  ? boost::json::value(core::FormatRfc3339(*c.last_validated_at))
                                  : boost::json::value(nullptr)}};
}

}  // namespace ucf::api
