// The OpenAPI document against reality (issue 13, typed OpenAPI): the real server is driven
// through a representative set of its routes — success and error answers, every tag — and each
// answer is validated against the schema /openapi.json documents for its operation and status
// by tests/openapi/validate_responses.mjs (Ajv, JSON Schema 2020-12, made strict: an undocumented
// property fails like a missing one). A second test feeds the checker answers the document does
// not describe and expects each to fail, so the first cannot pass by checking nothing.

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/node_peer.hpp"
#include "tests/support/pg_database.hpp"
#include "tests/support/subprocess.hpp"

namespace ucf {
namespace {

using testing::TestResponse;
using testing::TestServer;

constexpr char kAdmin[] = "admin-token-for-openapi-tests-01234";

boost::json::object Data(const TestResponse& r) { return testing::EnvelopeData(r); }
std::string Json(const boost::json::object& o) { return boost::json::serialize(o); }

bool Installed() {
  return std::filesystem::exists(testing::PeersDir() / "node_modules/ajv/dist/2020.js") &&
         std::filesystem::exists(testing::PeersDir() / "node_modules/ajv-formats");
}

struct CheckResult {
  int exit_code = -1;
  std::string output;
};

// Runs the checker on `document` and `samples`.
CheckResult Check(const std::string& document, const boost::json::array& samples) {
  std::string base = (std::filesystem::temp_directory_path() / ("ucf-openapi-" + std::to_string(::getpid()))).string();
  std::ofstream(base + "-doc.json") << document;
  std::ofstream(base + "-samples.json") << boost::json::serialize(samples);
  testing::Subprocess checker({testing::FindNode(), (testing::PeersDir() / "../openapi/validate_responses.mjs").string(),
                               base + "-doc.json", base + "-samples.json"},
                              {{"NODE_PATH", (testing::PeersDir() / "node_modules").string()}});
  CheckResult result;
  result.exit_code = checker.Wait(60'000);
  result.output = checker.Output();
  std::filesystem::remove(base + "-doc.json");
  std::filesystem::remove(base + "-samples.json");
  return result;
}

// Calls the server and keeps every answer as a sample of operation `method template`.
class Recorder {
 public:
  explicit Recorder(const TestServer& server) : server_(server) {}

  TestResponse Call(const std::string& method, const std::string& path_template, const std::string& path,
                    const std::string& auth, const std::string& body = {}, const std::string& tenant = {},
                    std::vector<std::string> headers = {}) {
    TestResponse r = server_.Call(method, path, auth, body, tenant, std::move(headers));
    EXPECT_NE(r.status, 0) << method << " " << path << ": " << r.error;
    samples_.push_back({{"method", method},
                        {"path", path_template},
                        {"status", r.status},
                        {"contentType", std::string(r.headers.Get("Content-Type").value_or(""))},
                        {"body", r.body}});
    return r;
  }
  const boost::json::array& samples() const { return samples_; }

 private:
  const TestServer& server_;
  boost::json::array samples_;
};

class OpenApiConformanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Installed()) GTEST_SKIP() << "tests/peers/node_modules lacks ajv (npm ci in tests/peers)";
  }
};

