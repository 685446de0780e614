// The MCP endpoint driven by the official MCP TypeScript SDK client (tests/peers/mcp/client.mjs):
// the real application, a Jira connection on the fake Atlassian upstream behind Prism validating
// every request and answer against Jira's official spec (AtlassianPeer, with a start timeout long
// enough for a loaded machine), tenant A's normal and read-only keys and tenant B's key. The script's checks are listed in its header.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/atlassian_peer.hpp"
#include "tests/support/node_peer.hpp"
#include "tests/support/subprocess.hpp"

namespace ucf {
namespace {

using testing::TestServer;

constexpr char kAdmin[] = "admin-token-for-mcp-suite-012345";
constexpr int kPrismStartTimeoutMs = 600'000;

std::string KeyFor(const TestServer& server, const std::string& tenant, bool read_only) {
  server.Call("POST", "/api/tenants", kAdmin, R"({"id":")" + tenant + R"(","name":"T"})");
  auto created = server.Call("POST", "/api/api-keys", kAdmin,
                             std::string(R"({"name":"k","readOnly":)") + (read_only ? "true" : "false") + "}", tenant);
  EXPECT_EQ(created.status, 201) << created.body;
  auto data = testing::EnvelopeData(created);
  EXPECT_EQ(data["readOnly"].as_bool(), read_only);
  return std::string(data["key"].as_string());
}

TEST(McpTest, TheOfficialSdkClientUsesEveryToolWithinItsTenantAndKey) {
  if (!std::filesystem::exists(testing::PeersDir() / "node_modules/@modelcontextprotocol/sdk/package.json")) {
    GTEST_SKIP() << "tests/peers/node_modules missing (npm ci in tests/peers)";
  }
  if (!testing::AtlassianPeer::Installed()) GTEST_SKIP() << "Prism missing (npm ci in tests/peers)";
  // Prism loads Jira's 4 MB spec: ~15 s idle, minutes on a loaded machine; a failed start is a
  // failure, never a reason to talk to the fake unvalidated.
  auto peer = testing::AtlassianPeer::Start({}, kPrismStartTimeoutMs);
  ASSERT_TRUE(peer.ok()) << peer.status();
  const std::string fake_url = (*peer)->jira_url();  // every upstream call validated by Prism
  TestServer server(std::map<std::string, std::string>{{"UCF_ADMIN_TOKEN", kAdmin}, {"UCF_ALLOW_PRIVATE_UPSTREAMS", "true"}});
  std::string key = KeyFor(server, "acme", false);
  std::string reader = KeyFor(server, "acme", true);
  std::string other = KeyFor(server, "globex", false);
  auto connected = server.Call(
      "POST", "/api/connectors/jira/connect/callback", key,
      boost::json::serialize(boost::json::object{{"name", "main"},
                                                 {"email", testing::kAtlassianEmail},
                                                 {"apiKey", testing::kAtlassianApiToken},
                                                 {"baseUrl", fake_url}}));
  ASSERT_EQ(connected.status, 200) << connected.body;
  std::string connection(testing::EnvelopeData(connected)["connectionId"].as_string());

  testing::Subprocess client({testing::FindNode(), (testing::PeersDir() / "mcp/client.mjs").string()},
                             {{"UCF_URL", server.Url("")},
                              {"UCF_KEY", key},
                              {"UCF_READONLY_KEY", reader},
                              {"UCF_OTHER_KEY", other},
                              {"UCF_CONNECTION", connection},
                              {"UCF_SECRETS", std::string(testing::kAtlassianApiToken) + "," + key}});
  int code = client.Wait(120'000);
  EXPECT_EQ(code, 0) << client.Output() << "\n--- server log ---\n" << server.Log().substr(0, 20000);
  EXPECT_NE(client.Output().find("MCP-CLIENT OK"), std::string::npos) << client.Output();
  // Prism (--errors) answers any contract violation with an error the client would have failed
  // on, and logs it: none may appear.
  std::string prism_log = (*peer)->Output();
  std::transform(prism_log.begin(), prism_log.end(), prism_log.begin(), [](unsigned char c) { return std::tolower(c); });
  EXPECT_EQ(prism_log.find("violation"), std::string::npos) << (*peer)->Output();
}

TEST(McpTest, TransportRules) {
  TestServer server(std::map<std::string, std::string>{{"UCF_ADMIN_TOKEN", kAdmin}});
  std::string key = KeyFor(server, "acme", false);
  auto rpc = [&](const std::string& body, std::vector<std::string> headers = {}) {
    headers.push_back("Authorization: Bearer " + key);
    headers.push_back("Content-Type: application/json");
    headers.push_back("Accept: application/json, text/event-stream");
    return testing::Fetch("POST", server.Url("/mcp"), headers, body);
  };
  auto init = rpc(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
  ASSERT_EQ(init.status, 200) << init.body;
  auto result = boost::json::parse(init.body).as_object()["result"].as_object();
  EXPECT_EQ(result["protocolVersion"], "2025-06-18");
  // An unknown revision is answered with the latest served.
  auto future = rpc(R"({"jsonrpc":"2.0","id":2,"method":"initialize","params":{"protocolVersion":"2099-01-01"}})");
  EXPECT_EQ(boost::json::parse(future.body).at("result").at("protocolVersion"), "2025-11-25");
  EXPECT_EQ(rpc(R"({"jsonrpc":"2.0","method":"notifications/initialized"})").status, 202);
  EXPECT_EQ(rpc("{not json").status, 400);
  EXPECT_EQ(boost::json::parse(rpc("{not json").body).at("error").at("code").to_number<int>(), -32700);
  EXPECT_EQ(boost::json::parse(rpc(R"({"jsonrpc":"2.0","id":3,"method":"nope"})").body).at("error").at("code").to_number<int>(),
            -32601);
  EXPECT_EQ(rpc(R"({"jsonrpc":"2.0","id":4,"method":"ping"})", {"MCP-Protocol-Version: 1999-01-01"}).status, 400);
  EXPECT_EQ(rpc(R"({"jsonrpc":"2.0","id":5,"method":"ping"})", {"Origin: https://evil.example"}).status, 403);
  EXPECT_EQ(testing::Fetch("GET", server.Url("/mcp"), {"Authorization: Bearer " + key}).status, 405);
  EXPECT_EQ(testing::Fetch("POST", server.Url("/mcp"), {}, R"({"jsonrpc":"2.0","id":1,"method":"ping"})").status, 401);
}

}  // namespace
}  // namespace ucf
