#pragma once
// RouteInvoker: runs one route of THE route table in-process for a caller who is already
// authenticated (the MCP endpoint's tools), so a tool gets exactly the REST route's validation,
// tenant scoping, rendering and errors. Only the handler runs (not the middlewares): the caller's
// request context — tenant, actor, request id, trace — is handed in as it was established for
// /mcp. Path parameters are bound directly (no path parsing); query values are percent-encoded.
//
// The route's envelope becomes: ok → its `data`; error → a Status whose message is the envelope's
// (which names the field at fault), code from the HTTP status. Thread-safe.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/value.hpp"
#include "ucf/http/router/router.hpp"
#include "ucf/observability/request_context.hpp"

namespace ucf::mcp {

struct RouteCall {
  std::string method;
  std::string pattern;  // exactly as in the route table
  std::map<std::string, std::string, std::less<>> path_params;
  std::vector<std::pair<std::string, std::string>> query;
  std::string body;  // JSON, may be empty
};

class RouteInvoker {
 public:
  // `router` must outlive the invoker.
  explicit RouteInvoker(const http::Router& router) : router_(router) {}

  absl::StatusOr<boost::json::value> Call(const observability::RequestContext& caller,
                                          const RouteCall& call) const;

 private:
  const http::Router& router_;
};

}  // namespace ucf::mcp
