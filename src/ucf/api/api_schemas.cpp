#include "ucf/api/api_schemas.hpp"

#include <string>

#include "boost/json/array.hpp"

namespace ucf::api::schema {
namespace {

value Typed(std::string_view type, std::string_view description) {
  boost::json::object o{{"type", type}};
  if (!description.empty()) o["description"] = description;
  return o;
}

}  // namespace

value Str(std::string_view description) { return Typed("string", description); }
value Int(std::string_view description) { return Typed("integer", description); }
value Bool(std::string_view description) { return Typed("boolean", description); }
value Time() { return {{"type", "string"}, {"format", "date-time"}}; }

value Nullable(value s) {
  boost::json::object& o = s.as_object();
  if (auto* type = o.if_contains("type"); type != nullptr && type->is_string()) {
    *type = boost::json::array{*type, "null"};
    if (auto* e = o.if_contains("enum")) e->as_array().emplace_back(nullptr);
    return s;
  }
  return {{"anyOf", boost::json::array{std::move(s), {{"type", "null"}}}}};
}

value Arr(value items) { return {{"type", "array"}, {"items", std::move(items)}}; }
value Strs() { return Arr(Str()); }

value Enum(std::initializer_list<std::string_view> values) {
  boost::json::array list;
  for (std::string_view v : values) list.emplace_back(v);
  return {{"type", "string"}, {"enum", std::move(list)}};
}

value Any(std::string_view description) {
  boost::json::object o;
  if (!description.empty()) o["description"] = description;
  return o;
}

value FreeObject(std::string_view description) {
  boost::json::object o{{"type", "object"}, {"additionalProperties", true}};
  if (!description.empty()) o["description"] = description;
  return o;
}

value Ref(std::string_view name) {
  return {{"$ref", std::string("#/components/schemas/") + std::string(name)}};
}

value OneOf(std::initializer_list<value> alternatives) {
  return {{"oneOf", boost::json::array(alternatives.begin(), alternatives.end())}};
}

Prop Opt(std::string_view name, value schema) { return {name, std::move(schema), false}; }

value With(value base, std::initializer_list<Prop> props) {
  boost::json::object& o = base.as_object();
  boost::json::object& properties = o["properties"].as_object();
  boost::json::value& required = o["required"];
  if (!required.is_array()) required.emplace_array();
  for (const Prop& p : props) {
    properties[p.name] = p.schema;
    if (p.required) required.as_array().emplace_back(p.name);
  }
  if (required.as_array().empty()) o.erase("required");
  return base;
}

value Obj(std::initializer_list<Prop> props) {
  return With({{"type", "object"}, {"properties", boost::json::object{}}}, props);
}

value Page(value item) {
  return Obj({{"items", Arr(std::move(item))},
              {"next", Nullable(Str("cursor of the next page (pass as ?cursor=); null on the last page"))}});
}

http::QueryParam Query(std::string name, value schema, std::string description) {
  return {std::move(name), std::move(schema), std::move(description)};
}
http::QueryParam Cursor() { return Query("cursor", Str(), "the `next` of the previous page"); }
http::QueryParam Limit() {
  return Query("limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", 200}, {"default", 50}},
               "page size");
}
http::QueryParam Raw() {
  return Query("raw", Enum({"true", "false", "1", "0"}), "true: each object carries the provider's own as `raw`");
}

