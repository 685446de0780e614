#include "ucf/api/openapi.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include "boost/json/array.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/api/api_schemas.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::api {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// The envelope code and meaning of every error status a route may answer.
struct ErrorStatus {
  int status;
  std::string_view code;
  std::string_view meaning;
};
constexpr ErrorStatus kErrors[] = {
    {400, "invalid_request", "bad input: error.details.field names the field, parameter or header"},
    {401, "unauthorized", "no credentials, or unknown or revoked ones"},
    {403, "forbidden", "these credentials may not do this (admin only, read-only key, another workspaceId)"},
    {404, "not_found", "no such resource in this tenant (another tenant's id answers 404 too)"},
    {405, "method_not_allowed", "the path exists with other methods"},
    {409, "conflict", "the resource exists already or is in a state that forbids this"},
    {413, "payload_too_large", "the body is over the size limit"},
    {429, "rate_limited", "too many failed sign-ins, or the provider's quota: wait Retry-After seconds"},
    {500, "internal_error", "an unexpected failure (the cause is in the server log, never in the answer)"},
    {501, "not_implemented", "the connector does not offer this (details.reason unsupported)"},
    {502, "upstream_redirect_refused", "the provider answered with something UCF refuses to pass on"},
    {503, "unavailable", "the server is busy or a dependency is down: retry after Retry-After"},
    {504, "timeout", "the provider did not answer in time"},
};

constexpr std::pair<std::string_view, std::string_view> kTagDescriptions[] = {
    {"Health", "Service status, liveness and readiness"},
    {"Ops", "Metrics and this API's own documentation"},
    {"Dashboard", "The web dashboard's static files"},
    {"Tenancy", "Tenants (admin) and a tenant's API keys"},
    {"Audit", "The tenant's audit log"},
    {"Connections", "A tenant's connections to providers: credentials, tokens, revocation"},
    {"Connectors", "The connector catalog and a tenant's settings for each connector"},
    {"Onboarding", "Connecting an account: OAuth 2.0 or credentials checked with the provider"},
    {"Browse", "The unified browse: containers, items and comments of a connection"},
    {"Sync", "Sync jobs, schedules, the change feed of synced records, and live events"},
    {"Webhooks", "Provider webhooks, inbound deliveries, and subscriptions posting events to the application"},
    {"Proxy", "Passthrough to a connection's provider API with its credentials"},
    {"MCP", "Model Context Protocol endpoint for AI agents"},
};

std::string OpenApiPath(std::string_view pattern) {
  std::string out;
  for (std::string_view seg : core::Split(pattern, '/')) {
    if (seg.empty()) continue;
    out += '/';
    if (seg.size() > 5 && seg.substr(seg.size() - 4) == "...}") {
      out += std::string(seg.substr(0, seg.size() - 4)) + "}";
    } else {
      out += seg;
    }
  }
  return out.empty() ? "/" : out;
}

std::vector<std::string> PathParams(std::string_view path) {
  std::vector<std::string> out;
  for (std::string_view seg : core::Split(path, '/')) {
    if (seg.size() > 2 && seg.front() == '{') out.emplace_back(seg.substr(1, seg.size() - 2));
  }
  return out;
}

// "get" + "/api/connections/{id}/items" → "getApiConnectionsByIdItems".
std::string OperationId(std::string_view method, std::string_view path) {
  std::string out(method);
  bool upper = true;
  for (std::string_view seg : core::Split(path, '/')) {
    if (seg.empty()) continue;
    if (seg.front() == '{') {
      out += "By";
      seg = seg.substr(1, seg.size() - 2);
    }
    upper = true;
    for (char ch : seg) {
      bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
      if (!alnum) {
        upper = true;
        continue;
      }
      out += upper && ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch;
      upper = false;
    }
  }
  if (path == "/") out += "Root";
  return out;
}

// The statuses a route can answer besides its success, derived from what it is.
std::set<int> ErrorStatuses(const http::Route& route, bool has_path_params) {
  const http::OperationDoc& doc = route.doc;
  std::set<int> out{500};
  if (route.access != http::Access::kPublic) out.insert({401, 403, 429});
  if (!doc.request.is_null() || !doc.query.empty()) out.insert(400);
  if (!doc.request.is_null()) out.insert(413);
  if (has_path_params) out.insert(404);
  if (route.execution != http::Execution::kInline) out.insert(503);
  if (route.execution == http::Execution::kUpstream) out.insert({429, 504});
  for (int s : doc.statuses) {
    if (s >= 400) out.insert(s);
  }
  out.erase(doc.status);
  return out;
}

