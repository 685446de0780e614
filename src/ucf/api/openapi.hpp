#pragma once
// The OpenAPI 3.1 document, generated from the route table so it can never drift from it.

#include <vector>

#include "boost/json/object.hpp"
#include "ucf/config/config.hpp"
#include "ucf/http/router/route.hpp"

namespace ucf::api {

boost::json::object BuildOpenApi(const config::Config& config,
                                 const std::vector<http::Route>& routes);

}  // namespace ucf::api
