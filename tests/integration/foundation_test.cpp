// Issue 2 end to end: the real application on a free port, spoken to over HTTP.

#include <gtest/gtest.h>
#include <signal.h>

#include "boost/json/parse.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/subprocess.hpp"

namespace ucf {
namespace {

using testing::Fetch;
using testing::TestServer;

TEST(FoundationTest, HealthIsAnEnvelope) {
  TestServer server;
  auto r = server.Get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(*r.headers.Get("Content-Type"), "application/json");
  auto env = boost::json::parse(r.body).as_object();
  EXPECT_EQ(env["ok"], true);
  EXPECT_TRUE(env["error"].is_null());
  auto data = env["data"].as_object();
  EXPECT_EQ(data["status"], "running");
  EXPECT_TRUE(data["version"].is_string());
  EXPECT_TRUE(data["database"].is_string());
  EXPECT_EQ(server.Get("/healthz").status, 200);
  EXPECT_EQ(server.Get("/readyz").status, 200);
}

TEST(FoundationTest, RequestIdIsEchoedOrGenerated) {
  TestServer server;
  EXPECT_EQ(*server.Get("/healthz", {"X-Request-Id: abc-123"}).headers.Get("X-Request-Id"),
            "abc-123");
  EXPECT_EQ(*server.Get("/healthz", {"X-Correlation-Id: corr-9"}).headers.Get("X-Request-Id"),
            "corr-9");
  std::string generated(*server.Get("/healthz").headers.Get("X-Request-Id"));
  EXPECT_EQ(generated.size(), 36u);
  // An unusable id (control characters / too long) is replaced, not echoed.
  std::string replaced(
      *server.Get("/healthz", {"X-Request-Id: " + std::string(300, 'x')}).headers.Get("X-Request-Id"));
  EXPECT_EQ(replaced.size(), 36u);
}

TEST(FoundationTest, AccessLogHasContextAndNoSecrets) {
  TestServer server;
  auto r = Fetch("POST", server.Url("/nope?token=QUERYSECRET1&limit=5"),
                 {"X-Api-Key: HEADERSECRET2", "Authorization: Bearer BEARERSECRET3",
                  "X-Tenant-Id: acme", "X-Api-Tag: tagged", "X-Request-Id: rid-log-1"},
                 R"({"password":"BODYSECRET4"})");
  EXPECT_EQ(r.status, 404);
  std::string log = server.Log();
  for (const char* secret : {"QUERYSECRET1", "HEADERSECRET2", "BEARERSECRET3", "BODYSECRET4"}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
  bool found = false;
  for (size_t start = 0, end; (end = log.find('\n', start)) != std::string::npos; start = end + 1) {
    auto line = boost::json::parse(log.substr(start, end - start)).as_object();
    if (line["message"] != "request_completed" || line["request_id"] != "rid-log-1") continue;
    found = true;
    EXPECT_EQ(line["method"], "POST");
    EXPECT_EQ(line["path"], "/nope");
    EXPECT_EQ(line["status"], 404);
    EXPECT_EQ(line["tenant_id"], "acme");
    EXPECT_EQ(line["api_tag"], "tagged");
    EXPECT_EQ(line["query"], "token=***&limit=5");
    EXPECT_TRUE(line["duration_ms"].is_number());
    EXPECT_TRUE(line["bytes"].is_number());
    EXPECT_EQ(std::string(line["time"].as_string()).back(), 'Z');
  }
  EXPECT_TRUE(found) << log;
}

TEST(FoundationTest, MetricsCountRequests) {
  TestServer server;
  server.Get("/healthz");
  server.Get("/missing");
  auto r = server.Get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("route=\"unmatched\",status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(r.body.find("http_request_duration_seconds_bucket"), std::string::npos);
}

TEST(FoundationTest, CorsOnlyForListedOrigins) {
  TestServer server(std::map<std::string, std::string>{{"CORS_ALLOW_ORIGINS", "http://app.example"}});
  auto allowed = server.Get("/healthz", {"Origin: http://app.example"});
  EXPECT_EQ(*allowed.headers.Get("Access-Control-Allow-Origin"), "http://app.example");
  EXPECT_EQ(*allowed.headers.Get("Access-Control-Allow-Credentials"), "true");
  auto other = server.Get("/healthz", {"Origin: http://evil.example"});
  EXPECT_FALSE(other.headers.Has("Access-Control-Allow-Origin"));
  auto preflight = Fetch("OPTIONS", server.Url("/api/connections"),
                         {"Origin: http://app.example", "Access-Control-Request-Method: POST"});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_TRUE(preflight.headers.Has("Access-Control-Allow-Methods"));
}

TEST(FoundationTest, OpenApiDescribesTheRouteTable) {
  TestServer server;
  auto r = server.Get("/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = boost::json::parse(r.body).as_object();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_TRUE(doc["paths"].as_object().contains("/healthz"));
  EXPECT_EQ(server.Get("/docs").status, 200);
}

TEST(FoundationTest, ServeCommandStopsGracefullyOnSigterm) {
  char dir[] = "/tmp/ucf-serve-XXXXXX";
  std::string data_dir = mkdtemp(dir);
  testing::Subprocess serve({UCF_BINARY, "serve", "--port", "0", "--env-file", "/nonexistent"},
                            {{"UCF_DATA_DIR", data_dir}, {"LOG_JSON", "true"}});
  ASSERT_TRUE(serve.WaitForOutput("\"message\":\"listening\"")) << serve.Output();
  std::string out = serve.Output();
  auto port_pos = out.find("\"port\":");
  ASSERT_NE(port_pos, std::string::npos);
  int port = std::stoi(out.substr(port_pos + 7));
  EXPECT_GT(port, 0);
  EXPECT_EQ(Fetch("GET", "http://127.0.0.1:" + std::to_string(port) + "/healthz").status, 200);
  EXPECT_EQ(serve.Signal(SIGTERM), 0) << serve.Output();
  EXPECT_NE(serve.Output().find("shutdown complete"), std::string::npos);
}

TEST(FoundationTest, BadConfigurationStopsStartupWithOneClearLine) {
  testing::Subprocess serve({UCF_BINARY, "serve", "--env-file", "/nonexistent"},
                            {{"UCF_PORT", "not-a-port"}});
  EXPECT_EQ(serve.Wait(), 2);
  std::string out = serve.Output();
  EXPECT_NE(out.find("UCF_PORT"), std::string::npos) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
}

}  // namespace
}  // namespace ucf
