#include "ucf/api/request_support.hpp"

#include "boost/json/array.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/json_fields.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::api {

absl::StatusOr<boost::json::object> ParseBody(const http::Request& request, bool allow_empty) {
  UCF_ASSIGN_OR_RETURN(boost::json::object body, core::ParseJsonObject(request.body, allow_empty));
  UCF_ASSIGN_OR_RETURN(std::optional<std::string> workspace, core::OptionalString(body, "workspaceId"));
  if (workspace && !workspace->empty() && *workspace != request.context.tenant_id) {
    return absl::PermissionDeniedError("workspaceId does not match the API key's tenant");
  }
  return body;
}

absl::StatusOr<int> ParseLimit(const http::Request& request) {
  std::optional<std::string> raw = request.Query("limit");
  if (!raw) return 50;
  std::optional<std::int64_t> n = core::ParseInt64(*raw);
  if (!n || *n < 1 || *n > 200) return core::InvalidField("limit", "must be an integer from 1 to 200");
  return static_cast<int>(*n);
}

absl::StatusOr<std::optional<core::TimePoint>> ParseTimeQuery(const http::Request& request,
                                                             std::string_view name) {
  std::optional<std::string> raw = request.Query(name);
  if (!raw || raw->empty()) return std::optional<core::TimePoint>();
  auto t = core::ParseRfc3339(*raw);
  if (!t.ok()) return core::InvalidField(name, "must be an RFC 3339 timestamp");
  return std::optional<core::TimePoint>(*t);
}

audit::Actor ActorOf(const http::Request& request) {
  const auto& c = request.context;
  return audit::Actor{c.tenant_id, c.actor, c.request_id, c.client_address};
}

boost::json::object PageJson(boost::json::array items, const std::optional<std::string>& next) {
  return {{"items", std::move(items)},
          {"next", next ? boost::json::value(*next) : boost::json::value(nullptr)}};
}

std::string PublicBaseUrl(const std::string& public_url) {
  std::string base = public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

}  // namespace ucf::api
