// Issue 9 hole 1 and hole 8 (deletion), end to end through UCF's HTTP API against the real peers:
// the fake Atlassian behind Prism (API tokens, the OAuth gateway, webhooks), oidc-provider (tokens,
// refresh, RFC 7009 revocation), and "elsewhere" — a second local HTTP listener standing for a host
// a tenant would like UCF's stored credentials sent to. Where credentials go is the server's
// decision: no request carrying credentials may ever reach "elsewhere" unless they were given for
// it.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/atlassian_peer.hpp"
#include "tests/support/mini_browser.hpp"
#include "tests/support/oidc_peer.hpp"
#include "ucf/core/strings.hpp"

namespace ucf {
namespace {

using testing::kPeerClientId;
using testing::kPeerClientSecret;
using testing::kPeerRedirectUri;
using testing::MiniBrowser;
using testing::OidcPeer;
using testing::QueryOf;
using testing::AtlassianPeer;
using testing::TestResponse;
using testing::TestServer;

constexpr char kAdmin[] = "admin-token-for-destination-tests-01";

boost::json::object Data(const TestResponse& r) { return testing::EnvelopeData(r); }
std::string Json(const boost::json::object& o) { return boost::json::serialize(o); }
std::string FieldOf(const TestResponse& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object()) return "";
  const auto* field = v.as_object().if_contains("error");
  if (!field || !field->is_object() || !field->as_object().contains("details")) return "";
  const auto& details = field->as_object().at("details").as_object();
  return details.contains("field") ? std::string(details.at("field").as_string()) : "";
}

// "elsewhere": a plain HTTP/1.1 listener on 127.0.0.1 recording every request it receives (request
// line and headers) and answering each with `status` and `body`.
class Elsewhere {
 public:
  Elsewhere(int status, std::string body) : status_(status), body_(std::move(body)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ADD_FAILURE() << "elsewhere cannot listen";
      return;
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~Elsewhere() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> requests() const {
    std::lock_guard lock(mu_);
    return seen_;
  }
  // Requests that carried an Authorization header.
  std::vector<std::string> WithCredentials() const {
    std::vector<std::string> out;
    for (const std::string& r : requests()) {
      if (core::Contains(core::ToLower(r), "\r\nauthorization:")) out.push_back(r);
    }
    return out;
  }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      timeval tv{2, 0};
      ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
      std::string in;
      char buf[4096];
      while (in.find("\r\n\r\n") == std::string::npos && in.size() < (1 << 20)) {
        ssize_t n = ::recv(c, buf, sizeof(buf), 0);
        if (n <= 0) break;
        in.append(buf, static_cast<std::size_t>(n));
      }
      std::string head = in.substr(0, in.find("\r\n\r\n") + 2);
      std::size_t body_len = 0;
      std::string lower = core::ToLower(head);
      if (std::size_t at = lower.find("\r\ncontent-length:"); at != std::string::npos) {
        body_len = static_cast<std::size_t>(std::atol(head.c_str() + at + 17));
      }
      while (in.size() < head.size() + 2 + body_len) {
        ssize_t n = ::recv(c, buf, sizeof(buf), 0);
        if (n <= 0) break;
        in.append(buf, static_cast<std::size_t>(n));
      }
      {
        std::lock_guard lock(mu_);
        seen_.push_back(head);
      }
      std::string out = "HTTP/1.1 " + std::to_string(status_) + " X\r\nContent-Type: application/json\r\n" +
                        "Content-Length: " + std::to_string(body_.size()) + "\r\nConnection: close\r\n\r\n" + body_;
      ::send(c, out.data(), out.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }

  int status_;
  std::string body_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<std::string> seen_;
};

class CredentialDestinationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!OidcPeer::Installed() || !AtlassianPeer::Installed()) return;
    auto oidc = OidcPeer::Start({});
    ASSERT_TRUE(oidc.ok()) << oidc.status();
    oidc_ = oidc->release();
    auto env = AtlassianPeer::IntrospectionEnv(oidc_->issuer() + "/token/introspection", kPeerClientId,
                                               kPeerClientSecret);
    env["ATL_WEBHOOK_JWT_SECRET"] = kPeerClientSecret;
    auto atl = AtlassianPeer::Start(env);
    ASSERT_TRUE(atl.ok()) << atl.status();
    atl_ = atl->release();
  }
  static void TearDownTestSuite() {
    delete atl_;
    atl_ = nullptr;
    delete oidc_;
    oidc_ = nullptr;
  }

  void SetUp() override {
    if (!OidcPeer::Installed() || !AtlassianPeer::Installed()) {
      GTEST_SKIP() << "tests/peers/node_modules missing (npm ci in tests/peers)";
    }
    ASSERT_NE(atl_, nullptr) << "the Atlassian peer did not start";
    ASSERT_TRUE(atl_->Reset().ok());
    catalog_ = std::filesystem::temp_directory_path() /
               ("ucf-destination-catalog-" + std::to_string(::getpid()) + ".json");
    std::ofstream(catalog_) << atl_->CatalogJson(oidc_->issuer());
    server_ = std::make_unique<TestServer>(std::map<std::string, std::string>{
        {"UCF_ADMIN_TOKEN", kAdmin},
        {"UCF_PROVIDERS_FILE", catalog_.string()},
        {"UCF_ALLOW_PRIVATE_UPSTREAMS", "true"}});
    ASSERT_EQ(server_->Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
    key_ = std::string(Data(server_->Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme"))["key"].as_string());
  }
  void TearDown() override {
    if (!catalog_.empty()) std::filesystem::remove(catalog_);
  }

  TestResponse Call(const std::string& method, const std::string& path, const std::string& body = {}) {
    return server_->Call(method, path, key_, body);
  }
  int OidcStat(const char* name) {
    auto stats = oidc_->Stats();
    EXPECT_TRUE(stats.ok());
    return stats.ok() ? static_cast<int>(stats->at(name).to_number<double>()) : -1;
  }
  bool Has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }
  std::vector<std::string> AuditActions(const std::string& target) {
    std::vector<std::string> out;
    auto d = Data(Call("GET", "/api/audit-logs?limit=200&targetId=" + target));
    for (auto& item : d["items"].as_array()) out.emplace_back(item.at("action").as_string());
    return out;
  }

  // A connected OAuth connection of Jira on `site` (oidc-provider tokens, the fake's gateway).
  std::string ConnectOAuth(const std::string& site) {
    EXPECT_EQ(Call("PATCH", "/api/connectors/jira",
                   Json({{"oauthClientId", kPeerClientId}, {"oauthClientSecret", kPeerClientSecret}})).status, 200);
    auto started = Call("POST", "/api/connectors/jira/connect",
                        Json({{"method", "oauth2"}, {"redirectUri", kPeerRedirectUri}, {"site", site}}));
    EXPECT_EQ(started.status, 200) << started.body;
    MiniBrowser browser;
    auto callback = browser.Authorize(std::string(Data(started)["authUrl"].as_string()), kPeerRedirectUri);
    EXPECT_TRUE(callback.ok()) << callback.status();
    if (!callback.ok()) return "";
    auto q = QueryOf(*callback);
    auto done = Call("POST", "/api/connectors/jira/connect/callback", Json({{"code", q["code"]}, {"state", q["state"]}}));
    EXPECT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(Data(done)["status"], "connected") << done.body;
    return std::string(Data(done)["connectionId"].as_string());
  }

  static OidcPeer* oidc_;
  static AtlassianPeer* atl_;
  std::filesystem::path catalog_;
  std::unique_ptr<TestServer> server_;
  std::string key_;
};

OidcPeer* CredentialDestinationTest::oidc_ = nullptr;
AtlassianPeer* CredentialDestinationTest::atl_ = nullptr;

TEST_F(CredentialDestinationTest, ANewSiteForAnApiTokenConnectionNeverGetsTheOldCredentials) {
  Elsewhere elsewhere(200, R"({"accountId":"elsewhere-account","displayName":"Elsewhere"})");
  auto connected = Call("POST", "/api/connectors/jira/connect/callback",
                        Json({{"email", testing::kAtlassianEmail}, {"apiKey", testing::kAtlassianApiToken},
                              {"baseUrl", atl_->jira_url()}}));
  ASSERT_EQ(connected.status, 200) << connected.body;
  std::string id(Data(connected)["connectionId"].as_string());
  ASSERT_EQ(Call("GET", "/api/connections/" + id + "/containers?limit=1").status, 200);

  // The tenant points the connection at another host: allowed, but the credentials stay behind.
  auto patched = Call("PATCH", "/api/connections/" + id,
                      Json({{"config", {{"baseUrl", elsewhere.url()}, {"email", testing::kAtlassianEmail}}}}));
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Data(patched)["status"], "pending");
  EXPECT_TRUE(Data(patched)["secretFields"].as_array().empty()) << patched.body;
  auto browse = Call("GET", "/api/connections/" + id + "/containers");
  EXPECT_EQ(browse.status, 400) << browse.body;
  EXPECT_NE(browse.body.find(R"("reason":"not_connected")"), std::string::npos) << browse.body;
  auto check = Call("POST", "/api/connections/" + id + "/validate");
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(Data(check)["valid"], false);
  EXPECT_TRUE(elsewhere.requests().empty()) << elsewhere.requests().front();

  // Credentials given for the new site are checked there, and only they ever reach it.
  auto again = Call("PATCH", "/api/connections/" + id,
                    Json({{"config", {{"baseUrl", elsewhere.url()}, {"email", testing::kAtlassianEmail},
                                      {"apiKey", "token-given-for-elsewhere"}}}}));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Data(again)["status"], "pending");
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/containers").status, 400);
  EXPECT_TRUE(elsewhere.requests().empty());
  auto valid = Call("POST", "/api/connections/" + id + "/validate");
  ASSERT_EQ(valid.status, 200) << valid.body;
  EXPECT_EQ(Data(valid)["valid"], true) << valid.body;
  EXPECT_EQ(Data(valid)["connection"].as_object()["status"], "connected") << valid.body;
  std::string old_basic = AtlassianPeer::BasicAuthorization();
  std::string new_basic = AtlassianPeer::BasicAuthorization(testing::kAtlassianEmail, "token-given-for-elsewhere");
  ASSERT_EQ(elsewhere.WithCredentials().size(), 1u);
  for (const std::string& r : elsewhere.requests()) {
    EXPECT_EQ(r.find(old_basic.substr(6)), std::string::npos) << r;
    EXPECT_NE(r.find(new_basic.substr(6)), std::string::npos) << r;
  }
  auto actions = AuditActions(id);
  EXPECT_TRUE(Has(actions, "credentials.changed"));
}

