#include "ucf/api/connection_json.hpp"

#include <utility>

#include "boost/json/array.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::api {
namespace {

// One builder for both overloads: `Record` is const& (config and metadata copied) or && (moved,
// which a list of a hundred rows notices).
template <typename Record>
boost::json::object Render(Record&& c) {
  boost::json::array secret_fields;
  secret_fields.reserve(c.secret_config.size());
  for (const auto& [k, v] : c.secret_config) secret_fields.emplace_back(k);
  boost::json::object out;
  out.reserve(12);
  out.emplace("id", c.id);
  out.emplace("workspaceId", c.tenant_id);
  out.emplace("connectorId", c.connector_id);
  out.emplace("name", c.name);
  out.emplace("authMethod", c.auth_method);
  out.emplace("status", storage::ConnectionStatusName(c.status));
  out.emplace("config", std::forward<Record>(c).config);
  out.emplace("secretFields", std::move(secret_fields));
  out.emplace("metadata", std::forward<Record>(c).metadata);
  out.emplace("createdAt", core::FormatRfc3339(c.created_at));
  out.emplace("updatedAt", core::FormatRfc3339(c.updated_at));
  if (c.last_validated_at) {
    out.emplace("lastValidatedAt", core::FormatRfc3339(*c.last_validated_at));
  } else {
    out.emplace("lastValidatedAt", nullptr);
  }
  return out;
}

}  // namespace

boost::json::object ConnectionJson(const storage::ConnectionRecord& c) { return Render(c); }

boost::json::object ConnectionJson(storage::ConnectionRecord&& c) { return Render(std::move(c)); }

}  // namespace ucf::api
