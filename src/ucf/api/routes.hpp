#pragma once
// THE route table: every route of the service, with its access class, execution mode, summary
// and tag. The OpenAPI document and the isolation test matrix are both derived from it.

#include <vector>

#include "ucf/api/api_deps.hpp"
#include "ucf/http/router/route.hpp"

namespace ucf::api {

// `deps` must outlive the returned handlers.
std::vector<http::Route> BuildRoutes(const ApiDeps& deps);

}  // namespace ucf::api
