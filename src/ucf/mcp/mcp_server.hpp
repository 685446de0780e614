#pragma once
// The MCP endpoint (Model Context Protocol, Streamable HTTP transport, JSON-RPC 2.0; protocol
// revisions 2025-11-25, 2025-06-18 and 2025-03-26).
//
// POST /mcp carries one JSON-RPC message: a request is answered with one JSON response
// (application/json); a notification or response with 202 and no body. GET and DELETE /mcp are
// 405 (no server-initiated stream, no sessions: every request stands alone, authenticated by the
// tenant API key like any /api call). An MCP-Protocol-Version header naming a revision not served
// here is 400; an Origin header not among the CORS origins is 403 (DNS-rebinding guard).
//
// Methods: initialize, ping, tools/list, tools/call. Tools:
//   list_connections   the tenant's connections with the names of their tools
//   search_tools       full definitions (schemas included) of the tools matching a text query
//                      and/or a connection — an agent with many connections loads only these
//   <op>__<connectionId>  per connection, per operation its connector offers (tool_catalog.hpp)
// tools/list returns the two tools above plus every per-connection tool while there are at most
// `max_listed_tools` of them; beyond that only the two (the instructions say so).
// Read-only API keys: write tools are never listed and calling one is an error result.
// Results carry what the REST routes return (route_invoker.hpp): never a secret. Unknown tools
// (another tenant's connection included) → JSON-RPC error -32602; bad arguments and provider
// failures → a result with isError: true naming the problem.

#include <string>
#include <variant>
#include <vector>

#include "boost/json/object.hpp"
#include "ucf/connectors/registry.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"
#include "ucf/mcp/route_invoker.hpp"

namespace ucf::mcp {

struct McpOptions {
  std::string api_prefix = "/api";
  std::string server_version;
  int max_listed_tools = 40;
  std::vector<std::string> allowed_origins;  // the CORS origins
};

class McpServer {
 public:
  // References must outlive the server.
  McpServer(const RouteInvoker& invoker, const connectors::ConnectorRegistry& registry, McpOptions options)
      : invoker_(invoker), registry_(registry), options_(std::move(options)) {}

  http::Response Handle(http::Request& request) const;

  struct Connection {
    std::string id, name, connector_id, status;
    const connectors::ConnectorDescription* connector = nullptr;  // null: no such connector here
  };

 private:
  struct RpcError {
    int code = 0;
    std::string message;
  };
  using RpcResult = std::variant<boost::json::value, RpcError>;

  RpcResult Dispatch(const observability::RequestContext& caller, std::string_view method,
                     const boost::json::object& params) const;
  RpcResult ListTools(const observability::RequestContext& caller) const;
  RpcResult CallTool(const observability::RequestContext& caller, const boost::json::object& params) const;
  boost::json::object SearchTools(const observability::RequestContext& caller, const boost::json::object& args) const;
  boost::json::object ListConnections(const observability::RequestContext& caller,
                                      const boost::json::object& args) const;

  // The tenant's connections (at most 500).
  std::vector<Connection> Connections(const observability::RequestContext& caller) const;
  // Per-connection tool definitions the caller may use, in order.
  std::vector<boost::json::object> ConnectionTools(const observability::RequestContext& caller,
                                                   const std::vector<Connection>& connections) const;

  const RouteInvoker& invoker_;
  const connectors::ConnectorRegistry& registry_;
  const McpOptions options_;
};

}  // namespace ucf::mcp
