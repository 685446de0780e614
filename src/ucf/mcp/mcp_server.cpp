#include "ucf/mcp/mcp_server.hpp"

#include <algorithm>
#include <variant>

#include "boost/json/array.hpp"
#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/mcp/tool_catalog.hpp"

namespace ucf::mcp {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

constexpr std::string_view kVersions[] = {"2025-11-25", "2025-06-18", "2025-03-26"};
constexpr int kParseError = -32700, kInvalidRequest = -32600, kMethodNotFound = -32601, kInvalidParams = -32602;
constexpr int kMaxConnections = 500;

bool Served(std::string_view version) {
  return std::find(std::begin(kVersions), std::end(kVersions), version) != std::end(kVersions);
}

http::Response Rpc(int status, const value& id, object member) {
  object message{{"jsonrpc", "2.0"}, {"id", id}};
  for (auto& [k, v] : member) message[k] = std::move(v);
  return http::Response::Json(status, boost::json::serialize(message));
}

http::Response RpcFailure(int status, const value& id, int code, std::string_view text) {
  return Rpc(status, id, {{"error", {{"code", code}, {"message", text}}}});
}

object TextResult(std::string text, bool is_error) {
  return {{"content", array{object{{"type", "text"}, {"text", std::move(text)}}}}, {"isError", is_error}};
}

object MetaTool(std::string_view name, std::string_view title, std::string_view description, object input,
                object output) {
  return {{"name", name},
          {"title", title},
          {"description", description},
          {"inputSchema", std::move(input)},
          {"outputSchema", std::move(output)},
          {"annotations", {{"title", title}, {"readOnlyHint", true}, {"destructiveHint", false},
                           {"idempotentHint", true}, {"openWorldHint", false}}}};
}

object ListConnectionsTool() {
  return MetaTool(
      "list_connections", "List connections",
      "This workspace's connections (id, name, connector, status) and the names of the tools each offers",
      {{"type", "object"},
       {"properties", {{"connectorId", {{"type", "string"}, {"maxLength", 100}, {"description", "Only this connector's"}}}}},
       {"additionalProperties", false}},
      {{"type", "object"},
       {"properties",
        {{"connections",
          {{"type", "array"},
           {"items",
            {{"type", "object"},
             {"properties",
              {{"id", {{"type", "string"}}}, {"name", {{"type", "string"}}}, {"connectorId", {{"type", "string"}}},
               {"status", {{"type", "string"}}}, {"tools", {{"type", "array"}, {"items", {{"type", "string"}}}}}}},
             {"required", array{"id", "name", "connectorId", "status", "tools"}}}}}}}},
       {"required", array{"connections"}}});
}

object SearchToolsTool() {
  return MetaTool(
      "search_tools", "Search tools",
      "Full definitions (input and output schemas) of the connection tools matching `query` (words matched "
      "against tool names, titles, descriptions, connection and connector names) and/or `connectionId`; call "
      "the returned names with tools/call",
      {{"type", "object"},
       {"properties",
        {{"query", {{"type", "string"}, {"maxLength", 200}}},
         {"connectionId", {{"type", "string"}, {"maxLength", 100}}},
         {"limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", 50}}}}},
       {"additionalProperties", false}},
      {{"type", "object"},
       {"properties", {{"tools", {{"type", "array"}, {"items", {{"type", "object"}}}}}, {"total", {{"type", "integer"}}}}},
       {"required", array{"tools", "total"}}});
}

object ToolDefinition(const ToolOp& op, const McpServer::Connection& c, std::string name) {
  return {{"name", std::move(name)},
          {"title", core::StrCat(op.title, " (", c.name, ")")},
          {"description", core::StrCat(op.description, ". Connection \"", c.name, "\" (", c.connector_id, ", id ",
                                       c.id, ", status ", c.status, ")", op.write ? ". Writes to the provider." : "")},
          {"inputSchema", InputSchema(op)},
          {"outputSchema", op.output_schema},
          {"annotations", Annotations(op)}};
}