TEST_F(CredentialDestinationTest, AnOAuthConnectionsApiBaseIsTheServersAndItsTokenStaysThere) {
  // "elsewhere" answers 401, which would make UCF refresh and send a fresh token too.
  Elsewhere elsewhere(401, R"({"message":"who are you"})");
  std::string id = ConnectOAuth("zoe-labs");
  ASSERT_FALSE(id.empty());
  int refreshes = OidcStat("refresh_requests");

  for (std::string key : {"apiBaseUrl", "cloudId", "baseUrl", "siteUrl"}) {
    auto patched = Call("PATCH", "/api/connections/" + id, Json({{"config", {{key, elsewhere.url()}}}}));
    EXPECT_EQ(patched.status, 400) << key << ": " << patched.body;
    EXPECT_EQ(FieldOf(patched), "config." + key) << patched.body;
  }
  auto params = Call("PATCH", "/api/connections/" + id, R"({"config":{"urlParams":{"site":"elsewhere"}}})");
  EXPECT_EQ(params.status, 400) << params.body;
  EXPECT_EQ(FieldOf(params), "config.urlParams");
  // Nor can the original's upsert turn a row into an OAuth connection of the tenant's making.
  auto upsert = Call("POST", "/api/connections",
                     Json({{"connectorId", "jira"}, {"name", "forged"}, {"authMethod", "oauth2"},
                           {"config", {{"apiBaseUrl", elsewhere.url()}}}}));
  EXPECT_EQ(upsert.status, 400) << upsert.body;
  auto unknown = Call("POST", "/api/connections",
                      Json({{"connectorId", "jira"}, {"name", "forged"}, {"config", {{"apiBaseUrl", elsewhere.url()}}}}));
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(FieldOf(unknown), "config.apiBaseUrl");

  auto conn = Data(Call("GET", "/api/connections/" + id));
  EXPECT_EQ(conn["status"], "connected");
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/containers?limit=2").status, 200);
  EXPECT_TRUE(elsewhere.requests().empty()) << elsewhere.requests().front();
  EXPECT_EQ(OidcStat("refresh_requests"), refreshes);
}

