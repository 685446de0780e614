#pragma once
// The OpenAPI 3.1 document, generated from the route table so it can never drift from it: each
// route's OperationDoc (routes.cpp) gives its request body, query parameters and the `data` of its
// success envelope; the envelope, the path parameters, the security requirement (by access class)
// and the error responses (by access class, execution mode, body, parameters, plus the route's own
// extra statuses) are added here, once for every route. Named schemas come from api_schemas.hpp;
// only those the document references are put under components.

#include <string>
#include <vector>

#include "boost/json/object.hpp"
#include "ucf/config/config.hpp"
#include "ucf/http/router/route.hpp"

namespace ucf::api {

boost::json::object BuildOpenApi(const config::Config& config,
                                 const std::vector<http::Route>& routes);

// The document as the checked-in docs/openapi.json holds it: 2-space indented, keys in the order
// they were built, a final newline (`ucf openapi --out` writes this).
std::string OpenApiFileText(const boost::json::value& document);

}  // namespace ucf::api