value Envelope(const value& data) {
  return {{"type", "object"},
          {"required", array{"ok", "data", "error"}},
          {"properties", {{"ok", {{"const", true}}}, {"data", data}, {"error", {{"type", "null"}}}}}};
}

object SuccessResponse(const http::OperationDoc& doc, int status) {
  object response;
  if (status >= 300 && status < 400) {
    response["description"] = "Redirect: the Location header says where";
    response["headers"] = {{"Location", {{"schema", {{"type", "string"}}}}}};
    return response;
  }
  object content;
  if (doc.media_type.empty()) {
    response["description"] = "Success envelope {ok: true, data, error: null}";
    content["application/json"] = {{"schema", Envelope(doc.response)}};
    if (!doc.stream_type.empty()) {
      response["description"] = "Success envelope; with Accept: " + doc.stream_type + " a stream of events";
      content[doc.stream_type] = {{"schema", {{"type", "string"}}}};
    }
  } else {
    response["description"] = doc.media_type == "*/*" ? "The provider's answer, status, headers and body unchanged"
                                                      : "Success (" + doc.media_type + ", no envelope)";
    content[doc.media_type] = {{"schema", doc.response.is_null() ? value{{"type", "string"}} : doc.response}};
  }
  response["content"] = std::move(content);
  return response;
}

