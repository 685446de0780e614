// Issue 9 hole 7 and the Host item of hole 8, end to end on the real application: the client
// address behind trusted proxies (UCF_TRUSTED_PROXIES), the brute-force brake that never locks
// out a valid credential, refusals on the network thread before a body is read, and redirect
// URLs that never come from the Host header.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/raw_http.hpp"
#include "tests/support/mini_browser.hpp"

namespace ucf {
namespace {

using testing::Fetch;
using testing::RawExchange;
using testing::TestResponse;
using testing::TestServer;

constexpr char kAdmin[] = "admin-token-for-proxy-tests-0123";
constexpr char kWrongKey[] = "ucf_000000000000_wrongwrongwrongwrongwrongwrongwr";

boost::json::object Data(const TestResponse& r) { return testing::EnvelopeData(r); }

std::map<std::string, std::string> Vars(std::map<std::string, std::string> extra) {
  extra.emplace("UCF_ADMIN_TOKEN", kAdmin);
  extra.emplace("UCF_AUTH_MAX_FAILURES", "3");
  return extra;
}

// A tenant "acme" and a key for it; returns the key.
std::string AcmeKey(const TestServer& server) {
  EXPECT_EQ(server.Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
  auto created = server.Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme");
  EXPECT_EQ(created.status, 201) << created.body;
  return std::string(Data(created)["key"].as_string());
}

// GET /api/api-keys with `credential`, from `local_address` (a loopback address; "" = 127.0.0.1),
// with `forwarded_for` as X-Forwarded-For when not empty.
TestResponse ListKeys(const TestServer& server, const std::string& credential,
                      const std::string& local_address = {}, const std::string& forwarded_for = {}) {
  std::vector<std::string> headers{"Authorization: Bearer " + credential};
  if (!forwarded_for.empty()) headers.push_back("X-Forwarded-For: " + forwarded_for);
  return Fetch("GET", server.Url("/api/api-keys"), headers, {}, 10'000, local_address);
}

// Headers of a POST that announce a 900 KB body (under the 1 MiB limit) which is never sent.
std::string HeadersOnlyPost(const std::vector<std::string>& extra) {
  std::string out = "POST /api/tenants HTTP/1.1\r\nHost: ucf\r\nContent-Type: application/json\r\n"
                    "Content-Length: 900000\r\n";
  for (const auto& h : extra) out += h + "\r\n";
  return out + "\r\n";
}

// The access log's client field of requests answered `status`.
std::vector<std::string> LoggedClients(const TestServer& server, int status) {
  std::vector<std::string> out;
  std::string log = server.Log();
  for (size_t at = 0, end; (end = log.find('\n', at)) != std::string::npos; at = end + 1) {
    std::string line = log.substr(at, end - at);
    if (line.find("request_completed") == std::string::npos) continue;
    auto record = boost::json::parse(line).as_object();
    if (record.at("status").to_number<int>() != status) continue;
    out.emplace_back(record.at("client").as_string());
  }
  return out;
}

TEST(EarlyRefusalTest, AnUnauthenticatedBodyIsRefusedBeforeItIsRead) {
  TestServer server(Vars({}));
  for (const std::vector<std::string>& auth :
       {std::vector<std::string>{}, {"Authorization: Basic YWRtaW46YWRtaW4="}, {"Authorization: Bearer short"}}) {
    // Only the headers are sent: the answer must not wait for the body.
    std::string reply = RawExchange(server.app().port(), HeadersOnlyPost(auth), 4000);
    EXPECT_EQ(reply.rfind("HTTP/1.1 401", 0), 0u) << reply.substr(0, 200);
    EXPECT_NE(reply.find("WWW-Authenticate: Bearer"), std::string::npos);
    EXPECT_NE(reply.find("\"unauthorized\""), std::string::npos);
  }
  // Public routes are not screened, and an authenticated request still gets its body read.
  auto created = server.Call("POST", "/api/tenants", kAdmin, R"({"id":"beta","name":"Beta"})");
  EXPECT_EQ(created.status, 201) << created.body;
}

TEST(EarlyRefusalTest, AThrottledAddressGets429BeforeItsBodyIsRead) {
  TestServer server(Vars({{"UCF_TRUSTED_PROXIES", "127.0.0.1"}}));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ListKeys(server, kWrongKey, {}, "203.0.113.7").status, 401);
  // A well-formed key would need a database look-up; a throttled address does not get one.
  std::string reply = RawExchange(
      server.app().port(),
      HeadersOnlyPost({"Authorization: Bearer " + std::string(kWrongKey), "X-Forwarded-For: 203.0.113.7"}), 4000);
  EXPECT_EQ(reply.rfind("HTTP/1.1 429", 0), 0u) << reply.substr(0, 200);
  EXPECT_NE(reply.find("Retry-After: "), std::string::npos);
  EXPECT_NE(reply.find("\"rate_limited\""), std::string::npos);
}

TEST(TrustedProxiesTest, ClientsBehindAProxyAreThrottledIndependently) {
  TestServer server(Vars({{"UCF_TRUSTED_PROXIES", "10.9.0.0/16, 127.0.0.1, ::1"}}));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ListKeys(server, kWrongKey, {}, "198.51.100.1").status, 401);
  EXPECT_EQ(ListKeys(server, kWrongKey, {}, "198.51.100.1").status, 429);
  // Another client behind the same proxy is not affected, nor one a second proxy forwarded.
  EXPECT_EQ(ListKeys(server, kWrongKey, {}, "198.51.100.2").status, 401);
  EXPECT_EQ(ListKeys(server, kWrongKey, {}, "198.51.100.3, 10.9.0.4").status, 401);
  // What the client wrote to the left of the proxy's entry does not move it to another key.
  EXPECT_EQ(ListKeys(server, kWrongKey, {}, "192.0.2.99, 198.51.100.1").status, 429);
  auto logged = LoggedClients(server, 401);
  ASSERT_EQ(logged.size(), 5u);
  EXPECT_EQ(logged[0], "198.51.100.1");
  EXPECT_EQ(logged[3], "198.51.100.2");
  EXPECT_EQ(logged[4], "198.51.100.3");
  EXPECT_EQ(LoggedClients(server, 429), (std::vector<std::string>{"198.51.100.1", "198.51.100.1"}));
}

TEST(TrustedProxiesTest, AnUntrustedPeersForwardedForIsIgnored) {
  TestServer server(Vars({{"UCF_TRUSTED_PROXIES", "127.0.0.1"}}));
  // 127.0.0.2 is no proxy: rotating its X-Forwarded-For does not dodge the brake.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(ListKeys(server, kWrongKey, "127.0.0.2", "198.51.100." + std::to_string(10 + i)).status, 401);
  }
  EXPECT_EQ(ListKeys(server, kWrongKey, "127.0.0.2", "198.51.100.50").status, 429);
  for (const std::string& client : LoggedClients(server, 401)) EXPECT_EQ(client, "127.0.0.2");
  // Without UCF_TRUSTED_PROXIES nobody's X-Forwarded-For counts.
  TestServer plain(Vars({}));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(ListKeys(plain, kWrongKey, {}, "198.51.100." + std::to_string(20 + i)).status, 401);
  }
  EXPECT_EQ(ListKeys(plain, kWrongKey, {}, "198.51.100.60").status, 429);
  for (const std::string& client : LoggedClients(plain, 401)) EXPECT_EQ(client, "127.0.0.1");
}

