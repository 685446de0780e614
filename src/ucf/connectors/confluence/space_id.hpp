#pragma once
// Resolving a caller's containerId to the numeric Confluence space id v2 needs.
//   decimal id      -> itself, no call
//   space key       -> GET /wiki/api/v2/spaces?keys=<key>&limit=1 -> results[0].id;
//                      NotFound (details.field "containerId") when no space has that key
//   anything else   -> InvalidArgument field "containerId" (empty: "is required")
// Provider errors of the lookup propagate. Thread-safe.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/connectors/api_client.hpp"

namespace ucf::connectors::confluence {

absl::StatusOr<std::string> ResolveSpaceId(ApiClient& api, std::string_view container_id);

}  // namespace ucf::connectors::confluence
