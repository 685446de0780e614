#pragma once
// The MCP tools a connection offers: ONE definition per operation — its arguments (from which the
// JSON Schema input is generated and against which calls are checked), its output schema, whether
// it writes, and the REST route it runs (route_invoker.hpp), so MCP and REST share validation,
// rendering and errors.
//
// Per-connection tool names are "<op>__<connectionId>" (MCP names: ≤ 64 of [A-Za-z0-9_-]).
// An operation is offered when the connection's connector offers its resource
// (ConnectorDescription::resources), or has sync models for the sync operations.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/connector.hpp"

namespace ucf::mcp {

enum class ArgPlace { kPath, kQuery, kBody };

struct ToolArg {
  std::string name;
  std::string type;  // "string", "integer" or "object"
  ArgPlace place = ArgPlace::kQuery;
  bool required = false;
  std::string description;
  std::size_t max_bytes = 0;  // strings: longest accepted value
};

struct ToolOp {
  std::string op;           // "list_items"
  std::string title;
  std::string description;
  std::string resource;     // the connector resource it needs; "sync" = any sync model
  bool write = false;
  std::string method;       // the REST route it runs: method and the pattern after
  std::string route_suffix;  //   "<api>/connections/{id}" (e.g. "/items/{itemId}")
  std::vector<ToolArg> args;
  boost::json::object output_schema;
};

const std::vector<ToolOp>& ToolOps();
const ToolOp* FindOp(std::string_view op);
bool Offers(const connectors::ConnectorDescription& connector, const ToolOp& op);

// {"type":"object","properties":…,"required":…,"additionalProperties":false}
boost::json::object InputSchema(const ToolOp& op);
// readOnlyHint / destructiveHint / idempotentHint / openWorldHint.
boost::json::object Annotations(const ToolOp& op);

// "<op>__<connectionId>", or nullopt when the id cannot make a valid tool name.
std::optional<std::string> ToolName(const ToolOp& op, std::string_view connection_id);
struct ParsedName {
  const ToolOp* op = nullptr;
  std::string connection_id;
};
std::optional<ParsedName> ParseToolName(std::string_view name);

// Checks `arguments` against the op's arguments: known names only, types, required ones present,
// strings within their bound. InvalidArgument naming the argument.
absl::Status CheckArguments(const ToolOp& op, const boost::json::object& arguments);

}  // namespace ucf::mcp