namespace {

value Tenant() { return Obj({{"id", Str()}, {"name", Str()}, {"createdAt", Time()}}); }

value AuditLog() {
  return Obj({{"id", Str()}, {"tenantId", Str()}, {"actor", Str()}, {"action", Str("e.g. connection.created")},
              {"targetType", Str()}, {"targetId", Str()}, {"outcome", Str()},
              {"requestId", Nullable(Str())}, {"clientAddress", Nullable(Str())},
              {"details", FreeObject()}, {"createdAt", Time()}});
}

value Field() {
  return Obj({{"name", Str()}, {"label", Str()}, {"type", Str("string, secret, integer, enum, …")},
              {"required", Bool()}, Opt("description", Str()), Opt("example", Str()),
              Opt("allowed", Strs()), Opt("min", Int()), Opt("max", Int())});
}

value Container() {
  return Obj({{"id", Str()}, {"label", Str()}, {"type", Str("project, space, repository, table, …")},
              {"meta", FreeObject()}, Opt("raw", Any("the provider's object (?raw=true)"))});
}

value Item() {
  value meta = Obj({{"key", Nullable(Str())}, {"status", Nullable(Str())}, {"url", Nullable(Str())},
                    {"author", Nullable(Str())}, {"assignee", Nullable(Str())}, {"created", Nullable(Str())},
                    {"updated", Nullable(Str())}, {"parentId", Nullable(Str())}, {"version", Nullable(Str())}});
  return Obj({{"id", Str()}, {"name", Str()}, {"containerId", Str()}, {"meta", std::move(meta)},
              Opt("body", Str("the item's text (one item; not in listings)")),
              Opt("raw", Any("the provider's object (?raw=true)"))});
}

value Comment() {
  return Obj({{"id", Str()}, {"author", Nullable(Str())}, {"text", Str()}, {"created", Nullable(Str())},
              {"updated", Nullable(Str())}, Opt("raw", Any("the provider's object (?raw=true)"))});
}

value Account() { return Obj({{"accountId", Str()}, {"displayName", Str()}, Opt("email", Str())}); }

value Webhook() {
  return Obj({{"id", Str()}, {"webhookId", Str("same as id")}, {"connectorId", Str()}, {"connectionId", Str()},
              {"providerWebhookId", Str()}, {"events", Strs()}, {"callbackUrl", Str()}, {"createdAt", Time()},
              {"expiresAt", Nullable(Time())}});
}

value Delivery() {
  return Obj({{"id", Str()}, {"event", Str()}, {"status", Str("pending, delivered, failed")},
              {"attempts", Int()}, {"nextAttemptAt", Nullable(Time())}, {"lastError", Nullable(Str())},
              {"payload", Any()}, {"createdAt", Time()}, {"updatedAt", Time()}});
}

value Schedule() {
  return Obj({{"model", Str()}, {"everySeconds", Int()}, {"fullEvery", Int("every Nth run is full; 0 never")},
              {"runs", Int()}, {"nextFireAt", Time()}, {"updatedAt", Time()}});
}

value SyncRecord() {
  return Obj({{"model", Str()}, {"externalId", Str()}, {"data", Any("the record as synced")},
              {"updatedAt", Nullable(Time())}, {"seenAt", Time()}, {"deleted", Bool()},
              {"seq", Int("position in the change feed")}});
}

}  // namespace

value Events() {
  return Obj({{"items", Arr(Obj({{"id", Str()}, {"type", Str("e.g. job.progress, connection.status")},
                                 {"data", FreeObject()}}))},
              {"lastEventId", Str("resume after it with Last-Event-ID")}});
}

namespace {

value Error() {
  return Obj({{"code", Str("invalid_request, unauthorized, forbidden, not_found, conflict, rate_limited, …")},
              {"message", Str()},
              {"details", Nullable(FreeObject("e.g. {field} naming the bad input, retryAfterSeconds"))}});
}

value ErrorEnvelope() {
  return Obj({{"ok", {{"const", false}}}, {"data", {{"type", "null"}}}, {"error", Ref("Error")}});
}

}  // namespace

value ConnectionStatus() { return Enum({"pending", "connected", "needs_reauth", "revoked", "error"}); }

value Revocation() {
  return Obj({{"revoked", Bool()}, {"connection", Ref("Connection")},
              {"providerRevocation", Str("revoked, not_supported, failed, …")},
              Opt("providerError", Str("when providerRevocation is failed"))});
}

value Validation() {
  return Obj({{"valid", Bool()}, {"connection", Ref("Connection")}, Opt("account", Ref("Account")),
              Opt("error", Ref("Error"))});
}