TEST_F(OpenApiConformanceTest, RealAnswersMatchTheDocumentedSchemas) {
  TestServer server({{"UCF_ADMIN_TOKEN", kAdmin}, {"UCF_ALLOW_PRIVATE_DATABASES", "true"}});
  Recorder rec(server);
  const std::string none;

  // Health, ops, docs, dashboard, the OAuth browser callback.
  rec.Call("GET", "/", "/", none);
  EXPECT_EQ(rec.Call("GET", "/", "/", none, {}, {}, {"Accept: text/html"}).status, 302);
  rec.Call("GET", "/healthz", "/healthz", none);
  rec.Call("GET", "/readyz", "/readyz", none);
  rec.Call("GET", "/metrics", "/metrics", none);
  TestResponse document = rec.Call("GET", "/openapi.json", "/openapi.json", none);
  ASSERT_EQ(document.status, 200);
  rec.Call("GET", "/docs", "/docs", none);
  rec.Call("GET", "/ws/docs", "/ws/docs", none);
  rec.Call("GET", "/ui/{path}", "/ui/", none);
  rec.Call("GET", "/ui/{path}", "/ui", none);
  rec.Call("GET", "/ui.txt", "/ui.txt", none);
  EXPECT_EQ(rec.Call("GET", "/oauth/callback", "/oauth/callback?code=x&state=unknown", none).status, 302);

  // Tenancy and authentication failures.
  ASSERT_EQ(rec.Call("POST", "/api/tenants", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
  EXPECT_EQ(rec.Call("POST", "/api/tenants", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 409);
  EXPECT_EQ(rec.Call("POST", "/api/tenants", "/api/tenants", kAdmin, R"({"id":"Not A Slug","name":"x"})").status, 400);
  rec.Call("GET", "/api/tenants", "/api/tenants", kAdmin);
  TestResponse key = rec.Call("POST", "/api/api-keys", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme");
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string k(Data(key)["key"].as_string());
  EXPECT_EQ(rec.Call("GET", "/api/tenants", "/api/tenants", k).status, 403);
  EXPECT_EQ(rec.Call("GET", "/api/connections", "/api/connections", none).status, 401);
  TestResponse second = rec.Call("POST", "/api/api-keys", "/api/api-keys", k, R"({"name":"reader","readOnly":true})");
  ASSERT_EQ(second.status, 201);
  rec.Call("GET", "/api/api-keys", "/api/api-keys", k);
  EXPECT_EQ(rec.Call("DELETE", "/api/api-keys/{id}", "/api/api-keys/" + std::string(Data(second)["id"].as_string()), k).status,
            200);
  EXPECT_EQ(rec.Call("DELETE", "/api/api-keys/{id}", "/api/api-keys/key_nope", k).status, 404);

  // Connectors and this tenant's settings.
  rec.Call("GET", "/api/connectors", "/api/connectors", k);
  rec.Call("GET", "/api/connectors/{id}", "/api/connectors/jira", k);
  EXPECT_EQ(rec.Call("GET", "/api/connectors/{id}", "/api/connectors/nope", k).status, 404);
  rec.Call("POST", "/api/connectors/{id}/validate", "/api/connectors/jira/validate", k,
           R"({"config":{"base_url":"https://acme.atlassian.net"}})");
  rec.Call("POST", "/api/connectors/{id}/probe", "/api/connectors/jira/probe", k, R"({"base_url":"https://acme.atlassian.net"})");
  rec.Call("POST", "/api/connectors/{id}/connect", "/api/connectors/jira/connect", k, R"({"method":"api_key"})");
  EXPECT_EQ(rec.Call("POST", "/api/connectors/{id}/connect", "/api/connectors/jira/connect", k, R"({"method":"carrier pigeon"})").status,
            400);
  rec.Call("PATCH", "/api/connectors/{id}", "/api/connectors/jira", k,
           R"({"extraDetails":true,"oauthClientId":"cid","oauthClientSecret":"csecret","scopes":["read:jira-work"]})");
  rec.Call("GET", "/api/connectors/{id}/settings", "/api/connectors/jira/settings", k);
  rec.Call("POST", "/api/connectors/{id}/connect", "/api/connectors/jira/connect", k, R"({"method":"oauth2"})");
  rec.Call("GET", "/api/connectors/{id}/webhooks", "/api/connectors/jira/webhooks", k);

  // Connections without a provider call.
  TestResponse upsert = rec.Call("POST", "/api/connections", "/api/connections", k,
                                 R"({"connectorId":"jira","name":"main","config":{"base_url":"https://acme.atlassian.net",
                                     "api_email":"a@acme.test","api_token":"TOKEN-1"}})");
  ASSERT_EQ(upsert.status, 200) << upsert.body;
  const std::string jira(Data(upsert)["id"].as_string());
  EXPECT_EQ(rec.Call("POST", "/api/connections", "/api/connections", k, R"({"connectorId":"jira"})").status, 400);
  rec.Call("GET", "/api/connections", "/api/connections?connectorId=jira&limit=10", k);
  EXPECT_EQ(rec.Call("GET", "/api/connections", "/api/connections?status=sideways", k).status, 400);
  rec.Call("GET", "/api/connections/{id}", "/api/connections/" + jira, k);
  EXPECT_EQ(rec.Call("GET", "/api/connections/{id}", "/api/connections/conn_nope", k).status, 404);
  rec.Call("PATCH", "/api/connections/{id}", "/api/connections/" + jira, k, R"({"name":"main jira","metadata":{"team":"a"}})");
  rec.Call("POST", "/api/connections/token", "/api/connections/token", k,
           Json({{"connectionId", jira}, {"token", "tok-1"}, {"refreshToken", "ref-1"}, {"expiresAt", "2030-01-01T00:00:00Z"}}));
  rec.Call("GET", "/api/connections/{id}/token", "/api/connections/" + jira + "/token", kAdmin, {}, "acme");
  EXPECT_EQ(rec.Call("GET", "/api/connections/{id}/token", "/api/connections/" + jira + "/token", k).status, 403);
  rec.Call("POST", "/api/connections/{id}/sync-state", "/api/connections/" + jira + "/sync-state", k, R"({"cursor":"c1"})");
  rec.Call("GET", "/api/connections/{id}/sync-state", "/api/connections/" + jira + "/sync-state", k);
  rec.Call("GET", "/api/audit-logs", "/api/audit-logs?limit=5", k);
  EXPECT_EQ(rec.Call("GET", "/api/audit-logs", "/api/audit-logs?since=yesterday", k).status, 400);
  EXPECT_EQ(rec.Call("GET", "/proxy/{connectionId}/{path}", "/proxy/conn_nope/rest/api/3/myself", k).status, 404);

  // MCP: JSON-RPC, not the envelope.
  rec.Call("POST", "/mcp", "/mcp", k,
           R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})",
           {}, {"Accept: application/json, text/event-stream"});
  rec.Call("GET", "/mcp", "/mcp", k);

  // Browse, validate, sync, schedules, jobs and the change feed on a real PostgreSQL database.
  testing::ScratchPostgresDatabase db;
  if (!db.url().empty()) {
    ASSERT_EQ(db.Exec("CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, "
                      "updated_at timestamptz NOT NULL DEFAULT now()); "
                      "INSERT INTO people SELECT g, 'Person ' || g FROM generate_series(1, 5) g; ANALYZE;"),
              "");
    boost::json::object config = db.ConnectorConfig("pw");
    TestResponse connected = rec.Call("POST", "/api/connectors/{id}/connect/callback", "/api/connectors/postgres/connect/callback",
                                      k, Json({{"method", "basic"}, {"name", "warehouse"}, {"config", config}}));
    ASSERT_EQ(connected.status, 200) << connected.body;
    const std::string pg(Data(connected)["connectionId"].as_string());
    const std::string c = "/api/connections/" + pg;
    rec.Call("POST", "/api/connections/{id}/validate", c + "/validate", k);
    rec.Call("POST", "/api/connections/validate", "/api/connections/validate", k, Json({{"connectionId", pg}}));
    rec.Call("GET", "/api/connections/{id}/containers", c + "/containers?limit=2", k);
    rec.Call("GET", "/api/connectors/{id}/containers", "/api/connectors/postgres/containers?connectionId=" + pg, k);
    TestResponse items = rec.Call("GET", "/api/connections/{id}/items", c + "/items?containerId=public.people&limit=2", k);
    ASSERT_EQ(items.status, 200) << items.body;
    rec.Call("GET", "/api/connectors/{id}/items", "/api/connectors/postgres/items?connectionId=" + pg + "&containerId=public.people&q=Person", k);
    EXPECT_EQ(rec.Call("GET", "/api/connections/{id}/items", c + "/items?containerId=public.people&limit=0", k).status, 400);
    rec.Call("GET", "/api/connections/{id}/items/{itemId}", c + "/items/public.people%3A1?raw=true", k);
    rec.Call("GET", "/api/connections/{id}/items/{itemId}/comments", c + "/items/public.people%3A1/comments", k);
    rec.Call("GET", "/api/connectors/{id}/comments", "/api/connectors/postgres/comments?connectionId=" + pg + "&itemId=public.people%3A1", k);
    rec.Call("POST", "/api/connections/{id}/items", c + "/items", k, R"({"containerId":"public.people","title":"x"})");
    rec.Call("POST", "/api/connections/{id}/items/{itemId}/comments", c + "/items/public.people%3A1/comments", k, R"({"text":"hi"})");

    rec.Call("PUT", "/api/connections/{id}/schedule", c + "/schedule", k, R"({"everySeconds":3600})");
    EXPECT_EQ(rec.Call("PUT", "/api/connections/{id}/schedule", c + "/schedule", k, R"({"everySeconds":"often"})").status, 400);
    rec.Call("GET", "/api/connections/{id}/schedule", c + "/schedule", k);
    rec.Call("DELETE", "/api/connections/{id}/schedule", c + "/schedule", k);
    TestResponse queued = rec.Call("POST", "/api/connections/{id}/sync", c + "/sync", k, R"({"full":true})");
    ASSERT_EQ(queued.status, 202) << queued.body;
    const std::string job(Data(queued)["id"].as_string());
    for (int i = 0; i < 600; ++i) {
      TestResponse state = rec.Call("GET", "/api/jobs/{id}", "/api/jobs/" + job, k);
      if (Data(state)["status"] == "succeeded" || Data(state)["status"] == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    rec.Call("GET", "/api/jobs", "/api/jobs?connectionId=" + pg, k);
    rec.Call("GET", "/api/jobs/{id}/events", "/api/jobs/" + job + "/events", k);
    rec.Call("GET", "/api/events", "/api/events", k);
    rec.Call("POST", "/api/jobs/{id}/cancel", "/api/jobs/" + job + "/cancel", k);
    rec.Call("GET", "/api/connections/{id}/records", c + "/records?limit=3", k);
    rec.Call("POST", "/api/connectors/{id}/jobs", "/api/connectors/postgres/jobs", k,
             Json({{"type", "sync"}, {"params", {{"connectionId", pg}}}}));
    rec.Call("POST", "/api/connectors/{id}/jobs", "/api/connectors/postgres/jobs", k, Json({{"type", "probe"}, {"params", config}}));
    rec.Call("POST", "/api/connections/{id}/revoke", c + "/revoke", k, R"({"reason":"done"})");
    rec.Call("DELETE", "/api/connections/{id}", c, k);
  } else {
    ADD_FAILURE() << "UCF_TEST_POSTGRES_URL is not set: browse and sync answers were not checked (" << db.error() << ")";
  }

  // Webhooks: an unsigned inbound delivery, the application's subscriptions.
  rec.Call("POST", "/webhooks/{connector}/{connectionId}", "/webhooks/jira/" + jira, none, R"({"webhookEvent":"jira:issue_updated"})");
  TestResponse sub = rec.Call("POST", "/api/webhook-subscriptions", "/api/webhook-subscriptions", k,
                              R"({"url":"https://hooks.example.com/ucf","events":["sync.finished"]})");
  if (sub.status == 201) {
    const std::string id(Data(sub)["id"].as_string());
    rec.Call("GET", "/api/webhook-subscriptions", "/api/webhook-subscriptions", k);
    rec.Call("GET", "/api/webhook-subscriptions/{id}", "/api/webhook-subscriptions/" + id, k);
    rec.Call("POST", "/api/webhook-subscriptions/{id}/rotate", "/api/webhook-subscriptions/" + id + "/rotate", k, R"({"graceSeconds":60})");
    rec.Call("GET", "/api/webhook-subscriptions/{id}/deliveries", "/api/webhook-subscriptions/" + id + "/deliveries", k);
    rec.Call("DELETE", "/api/webhook-subscriptions/{id}", "/api/webhook-subscriptions/" + id, k);
  } else {
    ADD_FAILURE() << "subscription not created: " << sub.body;
  }
  rec.Call("POST", "/api/connections/revoke", "/api/connections/revoke", k, Json({{"connectionId", jira}}));
  TestResponse other = rec.Call("POST", "/api/connections", "/api/connections", k,
                                R"({"connectorId":"jira","name":"other","config":{"base_url":"https://acme.atlassian.net"}})");
  ASSERT_EQ(other.status, 200) << other.body;
  const std::string other_id(Data(other)["id"].as_string());
  rec.Call("POST", "/api/connections/{id}/site", "/api/connections/" + other_id + "/site", k, R"({"site":"acme"})");
  rec.Call("POST", "/api/connectors/{id}/revoke", "/api/connectors/jira/revoke", k, Json({{"connectionId", other_id}}));
  rec.Call("POST", "/api/connectors/{id}/webhooks", "/api/connectors/jira/webhooks", k, Json({{"connectionId", "conn_nope"}}));
  rec.Call("DELETE", "/api/connectors/{id}/webhooks", "/api/connectors/jira/webhooks", k, R"({"webhookId":"wh_nope"})");
  rec.Call("DELETE", "/api/connectors/{id}/webhooks/{webhookId}", "/api/connectors/jira/webhooks/wh_nope", k);
  rec.Call("POST", "/api/connectors/{id}/webhooks/refresh", "/api/connectors/jira/webhooks/refresh", k);
  for (const char* method : {"PUT", "POST", "DELETE", "PATCH"}) {
    rec.Call(method, "/proxy/{connectionId}/{path}", "/proxy/conn_nope/rest/api/3/issue", k, R"({"a":1})");
  }
  rec.Call("DELETE", "/mcp", "/mcp", k);

  CheckResult result = Check(document.body, rec.samples());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  std::cout << result.output;
  // The set is representative: most operations of the document were answered.
  std::set<std::string> operations;
  for (const auto& s : rec.samples()) {
    operations.insert(std::string(s.at("method").as_string()) + " " + std::string(s.at("path").as_string()));
  }
  EXPECT_GE(operations.size(), db.url().empty() ? 50u : 75u);
}

// The checker fails answers the document does not describe: a property it does not name, a
// required one missing, a wrong type, an undocumented status, and an error code other than the
// one documented for the status.
TEST_F(OpenApiConformanceTest, TheCheckerRejectsAnswersOutsideTheDocument) {
  TestServer server(std::map<std::string, std::string>{{"UCF_ADMIN_TOKEN", kAdmin}});
  TestResponse document = server.Get("/openapi.json");
  ASSERT_EQ(document.status, 200);
  ASSERT_EQ(server.Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
  TestResponse key = server.Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme");
  ASSERT_EQ(key.status, 201);
  boost::json::object real = boost::json::parse(key.body).as_object();
  auto sample = [&](int status, const boost::json::value& body) {
    return boost::json::object{{"method", "POST"}, {"path", "/api/api-keys"}, {"status", status},
                               {"contentType", "application/json"}, {"body", boost::json::serialize(body)}};
  };
  ASSERT_EQ(Check(document.body, {sample(201, real)}).exit_code, 0) << "the untouched answer passes";

  boost::json::object extra = real;
  extra["data"].as_object()["secretHash"] = "undocumented";
  boost::json::object missing = real;
  missing["data"].as_object().erase("readOnly");
  boost::json::object mistyped = real;
  mistyped["data"].as_object()["createdAt"] = 17;
  boost::json::object wrong_code = boost::json::parse(R"({"ok":false,"data":null,"error":{"code":"not_found","message":"x","details":null}})").as_object();
  CheckResult result = Check(document.body, {sample(201, extra), sample(201, missing), sample(201, mistyped),
                                             sample(418, real), sample(400, wrong_code)});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("secretHash"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("readOnly"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("/data/createdAt"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("418: status not documented"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("error code not_found, documented invalid_request"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("5 failures"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace ucf