TEST_F(CredentialDestinationTest, DeletingAConnectedConnectionRevokesItsTokenAndRemovesItsWebhooks) {
  std::string id = ConnectOAuth("zoe-labs");
  ASSERT_FALSE(id.empty());
  auto registered = Call("POST", "/api/connectors/jira/webhooks", Json({{"connectionId", id}}));
  ASSERT_EQ(registered.status, 201) << registered.body;
  std::string provider_id(Data(registered)["providerWebhookId"].as_string());
  std::string webhook_id(Data(registered)["webhookId"].as_string());
  auto provider_hooks = [&] {
    std::vector<std::string> ids;
    auto info = atl_->Control("GET", "/__test/info");
    EXPECT_TRUE(info.ok()) << info.status();
    if (info.ok()) {
      for (const auto& w : info->at("webhooks").as_array()) {
        ids.push_back(w.at("id").is_string() ? std::string(w.at("id").as_string())
                                             : std::to_string(w.at("id").to_number<std::int64_t>()));
      }
    }
    return ids;
  };
  ASSERT_TRUE(Has(provider_hooks(), provider_id));
  auto token = server_->Call("GET", "/api/connections/" + id + "/token", kAdmin, "", "acme");
  ASSERT_EQ(token.status, 200) << token.body;
  std::string access(Data(token)["token"].as_string());
  int revocations = OidcStat("revocation_requests");

  auto deleted = Call("DELETE", "/api/connections/" + id);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(Data(deleted)["providerRevocation"], "revoked") << deleted.body;
  EXPECT_EQ(Data(deleted)["webhooks"].as_object()["removed"], 1) << deleted.body;
  EXPECT_EQ(deleted.body.find(access), std::string::npos);

  // At the provider: the webhook is gone and the grant was revoked (refresh and access token).
  EXPECT_FALSE(Has(provider_hooks(), provider_id));
  EXPECT_GE(OidcStat("revocation_requests"), revocations + 1);
  auto introspected = testing::PlainHttp(
      "POST", oidc_->issuer() + "/token/introspection",
      AtlassianPeer::BasicAuthorization(kPeerClientId, "peer+secret%2F%2B%26%3D"), "token=" + access);
  ASSERT_TRUE(introspected.ok()) << introspected.status();
  EXPECT_NE(introspected->second.find(R"("active":false)"), std::string::npos) << introspected->second;

  // Locally: gone, with the story in the audit log.
  EXPECT_EQ(Call("GET", "/api/connections/" + id).status, 404);
  auto actions = AuditActions(id);
  for (const char* a : {"connection.revoked", "connection.deleted"}) EXPECT_TRUE(Has(actions, a)) << a;
  EXPECT_TRUE(Has(AuditActions(webhook_id), "webhook.unregistered"));
  auto entry = Data(Call("GET", "/api/audit-logs?action=connection.deleted&targetId=" + id));
  ASSERT_EQ(entry["items"].as_array().size(), 1u);
  EXPECT_EQ(entry["items"].as_array()[0].at("details").at("providerRevocation"), "revoked");
  EXPECT_EQ(Call("DELETE", "/api/connections/" + id).status, 404);
}

}  // namespace
}  // namespace ucf
