#include "ucf/connectors/confluence/space_id.hpp"

#include "ucf/connectors/atlassian/response_json.hpp"
#include "ucf/connectors/confluence/confluence_mapping.hpp"
#include "ucf/connectors/confluence/confluence_requests.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::confluence {

absl::StatusOr<std::string> ResolveSpaceId(ApiClient& api, std::string_view container_id) {
  std::string_view id = core::Trim(container_id);
  if (id.empty()) return core::InvalidField("containerId", "is required");
  if (IsNumericId(id)) return std::string(id);
  if (!LooksLikeSpaceKey(id)) {
    return core::InvalidField("containerId",
                              "must be a numeric Confluence space id or a space key");
  }
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response, api.Send("GET", SpaceByKeyPath(id)));
  UCF_ASSIGN_OR_RETURN(boost::json::object body,
                       atlassian::ParseResponseObject(kProvider, response.body));
  UCF_ASSIGN_OR_RETURN(std::optional<std::string> space_id, MapSpaceIdByKey(body));
  // The spec types space ids as strings in bodies but as integers in paths: a space found without
  // a numeric id cannot be listed, so it is as good as not found.
  if (!space_id || !IsNumericId(*space_id)) {
    return core::WithDetails(
        absl::NotFoundError(core::StrCat("confluence has no space with key ", id)),
        {{"field", "containerId"}, {"reason", "unknown space key"}});
  }
  return *std::move(space_id);
}

}  // namespace ucf::connectors::confluence
