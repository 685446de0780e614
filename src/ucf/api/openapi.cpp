#include "ucf/api/openapi.hpp"

#include "ucf/core/strings.hpp"

#include "boost/json/array.hpp"

namespace ucf::api {
namespace {

boost::json::object ErrorEnvelopeSchema() {
  return {{"type", "object"},
          {"required", boost::json::array{"ok", "data", "error"}},
          {"properties",
           {{"ok", {{"type", "boolean"}}},
            {"data", {{"type", "null"}}},
            {"error",
             {{"type", "object"},
              {"required", boost::json::array{"code", "message"}},
              {"properties",
               {{"code", {{"type", "string"}}},
                {"message", {{"type", "string"}}},
                {"details", {{"type", boost::json::array{"object", "null"}}}}}}}}}}};
}

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

}  // namespace

boost::json::object BuildOpenApi(const config::Config& config,
                                 const std::vector<http::Route>& routes) {
  boost::json::object paths;
  for (const http::Route& route : routes) {
    std::string path = OpenApiPath(route.pattern);
    boost::json::object op;
    op["summary"] = route.summary;
    if (!route.tag.empty()) op["tags"] = boost::json::array{route.tag};
    boost::json::array params;
    for (std::string_view seg : core::Split(path, '/')) {
      if (seg.size() > 2 && seg.front() == '{') {
        params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "string"}}}});
      }
    }
    if (!params.empty()) op["parameters"] = std::move(params);
    op["x-ucf-access"] = route.access == http::Access::kPublic  ? "public"
                         : route.access == http::Access::kAdmin ? "admin"
                         : route.access == http::Access::kTenant ? "tenant"
                                                                 : "unclassified";
    if (route.access != http::Access::kPublic) {
      op["security"] = boost::json::array{boost::json::object{{"bearerAuth", boost::json::array{}}}};
    }
    op["responses"] = {
        {"200", {{"description", "Success envelope {ok: true, data, error: null}"}}},
        {"default",
         {{"description", "Error envelope"},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/ErrorEnvelope"}}}}}}}}}};
    boost::json::value& entry = paths[path];
    if (!entry.is_object()) entry.emplace_object();
    if (route.method == "*") {  // an any-method route (the proxy): documented under each method
      for (const char* m : {"get", "put", "post", "delete", "patch"}) entry.as_object()[m] = op;
    } else {
      entry.as_object()[core::ToLower(route.method)] = std::move(op);
    }
  }
  return {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", config.app_name},
        {"description", config.app_description},
        {"version", config.app_version},
        {"contact", {{"name", "Unified Connector Framework"}}},
        {"license", {{"name", "Proprietary"}}}}},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes",
         {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}}},
        {"schemas", {{"ErrorEnvelope", ErrorEnvelopeSchema()}}}}},
  };
}

}  // namespace ucf::api
