#include "ucf/api/tenancy_handler.hpp"

#include "boost/json/array.hpp"
#include "ucf/api/request_support.hpp"
#include "ucf/api/tenancy_json.hpp"
#include "ucf/auth/api_key_service.hpp"
#include "ucf/auth/tenant_service.hpp"
#include "ucf/core/json_fields.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/http/error_response.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::api {
namespace {

using Result = absl::StatusOr<boost::json::value>;

}  // namespace

ApiResult TenancyHandler::ListTenants(http::Request&) const {
  auto tenants = deps_.tenants->List();
  if (!tenants.ok()) return tenants.status();
  boost::json::array items;
  for (const auto& t : *tenants) items.push_back(TenantJson(t));
  return boost::json::value(PageJson(std::move(items), std::nullopt));
}

ApiResult TenancyHandler::CreateTenant(http::Request& request) const {
  auto result = [&]() -> Result {
    UCF_ASSIGN_OR_RETURN(auto body, core::ParseJsonObject(request.body));
    UCF_ASSIGN_OR_RETURN(std::string id, core::RequireString(body, "id"));
    UCF_ASSIGN_OR_RETURN(std::string name, core::RequireString(body, "name"));
    UCF_ASSIGN_OR_RETURN(auto tenant, deps_.tenants->Create(ActorOf(request), id, name));
    return TenantJson(tenant);
  }();
  return result;
}

ApiResult TenancyHandler::ListApiKeys(http::Request& request) const {
  auto keys = deps_.api_keys->List(request.context.tenant_id);
  if (!keys.ok()) return keys.status();
  boost::json::array items;
  for (const auto& k : *keys) items.push_back(ApiKeyJson(k));
  return boost::json::value(PageJson(std::move(items), std::nullopt));
}

ApiResult TenancyHandler::CreateApiKey(http::Request& request) const {
  auto result = [&]() -> Result {
    UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
    UCF_ASSIGN_OR_RETURN(std::string name, core::RequireString(body, "name"));
    UCF_ASSIGN_OR_RETURN(std::optional<bool> read_only, core::OptionalBool(body, "readOnly"));
    UCF_ASSIGN_OR_RETURN(auto created, deps_.api_keys->Create(ActorOf(request), name, read_only.value_or(false)));
    boost::json::object out = ApiKeyJson(created.record);
    out["key"] = created.key;
    return out;
  }();
  return result;
}

ApiResult TenancyHandler::RevokeApiKey(http::Request& request) const {
  auto result = [&]() -> Result {
    UCF_ASSIGN_OR_RETURN(auto key, deps_.api_keys->Revoke(ActorOf(request), request.PathParam("id")));
    boost::json::object out = ApiKeyJson(key);
    out["revoked"] = true;
    return out;
  }();
  return result;
}

ApiResult TenancyHandler::ListAuditLogs(http::Request& request) const {
  auto result = [&]() -> Result {
    UCF_ASSIGN_OR_RETURN(int limit, ParseLimit(request));
    storage::AuditLogFilter filter;
    filter.action = request.Query("action");
    filter.target_type = request.Query("targetType");
    filter.target_id = request.Query("targetId");
    filter.actor = request.Query("actor");
    UCF_ASSIGN_OR_RETURN(filter.since, ParseTimeQuery(request, "since"));
    UCF_ASSIGN_OR_RETURN(filter.until, ParseTimeQuery(request, "until"));
    std::string cursor = request.Query("cursor").value_or("");
    storage::Page<storage::AuditLogRecord> page;
    UCF_RETURN_IF_ERROR(deps_.db->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
      UCF_ASSIGN_OR_RETURN(page, s.audit_logs().List(request.context.tenant_id, filter, cursor, limit));
      return absl::OkStatus();
    }));
    boost::json::array items;
    for (const auto& a : page.items) items.push_back(AuditJson(a));
    return PageJson(std::move(items), page.next);
  }();
  return result;
}

}  // namespace ucf::api