value JsonRpc(std::string_view description) {
  value id = {{"type", boost::json::array{"string", "integer", "null"}}};
  value o = Obj({{"jsonrpc", {{"const", "2.0"}}}, Opt("id", id), Opt("method", Str()), Opt("params", FreeObject()),
                 Opt("result", FreeObject()),
                 Opt("error", Obj({{"code", Int()}, {"message", Str()}, Opt("data", Any())}))});
  o.as_object()["description"] = description;
  return o;
}

value Connection() {
  return Obj({{"id", Str()}, {"workspaceId", Str("the tenant")}, {"connectorId", Str()}, {"name", Str()},
              {"authMethod", Str("oauth2, api_key, basic, …")}, {"status", ConnectionStatus()},
              {"config", FreeObject("non-secret settings")},
              {"secretFields", Arr(Str("names of the encrypted settings (values never returned)"))},
              {"metadata", FreeObject()}, {"createdAt", Time()}, {"updatedAt", Time()},
              {"lastValidatedAt", Nullable(Time())}});
}

value Job() {
  return Obj({{"id", Str()}, {"connectionId", Str()}, {"type", Str("sync, import")},
              {"status", Enum({"queued", "running", "succeeded", "failed", "canceled"})},
              {"progress", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}},
              {"params", FreeObject()}, {"counts", FreeObject("records fetched, upserted, deleted, …")},
              {"error", Nullable(Str())}, {"attempt", Int()}, {"cancelRequested", Bool()},
              {"createdAt", Time()}, {"startedAt", Nullable(Time())}, {"finishedAt", Nullable(Time())},
              {"updatedAt", Time()}});
}

value ApiKey() {
  return Obj({{"id", Str()}, {"name", Str()}, {"prefix", Str("the key's first characters")},
              {"readOnly", Bool()}, {"createdAt", Time()}, {"lastUsedAt", Nullable(Time())},
              {"revokedAt", Nullable(Time())}});
}

value ConnectorDescription() {
  return Obj({{"id", Str()}, {"name", Str()}, {"group", Str()}, {"description", Str()},
              {"authMethods", Strs()}, {"defaultScopes", Strs()}, {"configFields", Arr(Ref("ConnectorField"))},
              {"credentialFields", Arr(Ref("ConnectorField"))}, {"resources", Strs()}, {"syncModels", Strs()}});
}

value Connector() {
  return With(ConnectorDescription(),
              {{"status", Enum({"connected", "needs_reauth", "error", "pending", "revoked", "not_connected"})},
               {"connectionCount", Int()},
               {"connectionsByStatus", {{"type", "object"}, {"additionalProperties", Int()}}},
               {"oauthConfigured", Bool()}, {"extraDetails", Bool()}, {"extra_details", Bool("the original's key")},
               {"meta", FreeObject()}, {"config", FreeObject()}});
}

value Subscription() {
  return Obj({{"id", Str()}, {"url", Str()}, {"events", Strs()}, {"active", Bool()}, {"createdAt", Time()}});
}

value ConnectorSettings() {
  return Obj({{"id", Str("the connector")}, {"extra_details", Bool("the original's key")}, {"extraDetails", Bool()},
              {"oauthClientId", Nullable(Str())}, {"oauthClientSecretSet", Bool("the secret itself is never returned")},
              {"scopes", Strs()}, {"extra", FreeObject()}});
}

boost::json::object Components() {
  return {{"ErrorEnvelope", ErrorEnvelope()},
          {"Error", Error()},
          {"Tenant", Tenant()},
          {"ApiKey", ApiKey()},
          {"AuditLog", AuditLog()},
          {"Connection", Connection()},
          {"Account", Account()},
          {"ConnectorField", Field()},
          {"ConnectorDescription", ConnectorDescription()},
          {"Connector", Connector()},
          {"ConnectorSettings", ConnectorSettings()},
          {"Container", Container()},
          {"Item", Item()},
          {"Comment", Comment()},
          {"Job", Job()},
          {"Schedule", Schedule()},
          {"SyncRecord", SyncRecord()},
          {"Events", Events()},
          {"Webhook", Webhook()},
          {"Subscription", Subscription()},
          {"Delivery", Delivery()}};
}

}  // namespace ucf::api::schema
