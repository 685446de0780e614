#pragma once
// The /docs page: a self-contained HTML reference rendered on the server from the OpenAPI document
// (one section per operation: access, parameters, request body schema, success `data` schema,
// error statuses with their envelope codes), so it needs no script and always matches
// /openapi.json.

#include <string>

#include "boost/json/object.hpp"

namespace ucf::api {

std::string DocsPageHtml(const boost::json::object& openapi);

}  // namespace ucf::api
