#include "ucf/api/catalog_handler.hpp"

#include <algorithm>
#include <cstdint>

#include "boost/json/array.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/api/request_support.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/connections/catalog_state_cache.hpp"
#include "ucf/connections/connection_service.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/connections/connector_settings_service.hpp"
#include "ucf/connectors/resource_json.hpp"
#include "ucf/core/json_fields.hpp"
#include "ucf/core/json_text.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/status_macros.hpp"

namespace ucf::api {
namespace {

// Room for the success envelope around the answer: EnvelopeResponse writes it in place.
constexpr std::size_t kEnvelopeRoom = 64;

// This tenant's connections of each connector, counted by status name.
using StatusCounts = std::map<std::string, std::int64_t, std::less<>>;

std::map<std::string, StatusCounts, std::less<>> GroupCounts(
    const std::vector<storage::ConnectionCount>& counts) {
  std::map<std::string, StatusCounts, std::less<>> out;
  for (const auto& c : counts) {
    out[c.connector_id][std::string(storage::ConnectionStatusName(c.status))] += c.count;
  }
  return out;
}

absl::StatusOr<std::map<std::string, StatusCounts, std::less<>>> CountsByConnector(
    connections::ConnectionService& service, std::string_view tenant_id) {
  UCF_ASSIGN_OR_RETURN(auto counts, service.CountByConnector(tenant_id));
  return GroupCounts(counts);
}

// One word for a connector's state in this tenant: the best status any of its connections has.
std::string_view OverallStatus(const StatusCounts& counts) {
  for (std::string_view s : {"connected", "needs_reauth", "error", "pending", "revoked"}) {
    if (counts.find(s) != counts.end()) return s;
  }
  return "not_connected";
}

// The connector's (cached) description with this tenant's connection counts and settings.
boost::json::object ConnectorJson(const boost::json::object& description,
                                  const StatusCounts& counts,
                                  const storage::ConnectorSettingsRecord* settings) {
  boost::json::object o = description;
  boost::json::object by_status;
  std::int64_t total = 0;
  for (const auto& [status, n] : counts) {
    by_status[status] = n;
    total += n;
  }
  o["status"] = OverallStatus(counts);
  o["connectionCount"] = total;
  o["connectionsByStatus"] = std::move(by_status);
  bool extra_details = settings != nullptr && settings->extra_details;
  o["oauthConfigured"] = settings != nullptr && settings->oauth_client_id.has_value();
  o["extraDetails"] = extra_details;
  // The original's keys.
  o["extra_details"] = extra_details;
  o["meta"] = boost::json::object{};
  o["config"] = boost::json::object{};
  return o;
}

// ConnectorJson's own keys, appended to a description's text (its closing brace removed), as
// serialising ConnectorJson would write them; closes the object.
void AppendTenantKeys(std::string& out, const StatusCounts& counts,
                      const storage::ConnectorSettingsRecord* settings) {
  std::int64_t total = 0;
  for (const auto& [status, n] : counts) total += n;
  out.append(R"(,"status":)");
  core::AppendJsonString(out, OverallStatus(counts));
  core::StrAppend(&out, R"(,"connectionCount":)", total, R"(,"connectionsByStatus":{)");
  bool first = true;
  for (const auto& [status, n] : counts) {
    if (!first) out.push_back(',');
    first = false;
    core::AppendJsonString(out, status);
    core::StrAppend(&out, ":", n);
  }
  bool extra_details = settings != nullptr && settings->extra_details;
  bool oauth = settings != nullptr && settings->oauth_client_id.has_value();
  core::StrAppend(&out, R"(},"oauthConfigured":)", oauth, R"(,"extraDetails":)", extra_details,
                  R"(,"extra_details":)", extra_details, R"(,"meta":{},"config":{}})");
}

}  // namespace

std::function<bool(const http::Request&)> CatalogRunsInline(const connections::CatalogStateCache* cache,
                                                            FreshTenantFn fresh_tenant) {
  if (cache == nullptr || !fresh_tenant) return nullptr;
  return [cache, fresh = std::move(fresh_tenant)](const http::Request& r) {
    std::optional<std::string> tenant = InlineTenant(fresh, r);
    return tenant && cache->Peek(*tenant, std::chrono::milliseconds(100)) != nullptr;
  };
}

CatalogHandler::CatalogHandler(Services services) : s_(services) {
  if (s_.manager == nullptr) return;
  for (const connectors::Connector* c : s_.manager->registry().List()) {
    auto [it, added] = descriptions_.emplace(
        c->Describe().id,
        connectors::ConnectorDescriptionJson(c->Describe(), s_.manager->SpecOf(*c)));
    std::string text = boost::json::serialize(it->second);
    text.pop_back();  // the closing brace: List appends this tenant's keys (none of which a
                      // description has, so they land where ConnectorJson's assignments put them)
    description_texts_.emplace_back(c->Describe().id, std::move(text));
  }
}

const boost::json::object& CatalogHandler::Description(const connectors::Connector& c) const {
  return descriptions_.find(c.Describe().id)->second;
}

ApiTextResult CatalogHandler::List(http::Request& request) const {
  const std::string& tenant = request.context.tenant_id;
  // The counts and the settings in one read transaction, or from memory.
  std::shared_ptr<const connections::ConnectionService::CatalogState> state;
  if (s_.catalog_state != nullptr) {
    UCF_ASSIGN_OR_RETURN(state, s_.catalog_state->Get(tenant));
  } else {
    UCF_ASSIGN_OR_RETURN(auto read, s_.connections->ReadCatalogState(tenant));
    state = std::make_shared<const connections::ConnectionService::CatalogState>(std::move(read));
  }
  std::map<std::string, StatusCounts, std::less<>> counts = GroupCounts(state->counts);
  const auto& settings = state->settings;
  std::size_t size = 2;
  for (const auto& [id, text] : description_texts_) size += text.size() + 200;
  core::JsonText out;
  out.text.reserve(size + kEnvelopeRoom);
  out.text.push_back('[');
  bool first = true;
  for (const auto& [id, text] : description_texts_) {
    auto it = std::find_if(settings.begin(), settings.end(),
                           [&](const auto& s) { return s.connector_id == id; });
    auto counted = counts.find(id);
    if (!first) out.text.push_back(',');
    first = false;
    out.text.append(text);
    AppendTenantKeys(out.text, counted == counts.end() ? StatusCounts{} : counted->second,
                     it == settings.end() ? nullptr : &*it);
  }
  out.text.push_back(']');
  return out;
}

ApiResult CatalogHandler::Get(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(const connectors::Connector* c, s_.manager->Find(request.PathParam("id")));
  const std::string& tenant = request.context.tenant_id;
  const std::string& id = c->Describe().id;
  UCF_ASSIGN_OR_RETURN(auto counts, CountsByConnector(*s_.connections, tenant));
  UCF_ASSIGN_OR_RETURN(auto settings, s_.settings->Get(tenant, id));
  auto counted = counts.find(id);
  boost::json::object o = ConnectorJson(
      Description(*c), counted == counts.end() ? StatusCounts{} : counted->second, &settings);
  // The first connections themselves (the full list is GET /api/connections?connectorId=…).
  storage::ConnectionFilter filter;
  filter.connector_id = id;
  UCF_ASSIGN_OR_RETURN(auto page, s_.connections->List(tenant, filter, "", 50));
  boost::json::array list;
  for (const auto& conn : page.items) {
    list.push_back({{"id", conn.id},
                    {"name", conn.name},
                    {"status", storage::ConnectionStatusName(conn.status)},
                    {"authMethod", conn.auth_method}});
  }
  o["connections"] = std::move(list);
  if (const auto* spec = s_.catalog->Find(id)) {
    boost::json::array params;
    for (const auto& p : spec->url_params) {
      params.push_back({{"name", p.name}, {"description", p.description}, {"example", p.example},
                        {"required", p.required}});
    }
    o["urlParams"] = std::move(params);
  }
  return o;
}

ApiResult CatalogHandler::ValidateConfig(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(const connectors::Connector* c, s_.manager->Find(request.PathParam("id")));
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request, /*allow_empty=*/true));
  UCF_ASSIGN_OR_RETURN(auto config, core::OptionalObject(body, "config"));
  UCF_RETURN_IF_ERROR(c->ValidateConfig(config));
  return boost::json::object{{"valid", true}};
}

ApiResult CatalogHandler::Probe(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(const connectors::Connector* c, s_.manager->Find(request.PathParam("id")));
  UCF_ASSIGN_OR_RETURN(auto config, ParseBody(request, /*allow_empty=*/true));
  config.erase("workspaceId");
  UCF_RETURN_IF_ERROR(c->ValidateConfig(config));
  boost::json::object out = Description(*c);
  out["valid"] = true;
  return out;
}

}  // namespace ucf::api