TEST(ThrottleTest, AValidCredentialIsNeverLockedOut) {
  TestServer server(Vars({}));
  std::string key = AcmeKey(server);
  auto other = server.Call("POST", "/api/api-keys", kAdmin, R"({"name":"other"})", "acme");
  std::string other_key(Data(other)["key"].as_string());
  EXPECT_EQ(ListKeys(server, other_key, "127.0.0.3").status, 200);  // seen valid elsewhere
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ListKeys(server, kWrongKey, "127.0.0.2").status, 401);
  ASSERT_EQ(ListKeys(server, kWrongKey, "127.0.0.2").status, 429);
  // The locked-out address still serves every credential that checks out...
  EXPECT_EQ(ListKeys(server, key, "127.0.0.2").status, 200);
  EXPECT_EQ(ListKeys(server, other_key, "127.0.0.2").status, 200);
  auto admin = Fetch("GET", server.Url("/api/tenants"), {"Authorization: Bearer " + std::string(kAdmin)}, {},
                     10'000, "127.0.0.2");
  EXPECT_EQ(admin.status, 200);
  // ...and still refuses guesses, and a key revoked meanwhile.
  EXPECT_EQ(ListKeys(server, kWrongKey, "127.0.0.2").status, 429);
  std::string other_id(Data(other)["id"].as_string());
  ASSERT_EQ(server.Call("DELETE", "/api/api-keys/" + other_id, key).status, 200);
  EXPECT_EQ(ListKeys(server, other_key, "127.0.0.2").status, 429);
  EXPECT_EQ(ListKeys(server, other_key, "127.0.0.3").status, 401);
}

