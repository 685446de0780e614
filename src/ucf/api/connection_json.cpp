#include "ucf/api/connection_json.hpp"

#include <utility>

#include "boost/json/array.hpp"
#include "ucf/core/json_text.hpp"
#include "ucf/core/status_macros.hpp"
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

absl::Status AppendConnectionJson(std::string& out, const storage::StoredConnection& c) {
  using core::AppendJsonString;
  out.append(R"({"id":)");
  AppendJsonString(out, c.id);
  out.append(R"(,"workspaceId":)");
  AppendJsonString(out, c.tenant_id);
  out.append(R"(,"connectorId":)");
  AppendJsonString(out, c.connector_id);
  out.append(R"(,"name":)");
  AppendJsonString(out, c.name);
  out.append(R"(,"authMethod":)");
  AppendJsonString(out, c.auth_method);
  out.append(R"(,"status":)");
  AppendJsonString(out, storage::ConnectionStatusName(c.status));
  out.append(R"(,"config":)");
  UCF_RETURN_IF_ERROR(core::AppendJsonObjectText(out, c.config_json));
  out.append(R"(,"secretFields":[)");
  for (std::size_t i = 0; i < c.secret_fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendJsonString(out, c.secret_fields[i]);
  }
  out.append(R"(],"metadata":)");
  UCF_RETURN_IF_ERROR(core::AppendJsonObjectText(out, c.metadata_json));
  out.append(R"(,"createdAt":)");
  UCF_RETURN_IF_ERROR(core::AppendJsonTimestamp(out, c.created_at));
  out.append(R"(,"updatedAt":)");
  UCF_RETURN_IF_ERROR(core::AppendJsonTimestamp(out, c.updated_at));
  out.append(R"(,"lastValidatedAt":)");
  if (c.last_validated_at) {
    UCF_RETURN_IF_ERROR(core::AppendJsonTimestamp(out, *c.last_validated_at));
  } else {
    out.append("null");
  }
  out.push_back('}');
  return absl::OkStatus();
}

boost::json::object ConnectionJson(const storage::ConnectionRecord& c) { return Render(c); }

boost::json::object ConnectionJson(storage::ConnectionRecord&& c) { return Render(std::move(c)); }

}  // namespace ucf::api
