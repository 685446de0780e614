#include "ucf/api/openapi.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/api/api_schemas.hpp"
#include "ucf/api/docs_page.hpp"
#include "ucf/api/routes.hpp"

namespace ucf::api {
namespace {

using boost::json::object;
using boost::json::value;

object RealDocument() {
  config::Config config;
  observability::MetricsRegistry metrics;
  ApiDeps deps{.config = &config, .metrics = &metrics};
  return BuildOpenApi(config, BuildRoutes(deps));
}

void CollectRefs(const value& v, std::set<std::string>* refs) {
  if (const object* o = v.if_object()) {
    for (const auto& [k, child] : *o) {
      if (k == "$ref") refs->insert(std::string(child.as_string()));
      CollectRefs(child, refs);
    }
  } else if (const auto* a = v.if_array()) {
    for (const value& child : *a) CollectRefs(child, refs);
  }
}

// Resolves "#/a/b" (no escapes) in `doc`; nullptr when it points nowhere.
const value* Pointer(const object& doc, const std::string& ref) {
  const object* at = &doc;
  const value* found = nullptr;
  std::size_t pos = 2;
  while (pos <= ref.size()) {
    std::size_t end = ref.find('/', pos);
    if (end == std::string::npos) end = ref.size();
    if (at == nullptr) return nullptr;
    found = at->if_contains(ref.substr(pos, end - pos));
    if (found == nullptr) return nullptr;
    at = found->if_object();
    pos = end + 1;
  }
  return found;
}

// Every route of the table has schemas: an envelope route names its `data`, the others their
// media type; every $ref resolves and every named schema is used.
TEST(OpenApiTest, EveryRouteIsTypedAndEveryReferenceResolves) {
  config::Config config;
  observability::MetricsRegistry metrics;
  ApiDeps deps{.config = &config, .metrics = &metrics};
  for (const http::Route& route : BuildRoutes(deps)) {
    const http::OperationDoc& doc = route.doc;
    std::string name = route.method + " " + route.pattern;
    bool redirect = doc.status >= 300 && doc.status < 400;
    EXPECT_TRUE(!doc.response.is_null() || !doc.media_type.empty() || redirect) << name << " has no response schema";
    if (route.method == "POST" || route.method == "PUT" || route.method == "PATCH") {
      // A body route either documents its body or takes none (named here, so a new one is a choice).
      static const std::set<std::string> kNoBody = {"/api/connections/{id}/validate", "/api/jobs/{id}/cancel",
                                                    "/api/connectors/{id}/webhooks/refresh"};
      EXPECT_TRUE(!doc.request.is_null() || kNoBody.count(route.pattern) != 0) << name << " documents no request body";
    }
  }
  object doc = RealDocument();
  std::set<std::string> refs;
  CollectRefs(doc, &refs);
  for (const std::string& ref : refs) EXPECT_NE(Pointer(doc, ref), nullptr) << ref << " resolves nowhere";
  for (const auto& [name, s] : doc.at("components").at("schemas").as_object()) {
    EXPECT_EQ(refs.count("#/components/schemas/" + std::string(name)), 1u) << name << " is unused";
  }
}

TEST(OpenApiTest, OperationsCarryEnvelopeSecurityAndTheirErrorStatuses) {
  object doc = RealDocument();
  const object& paths = doc.at("paths").as_object();
  std::set<std::string> ids;
  for (const auto& [path, ops] : paths) {
    for (const auto& [method, op_value] : ops.as_object()) {
      const object& op = op_value.as_object();
      std::string name = std::string(method) + " " + std::string(path);
      EXPECT_TRUE(ids.insert(std::string(op.at("operationId").as_string())).second) << name;
      ASSERT_TRUE(op.contains("security")) << name;
      const object& responses = op.at("responses").as_object();
      EXPECT_TRUE(responses.contains("500")) << name;
      std::string access(op.at("x-ucf-access").as_string());
      if (access != "public") {
        EXPECT_TRUE(responses.contains("401")) << name;
        EXPECT_TRUE(responses.contains("403")) << name;
        EXPECT_FALSE(op.at("security").as_array().empty()) << name;
      } else {
        EXPECT_TRUE(op.at("security").as_array().empty()) << name;
      }
      if (path.find('{') != std::string::npos) {
        EXPECT_TRUE(responses.contains("404")) << name;
      }
    }
  }
  // One operation in full: the envelope wraps the route's data schema once.
  const object& create = paths.at("/api/connections").at("post").as_object();
  EXPECT_EQ(create.at("security"), boost::json::parse(R"([{"tenantApiKey":[]},{"adminToken":[]}])"));
  EXPECT_EQ(create.at("requestBody").at("required"), true);
  const value& body = create.at("requestBody").at("content").at("application/json").at("schema");
  EXPECT_EQ(body.at("required"), boost::json::parse(R"(["connectorId","name"])"));
  const value& ok = create.at("responses").at("200").at("content").at("application/json").at("schema");
  EXPECT_EQ(ok.at("properties").at("ok"), boost::json::parse(R"({"const":true})"));
  EXPECT_EQ(ok.at("properties").at("data").at("properties").at("connection"),
            boost::json::parse(R"({"$ref":"#/components/schemas/Connection"})"));
  std::set<std::string> statuses;
  for (const auto& [s, r] : create.at("responses").as_object()) statuses.insert(std::string(s));
  EXPECT_EQ(statuses, (std::set<std::string>{"200", "400", "401", "403", "409", "413", "429", "500", "503"}));
  EXPECT_EQ(create.at("responses").at("409"), boost::json::parse(R"({"$ref":"#/components/responses/Error409"})"));
  EXPECT_EQ(doc.at("components").at("responses").at("Error409").at("description").as_string().subview().substr(0, 9),
            "conflict:");
  // Admin routes take the admin token only.
  EXPECT_EQ(paths.at("/api/tenants").at("get").at("security"), boost::json::parse(R"([{"adminToken":[]}])"));
}

// The generator on a table of its own: what each property of a route implies.
TEST(OpenApiTest, DerivesStatusesFromAccessExecutionBodyAndPath) {
  using namespace schema;
  config::Config config;
  http::Route upstream{"PUT", "/x/{id}", nullptr, "s", http::Access::kAdmin, http::Execution::kUpstream, "T",
                       {.request = Obj({{"a", Str()}}), .response = Ref("Job"), .status = 201, .statuses = {501}}};
  http::Route inline_public{"GET", "/y", nullptr, "s", http::Access::kPublic, http::Execution::kInline, "T",
                            {.media_type = "text/plain"}};
  object doc = BuildOpenApi(config, {upstream, inline_public});
  std::set<std::string> statuses;
  for (const auto& [s, r] : doc.at("paths").at("/x/{id}").at("put").at("responses").as_object()) {
    statuses.insert(std::string(s));
  }
  EXPECT_EQ(statuses,
            (std::set<std::string>{"201", "400", "401", "403", "404", "413", "429", "500", "501", "503", "504"}));
  statuses.clear();
  for (const auto& [s, r] : doc.at("paths").at("/y").at("get").at("responses").as_object()) statuses.insert(std::string(s));
  EXPECT_EQ(statuses, (std::set<std::string>{"200", "500"}));
  EXPECT_TRUE(doc.at("paths").at("/y").at("get").at("responses").at("200").at("content").as_object().contains("text/plain"));
  // Only what is referenced lands under components: Job, and the error envelope of the errors.
  std::set<std::string> schemas;
  for (const auto& [n, s] : doc.at("components").at("schemas").as_object()) schemas.insert(std::string(n));
  EXPECT_EQ(schemas, (std::set<std::string>{"ErrorEnvelope", "Error", "Job"}));
}

TEST(OpenApiTest, FileTextIsTheDocumentIndented) {
  object doc = RealDocument();
  std::string text = OpenApiFileText(doc);
  EXPECT_EQ(boost::json::parse(text), value(doc));
  EXPECT_EQ(text.back(), '\n');
  EXPECT_NE(text.find("\n  \"paths\": {\n    \"/\": {"), std::string::npos);
}

// /docs shows, per operation, the request body and the success data schemas, and the errors.
TEST(OpenApiTest, DocsPageShowsRequestAndResponseSchemas) {
  object doc = RealDocument();
  std::string html = DocsPageHtml(doc);
  std::size_t start = html.find("id=\"postApiConnections\"");
  ASSERT_NE(start, std::string::npos);
  std::string op = html.substr(start, html.find("</details>", start) - start);
  EXPECT_NE(op.find("Request body"), std::string::npos);
  EXPECT_NE(op.find("<code>connectorId</code> <span class=\"t\">string</span> <span class=\"req\">required</span>"),
            std::string::npos) << op;
  EXPECT_NE(op.find("Response 200"), std::string::npos);
  EXPECT_NE(op.find("<code>secretFields</code>"), std::string::npos) << "named schemas are expanded";
  EXPECT_NE(op.find("<code>409</code> conflict:"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  // Text from the document is escaped.
  http::Route evil{"GET", "/z", nullptr, "<script>alert(1)</script>", http::Access::kPublic,
                   http::Execution::kInline, "T", {.media_type = "text/plain"}};
  EXPECT_EQ(DocsPageHtml(BuildOpenApi(config::Config{}, {evil})).find("<script>"), std::string::npos);
}

}  // namespace
}  // namespace ucf::api