TEST(ThrottleTest, AKeyFromBeforeARestartIsNotLockedOutEither) {
  char dir[] = "/tmp/ucf-it-restart-XXXXXX";
  std::string data_dir = mkdtemp(dir);
  std::string key;
  {
    TestServer first(Vars({{"UCF_DATA_DIR", data_dir}}));
    key = AcmeKey(first);
  }
  TestServer second(Vars({{"UCF_DATA_DIR", data_dir}}));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ListKeys(second, kWrongKey, "127.0.0.2").status, 401);
  ASSERT_EQ(ListKeys(second, kWrongKey, "127.0.0.2").status, 429);
  EXPECT_EQ(ListKeys(second, key, "127.0.0.2").status, 200) << "never used since the restart";
  std::error_code ec;
  std::filesystem::remove_all(data_dir, ec);
}

TEST(PublicUrlTest, AForgedHostChangesNeitherTheRedirectUriNorTheCallbackRedirect) {
  TestServer server(Vars({}));
  std::string key = AcmeKey(server);
  std::string origin = server.Url("");
  auto patched = server.Call("PATCH", "/api/connectors/jira", key,
                             R"({"oauthClientId":"client-id","oauthClientSecret":"client-secret"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  auto started = server.Call("POST", "/api/connectors/jira/connect", key, R"({"method":"oauth2"})", "",
                             {"Host: evil.example", "X-Forwarded-Host: evil.example"});
  ASSERT_EQ(started.status, 200) << started.body;
  auto data = Data(started);
  std::string auth_url(data["authUrl"].as_string());
  EXPECT_EQ(testing::QueryOf(auth_url)["redirect_uri"], origin + "/oauth/callback") << auth_url;
  EXPECT_EQ(data["redirectUri"], boost::json::value(origin + "/oauth/callback"));

  auto callback = Fetch("GET", server.Url("/oauth/callback?code=c&state=forged"), {"Host: evil.example"});
  ASSERT_EQ(callback.status, 302) << callback.body;
  std::string location(callback.headers.Get("Location").value_or(""));
  EXPECT_EQ(location.rfind(origin + "/ui/connections?error=", 0), 0u) << location;
}

TEST(PublicUrlTest, AConfiguredPublicUrlIsUsedAsIs) {
  TestServer server(Vars({{"UCF_PUBLIC_URL", "https://ucf.example.com/"}}));
  auto callback = Fetch("GET", server.Url("/oauth/callback?code=c&state=forged"), {"Host: evil.example"});
  EXPECT_EQ(std::string(callback.headers.Get("Location").value_or("")).rfind("https://ucf.example.com/ui/", 0), 0u);
}

}  // namespace
}  // namespace ucf
