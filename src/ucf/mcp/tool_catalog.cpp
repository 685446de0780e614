#include "ucf/mcp/tool_catalog.hpp"

#include <algorithm>

#include "boost/json/array.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/input_limits.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::mcp {
namespace {

using boost::json::array;
using boost::json::object;

constexpr std::size_t kId = 1024;

ToolArg Cursor() {
  return {"cursor", "string", ArgPlace::kQuery, false, "The `next` value of the previous page", core::kMaxStringBytes};
}
ToolArg Limit() { return {"limit", "integer", ArgPlace::kQuery, false, "Page size (1-100)", 0}; }
ToolArg ItemId() { return {"itemId", "string", ArgPlace::kPath, true, "The item's id (e.g. a Jira issue key)", kId}; }

object PageSchema(std::string_view what) {
  return {{"type", "object"},
          {"description", core::StrCat("A page of ", what, "; pass `next` as `cursor` for the next one")},
          {"properties",
           {{"items", {{"type", "array"}, {"items", {{"type", "object"}}}}},
            {"next", {{"type", array{"string", "null"}}}}}},
          {"required", array{"items", "next"}}};
}

object ObjectSchema(std::string_view what) { return {{"type", "object"}, {"description", what}}; }

std::vector<ToolOp> Build() {
  std::vector<ToolOp> ops;
  ops.push_back({"list_containers", "List containers",
                 "Containers of the connection (Jira projects, Confluence spaces, ...)", "containers", false,
                 "GET", "/containers", {Cursor(), Limit()}, PageSchema("containers")});
  ops.push_back({"list_items", "List or search items",
                 "Items of one container of the connection, optionally only those matching a text query", "items", false,
                 "GET", "/items",
                 {{"containerId", "string", ArgPlace::kQuery, true, "The container (from list_containers)", kId},
                  {"q", "string", ArgPlace::kQuery, false, "Text to search for", 500},
                  Cursor(), Limit()},
                 PageSchema("items")});
  ops.push_back({"get_item", "Get an item", "One item with its body", "item", false, "GET", "/items/{itemId}",
                 {ItemId()}, ObjectSchema("The item")});
  ops.push_back({"list_comments", "List comments", "Comments of an item", "comments", false, "GET",
                 "/items/{itemId}/comments", {ItemId(), Cursor(), Limit()}, PageSchema("comments")});
  ops.push_back({"create_item", "Create an item", "Creates an item in a container at the provider", "create_item",
                 true, "POST", "/items",
                 {{"containerId", "string", ArgPlace::kBody, true, "The container to create it in", kId},
                  {"title", "string", ArgPlace::kBody, true, "Title or summary", core::kMaxStringBytes},
                  {"body", "string", ArgPlace::kBody, false, "Body text", core::kMaxTextBytes},
                  {"fields", "object", ArgPlace::kBody, false, "Provider-specific fields", 0}},
                 ObjectSchema("The created item")});
  ops.push_back({"create_comment", "Add a comment", "Adds a comment to an item at the provider",
                 "create_comment", true, "POST", "/items/{itemId}/comments",
                 {ItemId(), {"text", "string", ArgPlace::kBody, true, "The comment", core::kMaxTextBytes}},
                 ObjectSchema("The created comment")});
  ops.push_back({"trigger_sync", "Start a sync", "Queues a sync of the connection into UCF's change feed", "sync",
                 true, "POST", "/sync",
                 {{"model", "string", ArgPlace::kBody, false, "What to sync (default: the item model)", 100}},
                 ObjectSchema("The queued sync job")});
  object changes = PageSchema("synced records, oldest change first");
  changes["properties"].as_object()["resume"] = {{"type", "string"}};
  ops.push_back({"read_changes", "Read the change feed", "Records synced from the connection, in change order",
                 "sync", false, "GET", "/records",
                 {{"model", "string", ArgPlace::kQuery, false, "Only records of this model", 100},
                  {"modifiedAfter", "string", ArgPlace::kQuery, false, "RFC 3339 time", 64}, Cursor(), Limit()},
                 changes});
  return ops;
}

bool NameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

constexpr std::string_view kSeparator = "__";

}  // namespace

const std::vector<ToolOp>& ToolOps() {
  static const std::vector<ToolOp> ops = Build();
  return ops;
}

const ToolOp* FindOp(std::string_view op) {
  for (const ToolOp& o : ToolOps()) {
    if (o.op == op) return &o;
  }
  return nullptr;
}

bool Offers(const connectors::ConnectorDescription& connector, const ToolOp& op) {
  if (op.resource == "sync") return !connector.sync_models.empty();
  return connector.Offers(op.resource);
}

object InputSchema(const ToolOp& op) {
  object properties;
  array required;
  for (const ToolArg& a : op.args) {
    object p{{"type", a.type}, {"description", a.description}};
    if (a.type == "string") p["maxLength"] = a.max_bytes;
    if (a.name == "limit") {
      p["minimum"] = 1;
      p["maximum"] = 100;
    }
    properties[a.name] = std::move(p);
    if (a.required) required.push_back(boost::json::string(a.name));
  }
  object schema{{"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = std::move(required);
  return schema;
}

object Annotations(const ToolOp& op) {
  return {{"title", op.title},
          {"readOnlyHint", !op.write},
          {"destructiveHint", false},  // writes only add (items, comments, sync jobs)
          {"idempotentHint", !op.write},
          {"openWorldHint", true}};
}

std::optional<std::string> ToolName(const ToolOp& op, std::string_view connection_id) {
  std::string name = core::StrCat(op.op, kSeparator, connection_id);
  if (connection_id.empty() || name.size() > 64 || !std::all_of(name.begin(), name.end(), NameChar)) {
    return std::nullopt;
  }
  return name;
}

std::optional<ParsedName> ParseToolName(std::string_view name) {
  if (name.size() > 64) return std::nullopt;
  std::size_t at = name.find(kSeparator);
  if (at == std::string_view::npos) return std::nullopt;
  const ToolOp* op = FindOp(name.substr(0, at));
  std::string_view id = name.substr(at + kSeparator.size());
  if (op == nullptr || id.empty() || !std::all_of(id.begin(), id.end(), NameChar)) return std::nullopt;
  return ParsedName{op, std::string(id)};
}

absl::Status CheckArguments(const ToolOp& op, const object& arguments) {
  for (const auto& [key, value] : arguments) {
    auto it = std::find_if(op.args.begin(), op.args.end(), [&](const ToolArg& a) { return a.name == key; });
    if (it == op.args.end()) {
      return core::InvalidField(std::string_view(key.data(), std::min<std::size_t>(key.size(), 64)),
                                "is not an argument of this tool");
    }
    bool ok = (it->type == "string" && value.is_string() && value.as_string().size() <= it->max_bytes) ||
              (it->type == "integer" && value.is_int64() && value.as_int64() >= 1 && value.as_int64() <= 100) ||
              (it->type == "object" && value.is_object());
    if (!ok) {
      return core::InvalidField(it->name, it->type == "string"
                                              ? core::StrCat("must be a string of at most ", it->max_bytes, " bytes")
                                          : it->type == "integer" ? std::string("must be an integer from 1 to 100")
                                                                  : std::string("must be an object"));
    }
  }
  for (const ToolArg& a : op.args) {
    if (a.required && !arguments.contains(a.name)) return core::InvalidField(a.name, "is required");
  }
  return absl::OkStatus();
}

}  // namespace ucf::mcp