object Operation(const http::Route& route, const std::string& path) {
  const http::OperationDoc& doc = route.doc;
  object op;
  op["operationId"] = "";  // filled by the caller (depends on the method)
  op["summary"] = route.summary;
  op["tags"] = array{route.tag.empty() ? "Ops" : route.tag};
  array params;
  std::vector<std::string> path_params = PathParams(path);
  for (const std::string& name : path_params) {
    params.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  for (const http::QueryParam& q : doc.query) {
    object p{{"name", q.name}, {"in", "query"}, {"required", q.required}, {"schema", q.schema}};
    if (!q.description.empty()) p["description"] = q.description;
    params.push_back(std::move(p));
  }
  if (route.access == http::Access::kTenant) {
    params.push_back({{"name", "X-Tenant-Id"},
                      {"in", "header"},
                      {"required", false},
                      {"description", "with the admin token: the tenant to act for (a tenant key acts for its own)"},
                      {"schema", {{"type", "string"}}}});
  }
  if (!params.empty()) op["parameters"] = std::move(params);
  if (!doc.request.is_null()) {
    std::string media = doc.request_media_type.empty() ? "application/json" : doc.request_media_type;
    op["requestBody"] = {{"required", !doc.request_optional}, {"content", {{media, {{"schema", doc.request}}}}}};
  }
  op["x-ucf-access"] = route.access == http::Access::kPublic  ? "public"
                       : route.access == http::Access::kAdmin ? "admin"
                       : route.access == http::Access::kTenant ? "tenant"
                                                               : "unclassified";
  switch (route.access) {
    case http::Access::kPublic: op["security"] = array{}; break;
    case http::Access::kAdmin: op["security"] = array{object{{"adminToken", array{}}}}; break;
    default:
      op["security"] = array{object{{"tenantApiKey", array{}}}, object{{"adminToken", array{}}}};
  }
  object responses;
  responses[std::to_string(doc.status)] = SuccessResponse(doc, doc.status);
  for (int s : doc.statuses) {
    if (s < 400) responses[std::to_string(s)] = SuccessResponse(doc, s);
  }
  for (int s : ErrorStatuses(route, !path_params.empty())) {
    responses[std::to_string(s)] = {{"$ref", "#/components/responses/Error" + std::to_string(s)}};
  }
  op["responses"] = std::move(responses);
  return op;
}

// Every "#/components/<kind>/<name>" that `v` references, by kind.
void CollectRefs(const value& v, std::set<std::string>* refs) {
  if (const object* o = v.if_object()) {
    for (const auto& [k, child] : *o) {
      if (k == "$ref" && child.is_string()) refs->insert(std::string(child.get_string()));
      CollectRefs(child, refs);
    }
  } else if (const array* a = v.if_array()) {
    for (const value& child : *a) CollectRefs(child, refs);
  }
}

// The named schemas and error responses `paths` references (and what those reference in turn).
object Components(const object& paths) {
  object all_schemas = schema::Components();
  std::set<std::string> refs;
  CollectRefs(paths, &refs);
  object responses;
  for (const ErrorStatus& e : kErrors) {
    std::string name = "Error" + std::to_string(e.status);
    if (refs.count("#/components/responses/" + name) == 0) continue;
    responses[name] = {
        {"description", std::string(e.code) + ": " + std::string(e.meaning)},
        {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/ErrorEnvelope"}}}}}}}};
  }
  CollectRefs(responses, &refs);
  std::set<std::string> done;
  for (bool grew = true; grew;) {  // close over references between named schemas
    grew = false;
    for (const std::string& r : std::set<std::string>(refs)) {
      if (!done.insert(r).second) continue;
      std::string_view prefix = "#/components/schemas/";
      if (r.rfind(prefix, 0) != 0) continue;
      if (const value* s = all_schemas.if_contains(r.substr(prefix.size()))) {
        CollectRefs(*s, &refs);
        grew = true;
      }
    }
  }
  object schemas;
  for (const auto& [name, s] : all_schemas) {
    if (refs.count("#/components/schemas/" + std::string(name)) != 0) schemas[name] = s;
  }
  return {{"securitySchemes",
           {{"tenantApiKey",
             {{"type", "http"},
              {"scheme", "bearer"},
              {"description", "A tenant API key (POST /api/api-keys): Authorization: Bearer <key>"}}},
            {"adminToken",
             {{"type", "http"},
              {"scheme", "bearer"},
              {"description", "The admin token (UCF_ADMIN_TOKEN); on tenant routes X-Tenant-Id names the tenant"}}}}},
          {"schemas", std::move(schemas)},
          {"responses", std::move(responses)}};
}

void Pretty(const value& v, int indent, std::string* out) {
  auto newline = [&](int n) {
    *out += '\n';
    out->append(static_cast<std::size_t>(n), ' ');
  };
  if (const object* o = v.if_object()) {
    if (o->empty()) {
      *out += "{}";
      return;
    }
    *out += '{';
    bool first = true;
    for (const auto& [k, child] : *o) {
      if (!first) *out += ',';
      first = false;
      newline(indent + 2);
      *out += boost::json::serialize(value(k));
      *out += ": ";
      Pretty(child, indent + 2, out);
    }
    newline(indent);
    *out += '}';
  } else if (const array* a = v.if_array()) {
    if (a->empty()) {
      *out += "[]";
      return;
    }
    *out += '[';
    bool first = true;
    for (const value& child : *a) {
      if (!first) *out += ',';
      first = false;
      newline(indent + 2);
      Pretty(child, indent + 2, out);
    }
    newline(indent);
    *out += ']';
  } else {
    *out += boost::json::serialize(v);
  }
}

}  // namespace

boost::json::object BuildOpenApi(const config::Config& config,
                                 const std::vector<http::Route>& routes) {
  object paths;
  std::vector<std::string> tags;
  for (const http::Route& route : routes) {
    std::string path = OpenApiPath(route.pattern);
    std::string tag = route.tag.empty() ? "Ops" : route.tag;
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
    object op = Operation(route, path);
    value& entry = paths[path];
    if (!entry.is_object()) entry.emplace_object();
    std::vector<std::string> methods;
    if (route.method == "*") {  // an any-method route (the proxy): documented under each method
      methods = {"get", "put", "post", "delete", "patch"};
    } else {
      methods = {core::ToLower(route.method)};
    }
    for (const std::string& m : methods) {
      object copy = op;
      copy["operationId"] = OperationId(m, path);
      if (route.method == "*" && (m == "get" || m == "delete")) copy.erase("requestBody");
      entry.as_object()[m] = std::move(copy);
    }
  }
  array tag_list;
  for (const std::string& t : tags) {
    std::string description = t;
    for (const auto& [name, text] : kTagDescriptions) {
      if (name == t) description = text;
    }
    tag_list.push_back({{"name", t}, {"description", description}});
  }
  object components = Components(paths);
  return {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", config.app_name},
        {"description", (config.app_description.empty() ? "" : config.app_description + "\n\n") +
                            "Every JSON answer of the API is an envelope {ok, data, error}: the schemas "
                            "below describe `data` of a success and `error` of a failure."},
        {"version", config.app_version},
        {"contact", {{"name", "Unified Connector Framework"}}},
        {"license", {{"name", "Proprietary"}, {"identifier", "LicenseRef-Proprietary"}}}}},
      {"servers", array{object{{"url", "/"}, {"description", "this service"}}}},
      {"tags", std::move(tag_list)},
      {"paths", std::move(paths)},
      {"components", std::move(components)},
  };
}

std::string OpenApiFileText(const boost::json::value& document) {
  std::string out;
  Pretty(document, 0, &out);
  out += '\n';
  return out;
}

}  // namespace ucf::api