std::string StringArg(const object& args, std::string_view key) {
  const value* v = args.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// Checks a meta tool's arguments: only `allowed` keys, strings within `max`, limit 1..50.
std::optional<std::string> BadMetaArgs(const object& args, std::initializer_list<std::string_view> allowed) {
  for (const auto& [k, v] : args) {
    if (std::find(allowed.begin(), allowed.end(), std::string_view(k)) == allowed.end()) {
      return core::StrCat("invalid field '", std::string_view(k).substr(0, 64), "': is not an argument of this tool");
    }
    if (k == "limit" ? !(v.is_int64() && v.as_int64() >= 1 && v.as_int64() <= 50)
                     : !(v.is_string() && v.as_string().size() <= 200)) {
      return core::StrCat("invalid field '", std::string_view(k), "': ",
                          k == "limit" ? "must be an integer from 1 to 50" : "must be a string of at most 200 bytes");
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<McpServer::Connection> McpServer::Connections(const observability::RequestContext& caller) const {
  std::vector<Connection> out;
  std::string cursor;
  while (out.size() < static_cast<std::size_t>(kMaxConnections)) {
    RouteCall call{"GET", options_.api_prefix + "/connections", {}, {{"limit", "100"}}, ""};
    if (!cursor.empty()) call.query.emplace_back("cursor", cursor);
    absl::StatusOr<value> page = invoker_.Call(caller, call);
    if (!page.ok() || !page->is_object()) break;
    const object& p = page->as_object();
    if (const value* items = p.if_contains("items"); items && items->is_array()) {
      for (const value& item : items->as_array()) {
        if (!item.is_object()) continue;
        const object& o = item.as_object();
        Connection c{StringArg(o, "id"), StringArg(o, "name"), StringArg(o, "connectorId"), StringArg(o, "status")};
        if (const connectors::Connector* connector = registry_.Find(c.connector_id)) {
          c.connector = &connector->Describe();
        }
        out.push_back(std::move(c));
      }
    }
    const value* next = p.if_contains("next");
    if (next == nullptr || !next->is_string() || next->as_string().empty()) break;
    cursor = std::string(next->as_string());
  }
  return out;
}

std::vector<object> McpServer::ConnectionTools(const observability::RequestContext& caller,
                                               const std::vector<Connection>& connections) const {
  std::vector<object> tools;
  for (const Connection& c : connections) {
    if (c.connector == nullptr) continue;
    for (const ToolOp& op : ToolOps()) {
      if (!Offers(*c.connector, op) || (op.write && caller.read_only)) continue;
      if (std::optional<std::string> name = ToolName(op, c.id)) tools.push_back(ToolDefinition(op, c, *name));
    }
  }
  return tools;
}

McpServer::RpcResult McpServer::ListTools(const observability::RequestContext& caller) const {
  std::vector<object> per_connection = ConnectionTools(caller, Connections(caller));
  array tools{ListConnectionsTool(), SearchToolsTool()};
  if (per_connection.size() <= static_cast<std::size_t>(options_.max_listed_tools)) {
    for (object& t : per_connection) tools.push_back(std::move(t));
  }
  return value(object{{"tools", std::move(tools)}});
}

object McpServer::ListConnections(const observability::RequestContext& caller, const object& args) const {
  std::string only = StringArg(args, "connectorId");
  array out;
  for (const Connection& c : Connections(caller)) {
    if (!only.empty() && c.connector_id != only) continue;
    array names;
    for (const object& t : ConnectionTools(caller, {c})) names.push_back(t.at("name"));
    out.push_back(object{{"id", c.id}, {"name", c.name}, {"connectorId", c.connector_id}, {"status", c.status},
                         {"tools", std::move(names)}});
  }
  return {{"connections", std::move(out)}};
}

object McpServer::SearchTools(const observability::RequestContext& caller, const object& args) const {
  std::string connection = StringArg(args, "connectionId");
  std::vector<std::string_view> words;
  std::string query = core::ToLower(StringArg(args, "query"));
  for (std::string_view w : core::Split(query, ' ', /*skip_empty=*/true)) {
    if (words.size() < 10) words.push_back(w);
  }
  std::size_t limit = 20;
  if (const value* l = args.if_contains("limit"); l && l->is_int64()) limit = static_cast<std::size_t>(l->as_int64());
  std::vector<Connection> connections = Connections(caller);
  if (!connection.empty()) {
    std::erase_if(connections, [&](const Connection& c) { return c.id != connection; });
  }
  array matches;
  std::int64_t total = 0;
  for (object& tool : ConnectionTools(caller, connections)) {
    std::string haystack = core::ToLower(core::StrCat(tool.at("name").as_string().c_str(), " ",
                                                       tool.at("title").as_string().c_str(), " ",
                                                       tool.at("description").as_string().c_str()));
    bool all = std::all_of(words.begin(), words.end(),
                           [&](std::string_view w) { return haystack.find(w) != std::string::npos; });
    if (!all) continue;
    ++total;
    if (matches.size() < limit) matches.push_back(std::move(tool));
  }
  return {{"tools", std::move(matches)}, {"total", total}};
}

McpServer::RpcResult McpServer::CallTool(const observability::RequestContext& caller, const object& params) const {
  const value* name_value = params.if_contains("name");
  if (name_value == nullptr || !name_value->is_string() || name_value->as_string().size() > 64) {
    return RpcError{kInvalidParams, "params.name must be a tool name"};
  }
  std::string name(name_value->as_string());
  object args;
  if (const value* a = params.if_contains("arguments")) {
    if (!a->is_object() && !a->is_null()) return RpcError{kInvalidParams, "params.arguments must be an object"};
    if (a->is_object()) args = a->as_object();
  }
  if (name == "list_connections" || name == "search_tools") {
    bool list = name == "list_connections";
    if (auto bad = BadMetaArgs(args, list ? std::initializer_list<std::string_view>{"connectorId"}
                                          : std::initializer_list<std::string_view>{"query", "connectionId", "limit"})) {
      return value(TextResult(*bad, true));
    }
    object data = list ? ListConnections(caller, args) : SearchTools(caller, args);
    object result = TextResult(boost::json::serialize(data), false);
    result["structuredContent"] = std::move(data);
    return value(std::move(result));
  }
  std::optional<ParsedName> parsed = ParseToolName(name);
  if (!parsed) return RpcError{kInvalidParams, core::StrCat("Unknown tool: ", name)};
  // The connection must be the caller's and its connector must offer the operation.
  absl::StatusOr<value> found = invoker_.Call(
      caller, RouteCall{"GET", options_.api_prefix + "/connections/{id}", {{"id", parsed->connection_id}}, {}, ""});
  const connectors::Connector* connector =
      found.ok() && found->is_object() ? registry_.Find(StringArg(found->as_object(), "connectorId")) : nullptr;
  if (connector == nullptr || !Offers(connector->Describe(), *parsed->op)) {
    return RpcError{kInvalidParams, core::StrCat("Unknown tool: ", name)};
  }
  const ToolOp& op = *parsed->op;
  if (op.write && caller.read_only) {
    return value(TextResult(core::StrCat(name, " writes to the provider; this API key is read-only"), true));
  }
  if (absl::Status valid = CheckArguments(op, args); !valid.ok()) {
    return value(TextResult(std::string(valid.message()), true));
  }
  RouteCall call{op.method, core::StrCat(options_.api_prefix, "/connections/{id}", op.route_suffix),
                 {{"id", parsed->connection_id}}, {}, ""};
  object body;
  for (const ToolArg& arg : op.args) {
    const value* v = args.if_contains(arg.name);
    if (v == nullptr) continue;
    switch (arg.place) {
      case ArgPlace::kPath: call.path_params[arg.name] = std::string(v->as_string()); break;
      case ArgPlace::kQuery:
        call.query.emplace_back(arg.name, v->is_string() ? std::string(v->as_string()) : std::to_string(v->as_int64()));
        break;
      case ArgPlace::kBody: body[arg.name] = *v; break;
    }
  }
  if (op.method != "GET") call.body = boost::json::serialize(body);
  absl::StatusOr<value> data = invoker_.Call(caller, call);
  if (!data.ok()) return value(TextResult(std::string(data.status().message()), true));
  object result = TextResult(boost::json::serialize(*data), false);
  if (data->is_object()) result["structuredContent"] = *data;
  return value(std::move(result));
}

McpServer::RpcResult McpServer::Dispatch(const observability::RequestContext& caller, std::string_view method,
                                         const object& params) const {
  if (method == "initialize") {
    std::string asked = StringArg(params, "protocolVersion");
    std::string version = Served(asked) ? asked : std::string(kVersions[0]);
    return value(object{
        {"protocolVersion", version},
        {"capabilities", {{"tools", {{"listChanged", false}}}}},
        {"serverInfo", {{"name", "ucf"}, {"title", "Unified Connector Framework"}, {"version", options_.server_version}}},
        {"instructions",
         core::StrCat("Tools act on this workspace's provider connections. list_connections shows them; "
                      "search_tools returns the full definitions of matching connection tools (tools/list lists "
                      "every connection tool only while there are at most ",
                      options_.max_listed_tools, ").")}});
  }
  if (method == "ping") return value(object{});
  if (method == "tools/list") return ListTools(caller);
  if (method == "tools/call") return CallTool(caller, params);
  return RpcError{kMethodNotFound, core::StrCat("Method not found: ", method.substr(0, 100))};
}

http::Response McpServer::Handle(http::Request& request) const {
  if (request.method != "POST") {
    http::Response r = RpcFailure(405, nullptr, kInvalidRequest, "use POST: this server offers no event stream");
    r.headers.Set("Allow", "POST");
    return r;
  }
  if (auto origin = request.headers.Get("Origin")) {
    bool allowed = std::find(options_.allowed_origins.begin(), options_.allowed_origins.end(), *origin) !=
                   options_.allowed_origins.end();
    if (!allowed) return RpcFailure(403, nullptr, kInvalidRequest, "Origin not allowed");
  }
  if (auto version = request.headers.Get("MCP-Protocol-Version"); version && !Served(*version)) {
    return RpcFailure(400, nullptr, kInvalidRequest, "unsupported MCP-Protocol-Version");
  }
  boost::system::error_code ec;
  value message = boost::json::parse(request.body, ec);
  if (ec) return RpcFailure(400, nullptr, kParseError, "Parse error");
  if (!message.is_object()) return RpcFailure(400, nullptr, kInvalidRequest, "one JSON-RPC message object expected");
  const object& m = message.as_object();
  const value* jsonrpc = m.if_contains("jsonrpc");
  const value* id = m.if_contains("id");
  const value* method = m.if_contains("method");
  bool id_ok = id == nullptr || id->is_string() || id->is_int64() || id->is_uint64();
  if (jsonrpc == nullptr || !jsonrpc->is_string() || jsonrpc->as_string() != "2.0" || !id_ok || (method != nullptr && !method->is_string())) {
    return RpcFailure(400, id_ok && id ? *id : value(nullptr), kInvalidRequest, "Invalid Request");
  }
  // Notifications (no id) and responses (no method) need no answer.
  if (id == nullptr || method == nullptr) {
    http::Response accepted;
    accepted.status = 202;
    return accepted;
  }
  object params;
  if (const value* p = m.if_contains("params")) {
    if (!p->is_object()) return RpcFailure(200, *id, kInvalidParams, "params must be an object");
    params = p->as_object();
  }
  RpcResult result = Dispatch(request.context, method->as_string(), params);
  if (auto* error = std::get_if<RpcError>(&result)) return RpcFailure(200, *id, error->code, error->message);
  return Rpc(200, *id, {{"result", std::move(std::get<value>(result))}});
}

}  // namespace ucf::mcp
