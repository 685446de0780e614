// Jira and Confluence end to end through UCF's HTTP API (issues 5 and 6): onboarding with an API
// token (checked with a real call before saving) and with OAuth 2.0 (oidc-provider issues the
// tokens, the fake checks them by introspection), then containers → items → comments across pages,
// item detail, create, cursors, ?raw, 429 → wait → retry, 401 → refresh → retry, per-connection
// concurrency, validate, revoke and their audit entries. Every upstream request and answer passes a
// Stoplight Prism proxy holding the official Jira v3 / Confluence v2 specs, so any contract
// violation fails the test. The peers start once per suite (Prism takes ~10 s to load Jira's spec).

#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/atlassian_peer.hpp"
#include "tests/support/pg_database.hpp"
#include "ucf/auth/oauth/form_encoding.hpp"
#include "tests/support/mini_browser.hpp"
#include "tests/support/oidc_peer.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/crypto/hmac.hpp"
#include "ucf/webhooks/webhook_signature.hpp"

namespace ucf {
namespace {

using testing::kPeerClientId;
using testing::kPeerClientSecret;
using testing::kPeerRedirectUri;
using testing::MiniBrowser;
using testing::QueryOf;
using testing::OidcPeer;
using testing::AtlassianPeer;
using testing::TestResponse;
using testing::TestServer;

constexpr char kAdmin[] = "admin-token-for-atlassian-tests-0123";
constexpr char kEngProjectId[] = "10000";
constexpr char kEngSpaceId[] = "131073";

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

// A counter of the oidc-provider peer's /test/stats.
int OidcStat(const OidcPeer& peer, const char* name) {
  auto stats = peer.Stats();
  EXPECT_TRUE(stats.ok());
  return stats.ok() ? static_cast<int>(stats->at(name).to_number<double>()) : -1;
}

class AtlassianTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!OidcPeer::Installed() || !AtlassianPeer::Installed()) return;
    auto oidc = OidcPeer::Start({});
    ASSERT_TRUE(oidc.ok()) << oidc.status();
    oidc_ = oidc->release();
    auto env = AtlassianPeer::IntrospectionEnv(oidc_->issuer() + "/token/introspection", kPeerClientId,
                                               kPeerClientSecret);
    // Jira signs dynamic-webhook deliveries with the OAuth app's client secret (HS256 JWT).
    env["ATL_WEBHOOK_JWT_SECRET"] = kPeerClientSecret;
    env["ATL_WEBHOOK_JWT_ISSUER"] = kPeerClientId;  // UCF accepts only the app as issuer
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
               ("ucf-atl-catalog-" + std::to_string(::getpid()) + ".json");
    std::ofstream(catalog_) << atl_->CatalogJson(oidc_->issuer());
    server_ = std::make_unique<TestServer>(std::map<std::string, std::string>{
        {"UCF_ADMIN_TOKEN", kAdmin},
        {"UCF_PROVIDERS_FILE", catalog_.string()},
        {"UCF_ALLOW_PRIVATE_UPSTREAMS", "true"},
        {"UCF_UPSTREAM_MAX_CONCURRENCY", "2"}});
    ASSERT_EQ(server_->Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
    key_ = std::string(Data(server_->Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme"))["key"].as_string());
  }
  void TearDown() override {
    if (!catalog_.empty()) std::filesystem::remove(catalog_);
  }

  TestResponse Call(const std::string& method, const std::string& path, const std::string& body = {}) {
    return server_->Call(method, path, key_, body);
  }
  testing::CallFn Caller() {
    return [this](const std::string& m, const std::string& p, const std::string& b) { return Call(m, p, b); };
  }

  // Connects with the fake's default user (API token → Basic email:token).
  std::string ConnectWithToken(const std::string& connector, const std::string& base_url,
                               const std::string& name = "main") {
    auto r = Call("POST", "/api/connectors/" + connector + "/connect/callback",
                  Json({{"name", name}, {"email", testing::kAtlassianEmail},
                        {"apiKey", testing::kAtlassianApiToken}, {"baseUrl", base_url}}));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? std::string(Data(r)["connectionId"].as_string()) : "";
  }

  // Every page of a listing; fails the test on a non-200 page.
  std::vector<boost::json::object> AllPages(const std::string& path, int limit, int* pages = nullptr) {
    return server_->AllPages(path, key_, limit, pages);
  }

  std::vector<std::string> AuditActions(const std::string& target) {
    std::vector<std::string> out;
    auto d = Data(Call("GET", "/api/audit-logs?limit=200&targetId=" + target));
    for (auto& item : d["items"].as_array()) out.emplace_back(item.at("action").as_string());
    return out;
  }
  static bool Has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }

  // Configures the OAuth app, starts an OAuth connect of `connector` (naming `site` when not empty)
  // and walks the browser to the provider's redirect: its query (code, state).
  std::map<std::string, std::string> AuthorizeInBrowser(const std::string& connector, const std::string& site) {
    EXPECT_EQ(Call("PATCH", "/api/connectors/" + connector,
                   Json({{"oauthClientId", kPeerClientId}, {"oauthClientSecret", kPeerClientSecret}})).status, 200);
    boost::json::object start{{"method", "oauth2"}, {"redirectUri", kPeerRedirectUri}};
    if (!site.empty()) start["site"] = site;
    auto started = Call("POST", "/api/connectors/" + connector + "/connect", Json(start));
    EXPECT_EQ(started.status, 200) << started.body;
    MiniBrowser browser;
    auto callback = browser.Authorize(std::string(Data(started)["authUrl"].as_string()), kPeerRedirectUri);
    EXPECT_TRUE(callback.ok()) << callback.status();
    return callback.ok() ? QueryOf(*callback) : std::map<std::string, std::string>{};
  }

  // The API callback with the provider's redirect.
  TestResponse CompleteOAuth(const std::string& connector, std::map<std::string, std::string> redirect) {
    return Call("POST", "/api/connectors/" + connector + "/connect/callback",
                Json({{"code", redirect["code"]}, {"state", redirect["state"]}}));
  }

  // A connected OAuth connection of `connector` on `site`.
  std::string ConnectOAuth(const std::string& connector, const std::string& site) {
    auto done = CompleteOAuth(connector, AuthorizeInBrowser(connector, site));
    EXPECT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(Data(done)["status"], "connected") << done.body;
    return std::string(Data(done)["connectionId"].as_string());
  }

  // Replaces the suite's server by one with `vars` added, with the tenant and key recreated.
  void UseServer(std::map<std::string, std::string> vars) {
    server_.reset();
    vars.emplace("UCF_ADMIN_TOKEN", kAdmin);
    vars.emplace("UCF_PROVIDERS_FILE", catalog_.string());
    vars.emplace("UCF_ALLOW_PRIVATE_UPSTREAMS", "true");
    server_ = std::make_unique<TestServer>(vars);
    ASSERT_EQ(server_->Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
    key_ = std::string(Data(server_->Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme"))["key"].as_string());
  }

  void SyncScenario() {
  std::string id = ConnectWithToken("jira", atl_->jira_url());
  ASSERT_FALSE(id.empty());
  auto run = [&](const std::string& model) -> boost::json::object {
    return testing::RunSyncJob(Caller(), id, Json({{"model", model}}), 300);
  };
  auto first = run("issues");
  EXPECT_EQ(first["progress"], 100);
  // The 7 projects (the containers the issues are listed under) are read too.
  EXPECT_EQ(first["counts"].as_object()["fetched"], 132 + 7);
  EXPECT_EQ(first["counts"].as_object()["changed"], 132);

  auto feed = Call("GET", "/api/connections/" + id + "/records?model=issues&limit=200");
  ASSERT_EQ(feed.status, 200) << feed.body;
  auto page = Data(feed);
  EXPECT_EQ(page["items"].as_array().size(), 132u);
  EXPECT_TRUE(page["next"].is_null());
  auto sample = page["items"].as_array()[0].as_object();
  EXPECT_EQ(sample["model"], "issues");
  EXPECT_TRUE(sample["data"].as_object().contains("meta"));
  std::string resume(page["resume"].as_string());

  // Nothing changed upstream: the second sync is incremental (issues updated since the marker; the
  // JQL window starts 12 h early, JQL dates being in the API user's zone) and feeds nothing new.
  auto second = run("issues");
  EXPECT_EQ(second["counts"].as_object()["changed"], 0);
  EXPECT_LT(second["counts"].as_object()["unchanged"].as_int64(), 132);
  auto quiet = Data(Call("GET", "/api/connections/" + id + "/records?model=issues&cursor=" + resume));
  EXPECT_EQ(quiet["items"].as_array().size(), 0u);

  // One new issue: exactly one change in the feed.
  auto created = Call("POST", "/api/connections/" + id + "/items",
                      Json({{"containerId", kEngProjectId}, {"title", "Appears in the feed"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  run("issues");
  auto changed = Data(Call("GET", "/api/connections/" + id + "/records?model=issues&cursor=" + resume));
  ASSERT_EQ(changed["items"].as_array().size(), 1u);
  EXPECT_EQ(changed["items"].as_array()[0].at("externalId"), Data(created)["id"]);
  // A cursor of another listing is refused; a bad model names the field.
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/records?model=projects&cursor=" + resume).status, 400);
  auto bad = Call("POST", "/api/connections/" + id + "/sync", R"({"model":"sprints"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("model"), std::string::npos);

  // The original's job route, and the job list.
  auto projects = Call("POST", "/api/connectors/jira/jobs", Json({{"type", "sync"}, {"params", {{"connectionId", id}, {"model", "projects"}}}}));
  EXPECT_EQ(projects.status, 202) << projects.body;
  auto probe = Call("POST", "/api/connectors/jira/jobs", R"({"type":"probe","params":{}})");
  EXPECT_EQ(probe.status, 200) << probe.body;
  EXPECT_EQ(Call("POST", "/api/connectors/jira/jobs", R"({"type":"bogus"})").status, 400);
  auto jobs = Data(Call("GET", "/api/jobs?connectionId=" + id));
  EXPECT_EQ(jobs["items"].as_array().size(), 4u);

  std::string first_job(first["id"].as_string());
  auto actions = AuditActions(first_job);
  for (const char* a : {"sync.requested", "sync.started", "sync.finished"}) EXPECT_TRUE(Has(actions, a)) << a;
}

  static OidcPeer* oidc_;
  static AtlassianPeer* atl_;
  std::filesystem::path catalog_;
  std::unique_ptr<TestServer> server_;
  std::string key_;
};

OidcPeer* AtlassianTest::oidc_ = nullptr;
AtlassianPeer* AtlassianTest::atl_ = nullptr;

TEST_F(AtlassianTest, JiraApiTokenConnectBrowseCreateAndRevoke) {
  // The form to fill.
  auto form = Call("POST", "/api/connectors/jira/connect", R"({"method":"api_key"})");
  ASSERT_EQ(form.status, 200) << form.body;
  std::set<std::string> fields;
  auto form_data = Data(form);
  for (auto& f : form_data["credentialFields"].as_array()) fields.insert(std::string(f.at("name").as_string()));
  EXPECT_TRUE(fields.count("email") && fields.count("apiKey")) << form.body;

  // Wrong credentials: 400 with Jira's reason, nothing stored.
  auto wrong = Call("POST", "/api/connectors/jira/connect/callback",
                    Json({{"email", testing::kAtlassianEmail}, {"apiKey", "not-the-token"}, {"baseUrl", atl_->jira_url()}}));
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_NE(wrong.body.find("rejected the credentials"), std::string::npos) << wrong.body;
  EXPECT_NE(wrong.body.find(R"("upstreamStatus":401)"), std::string::npos) << wrong.body;
  EXPECT_EQ(wrong.body.find("not-the-token"), std::string::npos);
  auto missing = Call("POST", "/api/connectors/jira/connect/callback",
                      Json({{"email", testing::kAtlassianEmail}, {"apiKey", testing::kAtlassianApiToken}}));
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("baseUrl"), std::string::npos);
  EXPECT_EQ(Data(Call("GET", "/api/connections"))["items"].as_array().size(), 0u);

  std::string id = ConnectWithToken("jira", atl_->jira_url());
  ASSERT_FALSE(id.empty());
  auto valid = Call("POST", "/api/connections/" + id + "/validate");
  ASSERT_EQ(valid.status, 200) << valid.body;
  EXPECT_EQ(Data(valid)["valid"], true);
  EXPECT_EQ(Data(valid)["account"].as_object()["accountId"], testing::kAtlassianAccountId);

  // Containers: 7 projects over offset pages.
  int pages = 0;
  auto projects = AllPages("/api/connections/" + id + "/containers", 3, &pages);
  EXPECT_EQ(projects.size(), 7u);
  EXPECT_EQ(pages, 3);
  std::set<std::string> keys;
  for (auto& p : projects) keys.insert(std::string(p["meta"].as_object()["key"].as_string()));
  EXPECT_TRUE(keys.count("ENG") && keys.count("OPS")) << boost::json::serialize(projects[0]);

  // Items: all 120 ENG issues over nextPageToken pages, each with the fixed meta keys.
  auto issues = AllPages("/api/connections/" + id + "/items?containerId=" + kEngProjectId, 50, &pages);
  EXPECT_EQ(issues.size(), 120u);
  EXPECT_EQ(pages, 3);
  std::set<std::string> unique;
  int unassigned = 0;
  for (auto& i : issues) {
    unique.insert(std::string(i["id"].as_string()));
    auto& meta = i["meta"].as_object();
    for (const char* k : {"key", "status", "url", "author", "assignee", "created", "updated", "parentId", "version"}) {
      EXPECT_TRUE(meta.contains(k)) << k;
    }
    if (meta["assignee"].is_null()) ++unassigned;
  }
  EXPECT_EQ(unique.size(), 120u);
  EXPECT_GT(unassigned, 0);
  // The legacy connector-scoped route serves the same data.
  auto legacy = Call("GET", "/api/connectors/jira/items?containerId=" + std::string(kEngProjectId) + "&limit=5&connectionId=" + id);
  EXPECT_EQ(legacy.status, 200) << legacy.body;

  // Search text, detail with flattened ADF, comments over pages, raw.
  auto found = Call("GET", "/api/connections/" + id + "/items?containerId=" + kEngProjectId + "&q=needle");
  ASSERT_EQ(found.status, 200) << found.body;
  bool has42 = false;
  auto found_data = Data(found);
  for (auto& i : found_data["items"].as_array()) has42 |= i.at("meta").at("key") == "ENG-42";
  EXPECT_TRUE(has42) << found.body;
  auto detail = Call("GET", "/api/connections/" + id + "/items/ENG-42?raw=true");
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_NE(std::string(Data(detail)["body"].as_string()).find("needle"), std::string::npos);
  EXPECT_TRUE(Data(detail).contains("raw"));
  auto comments = AllPages("/api/connections/" + id + "/items/ENG-1/comments", 10, &pages);
  EXPECT_EQ(comments.size(), 30u);
  EXPECT_EQ(pages, 3);
  EXPECT_FALSE(comments[0]["text"].as_string().empty());

  // Cursors are bound to their connection and listing, and tamper-evident.
  std::string other = ConnectWithToken("jira", atl_->jira_url(), "other");
  auto first = Call("GET", "/api/connections/" + id + "/containers?limit=3");
  std::string cursor(Data(first)["next"].as_string());
  EXPECT_EQ(Call("GET", "/api/connections/" + other + "/containers?limit=3&cursor=" + cursor).status, 400);
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/items?containerId=10000&cursor=" + cursor).status, 400);
  std::string tampered = cursor;
  tampered[2] = tampered[2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/containers?limit=3&cursor=" + tampered).status, 400);
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/containers?limit=3&cursor=" + cursor).status, 200);

  // Create an issue (ADF description) and a comment, then read them back.
  auto created = Call("POST", "/api/connections/" + id + "/items",
                      Json({{"containerId", kEngProjectId}, {"title", "Created through UCF — ünïcode"},
                            {"body", "First line\nSecond line"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string new_key(Data(created)["id"].as_string());
  auto reread = Call("GET", "/api/connections/" + id + "/items/" + new_key);
  ASSERT_EQ(reread.status, 200) << reread.body;
  EXPECT_EQ(Data(reread)["name"], "Created through UCF — ünïcode");
  EXPECT_NE(std::string(Data(reread)["body"].as_string()).find("Second line"), std::string::npos);
  auto comment = Call("POST", "/api/connections/" + id + "/items/" + new_key + "/comments", R"({"text":"Looks good"})");
  ASSERT_EQ(comment.status, 201) << comment.body;
  auto new_comments = Data(Call("GET", "/api/connections/" + id + "/items/" + new_key + "/comments"));
  ASSERT_EQ(new_comments["items"].as_array().size(), 1u);
  EXPECT_EQ(new_comments["items"].as_array()[0].at("text"), "Looks good");
  EXPECT_EQ(Call("POST", "/api/connections/" + id + "/items", R"({"containerId":"10000"})").status, 400);

  // 429 with Retry-After: the shared client waits and retries.
  ASSERT_TRUE(atl_->Control("POST", "/__test/faults",
                            R"({"path_prefix":"/rest/api/3/project/search","status":429,"count":1})").ok());
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/containers").status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));
  EXPECT_GE(atl_->Stats()->at("faults_served").to_number<int>(), 1);

  // A burst on one connection never exceeds its concurrency limit (UCF_UPSTREAM_MAX_CONCURRENCY=2):
  // calls over it (or over the tenant's UCF_UPSTREAM_MAX_PER_TENANT) are refused at once with 429
  // + Retry-After, never parked on an upstream thread.
  ASSERT_TRUE(atl_->Control("POST", "/__test/config", R"({"latency_ms":150})").ok());
  ASSERT_TRUE(atl_->Control("POST", "/__test/reset", R"({"keep_data":true})").ok());
  std::vector<std::thread> burst;
  std::atomic<int> ok{0};
  std::atomic<int> over_limit{0};
  for (int i = 0; i < 8; ++i) {
    burst.emplace_back([&] {
      auto r = Call("GET", "/api/connections/" + id + "/containers?limit=1");
      ok += r.status == 200;
      over_limit += r.status == 429 && r.headers.Get("Retry-After").has_value();
    });
  }
  for (auto& t : burst) t.join();
  ASSERT_TRUE(atl_->Control("POST", "/__test/config", R"({"latency_ms":0})").ok());
  EXPECT_GE(ok.load(), 2);
  EXPECT_EQ(ok.load() + over_limit.load(), 8);
  auto stats = atl_->Stats();
  ASSERT_TRUE(stats.ok());
  int peak = stats->at("max_concurrent_by_auth").as_object().at(std::string("basic:") + testing::kAtlassianEmail).to_number<int>();
  EXPECT_LE(peak, 2);
  EXPECT_GE(peak, 1);

  // Revoke: nothing more goes out; audit has the whole story.
  auto revoked = Call("POST", "/api/connectors/jira/revoke", Json({{"connectionId", id}, {"reason", "test"}}));
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(Data(revoked)["connection"].as_object()["status"], "revoked");
  auto refused = Call("GET", "/api/connections/" + id + "/containers");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find(R"("reason":"revoked")"), std::string::npos) << refused.body;
  auto actions = AuditActions(id);
  for (const char* a : {"connection.created", "credentials.changed", "connection.validated", "connection.revoked"}) {
    EXPECT_TRUE(Has(actions, a)) << a;
  }
  auto conn = Data(Call("GET", "/api/connections/" + id));
  EXPECT_EQ(boost::json::serialize(conn).find(testing::kAtlassianApiToken), std::string::npos);
}

TEST_F(AtlassianTest, ConfluenceApiTokenBrowseAndCreate) {
  std::string id = ConnectWithToken("confluence", atl_->confluence_url());
  ASSERT_FALSE(id.empty());
  auto spaces = AllPages("/api/connections/" + id + "/containers", 2);
  EXPECT_EQ(spaces.size(), 5u);
  int pages = 0;
  auto pages_of_eng = AllPages("/api/connections/" + id + "/items?containerId=" + kEngSpaceId, 25, &pages);
  EXPECT_EQ(pages_of_eng.size(), 60u);
  EXPECT_EQ(pages, 3);
  for (auto& p : pages_of_eng) EXPECT_EQ(p["containerId"], kEngSpaceId);
  auto by_key = Call("GET", "/api/connections/" + id + "/items?containerId=ENG&limit=5");
  EXPECT_EQ(by_key.status, 200) << by_key.body;
  auto home = Call("GET", "/api/connections/" + id + "/items/1000001");
  ASSERT_EQ(home.status, 200) << home.body;
  EXPECT_TRUE(Data(home).contains("body"));
  auto comments = AllPages("/api/connections/" + id + "/items/1000001/comments", 10);
  EXPECT_EQ(comments.size(), 30u);
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/items/not-a-number").status, 400);
  // Confluence's REST API has no webhook registration.
  auto hooks = Call("POST", "/api/connectors/confluence/webhooks", Json({{"connectionId", id}}));
  EXPECT_EQ(hooks.status, 501) << hooks.body;
  EXPECT_EQ(testing::EnvelopeErrorCode(hooks), "not_implemented");

  auto created = Call("POST", "/api/connections/" + id + "/items",
                      Json({{"containerId", kEngSpaceId}, {"title", "Runbook <draft> & notes"}, {"body", "Step 1"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string page_id(Data(created)["id"].as_string());
  auto comment = Call("POST", "/api/connections/" + id + "/items/" + page_id + "/comments", R"({"text":"a < b"})");
  ASSERT_EQ(comment.status, 201) << comment.body;
  auto listed = Data(Call("GET", "/api/connections/" + id + "/items/" + page_id + "/comments"));
  ASSERT_EQ(listed["items"].as_array().size(), 1u);
  EXPECT_EQ(listed["items"].as_array()[0].at("text"), "a < b");
}

TEST_F(AtlassianTest, JiraOAuthAsksForTheSiteRefreshesOn401AndBrowsesThroughTheGateway) {
  auto done = CompleteOAuth("jira", AuthorizeInBrowser("jira", ""));
  ASSERT_EQ(done.status, 200) << done.body;
  // Two sites reach Jira and none was named: the connection asks instead of taking the first.
  EXPECT_EQ(Data(done)["status"], "pending");
  EXPECT_EQ(Data(done)["siteChoiceRequired"], true);
  EXPECT_EQ(Data(done)["sites"].as_array().size(), 2u);
  std::string id(Data(done)["connectionId"].as_string());
  auto unchosen = Call("GET", "/api/connections/" + id + "/containers");
  EXPECT_EQ(unchosen.status, 400);
  EXPECT_NE(unchosen.body.find(R"("reason":"not_connected")"), std::string::npos) << unchosen.body;
  EXPECT_EQ(Call("POST", "/api/connections/" + id + "/site", R"({"site":"nowhere"})").status, 400);
  auto chosen = Call("POST", "/api/connections/" + id + "/site", R"({"site":"acme-legacy"})");
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  EXPECT_EQ(Data(chosen)["status"], "connected");
  EXPECT_EQ(Data(chosen)["config"].as_object()["cloudId"], testing::kAtlassianJiraOnlyCloudId);

  // Browsing goes through the OAuth gateway form with the bearer token (introspected by the fake).
  auto projects = AllPages("/api/connections/" + id + "/containers", 50);
  EXPECT_EQ(projects.size(), 7u);
  auto before = oidc_->Stats();
  ASSERT_TRUE(before.ok());
  int refreshes = before->at("refresh_requests").to_number<int>();
  // The gateway rejects the token once: UCF refreshes once and retries.
  ASSERT_TRUE(atl_->Control("POST", "/__test/faults",
                            R"({"path_prefix":"/rest/api/3/project/search","status":401,"count":1})").ok());
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/containers").status, 200);
  EXPECT_EQ(oidc_->Stats()->at("refresh_requests").to_number<int>(), refreshes + 1);
  auto actions = AuditActions(id);
  EXPECT_TRUE(Has(actions, "token.refreshed"));
  EXPECT_TRUE(Has(actions, "connection.updated"));  // the site choice
}

TEST_F(AtlassianTest, ConfluenceOAuthWithOneQualifyingSiteConnectsDirectly) {
  auto q = AuthorizeInBrowser("confluence", "");
  ASSERT_FALSE(q["code"].empty());
  auto done = server_->Call("GET", "/oauth/callback?code=" + q["code"] + "&state=" + q["state"], "");
  ASSERT_EQ(done.status, 302) << done.body;
  std::string location(done.headers.Get("Location").value_or(""));
  ASSERT_NE(location.find("connected="), std::string::npos) << location;
  std::string id = location.substr(location.find("connected=") + 10);
  auto conn = Data(Call("GET", "/api/connections/" + id));
  EXPECT_EQ(conn["status"], "connected");
  EXPECT_EQ(conn["config"].as_object()["cloudId"], testing::kAtlassianCloudId);
  auto spaces = AllPages("/api/connections/" + id + "/containers", 25);
  EXPECT_EQ(spaces.size(), 5u);
  auto pages = AllPages("/api/connections/" + id + "/items?containerId=" + kEngSpaceId, 50);
  EXPECT_EQ(pages.size(), 60u);
}

TEST_F(AtlassianTest, SyncCopiesJiraIssuesAndTheFeedCarriesOnlyChanges) { SyncScenario(); }

TEST_F(AtlassianTest, SyncOnPostgreSQL) {
  // The same scenario with jobs claimed FOR UPDATE SKIP LOCKED and records on PostgreSQL.
  testing::ScratchPostgresDatabase pg;
  if (pg.url().empty()) GTEST_SKIP() << pg.error();
  UseServer({{"DATABASE_URL", pg.url()}});
  SyncScenario();
  server_.reset();
}

TEST_F(AtlassianTest, SlowProviderCallsNeverStarveLocalRequests) {
  // Two workers for local work, two for provider calls, and a provider that takes 1.5 s.
  UseServer({{"UCF_WORKER_THREADS", "2"}, {"UCF_UPSTREAM_THREADS", "2"}});
  std::string id = ConnectWithToken("jira", atl_->jira_url());
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(atl_->Control("POST", "/__test/config", R"({"latency_ms":1500})").ok());
  std::vector<std::thread> slow;
  for (int i = 0; i < 3; ++i) {
    slow.emplace_back([&] { EXPECT_EQ(Call("GET", "/api/connections/" + id + "/containers?limit=1").status, 200); });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // both upstream threads are now busy
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Call("GET", "/api/connections").status, 200);
    EXPECT_EQ(Call("GET", "/api/audit-logs?limit=5").status, 200);
  }
  auto local = std::chrono::steady_clock::now() - start;
  for (auto& t : slow) t.join();
  ASSERT_TRUE(atl_->Control("POST", "/__test/config", R"({"latency_ms":0})").ok());
  EXPECT_LT(local, std::chrono::milliseconds(700))
      << std::chrono::duration_cast<std::chrono::milliseconds>(local).count() << " ms for 6 local requests";
}

TEST_F(AtlassianTest, JiraWebhooksRegisterDeliverVerifyRefreshAndRemove) {
  std::string id = ConnectOAuth("jira", "zoe-labs");
  ASSERT_FALSE(id.empty());
  auto registered = Call("POST", "/api/connectors/jira/webhooks", Json({{"connectionId", id}}));
  ASSERT_EQ(registered.status, 201) << registered.body;
  auto hook = Data(registered);
  std::string webhook_id(hook["webhookId"].as_string());
  EXPECT_NE(std::string(hook["callbackUrl"].as_string()).find("/webhooks/jira/" + id), std::string::npos);
  EXPECT_FALSE(hook["expiresAt"].is_null()) << registered.body;
  EXPECT_FALSE(hook["providerWebhookId"].as_string().empty());

  // A change in Jira reaches UCF, signed; UCF verifies and records it.
  auto created = Call("POST", "/api/connections/" + id + "/items",
                      Json({{"containerId", kEngProjectId}, {"title", "Webhook me"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string key(Data(created)["id"].as_string());
  bool delivered = false;
  for (int i = 0; i < 100 && !delivered; ++i) {
    auto deliveries = atl_->Control("GET", "/__test/deliveries");
    ASSERT_TRUE(deliveries.ok()) << deliveries.status();
    for (const auto& d : deliveries->as_array()) {
      if (d.at("state") == "delivered" && d.at("status") == 200) delivered = true;
    }
    if (!delivered) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(delivered) << boost::json::serialize(*atl_->Control("GET", "/__test/deliveries"));
  auto received = Data(Call("GET", "/api/audit-logs?action=webhook.received&targetId=" + id));
  ASSERT_EQ(received["items"].as_array().size(), 1u);
  auto details = received["items"].as_array()[0].at("details").as_object();
  EXPECT_EQ(details["webhookEvent"], "jira:issue_created");
  EXPECT_EQ(details["issueKey"], boost::json::value(key));
  EXPECT_EQ(details["scheme"], "jwt");

  // Forged or unsigned deliveries are refused and not recorded.
  const std::string inbound = "/webhooks/jira/" + id;
  auto unsigned_delivery = server_->Call("POST", inbound, "", R"({"webhookEvent":"jira:issue_deleted"})");
  EXPECT_EQ(unsigned_delivery.status, 401) << unsigned_delivery.body;
  auto forged = server_->Call("POST", inbound, "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.AAAA",
                              R"({"webhookEvent":"jira:issue_deleted"})");
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(server_->Call("POST", "/webhooks/jira/con_unknown", "", "{}").status, 404);
  EXPECT_EQ(Data(Call("GET", "/api/audit-logs?action=webhook.received"))["items"].as_array().size(), 1u);

  // Issue 9, hole 8, through the route: signed with the app's secret but without exp, or from
  // another issuer, or bound (qsh) to another URL: refused; a good token is accepted ONCE.
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch()).count();
  auto signed_jwt = [](const boost::json::object& claims) {
    std::string signing = core::StrCat(core::Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})"), ".",
                                       core::Base64UrlEncode(boost::json::serialize(claims)));
    return core::StrCat(signing, ".", core::Base64UrlEncode(crypto::HmacSha256(kPeerClientSecret, signing)));
  };
  const std::string event = R"({"webhookEvent":"jira:issue_updated"})";
  boost::json::object no_exp{{"iss", kPeerClientId}, {"iat", now}};
  EXPECT_EQ(server_->Call("POST", inbound, signed_jwt(no_exp), event).status, 401);
  boost::json::object stranger{{"iss", "someone-else"}, {"iat", now}, {"exp", now + 180}};
  EXPECT_EQ(server_->Call("POST", inbound, signed_jwt(stranger), event).status, 401);
  boost::json::object elsewhere{{"iss", kPeerClientId}, {"iat", now}, {"exp", now + 180},
                                {"qsh", webhooks::QueryStringHash("POST", "/webhooks/jira/con_other")}};
  EXPECT_EQ(server_->Call("POST", inbound, signed_jwt(elsewhere), event).status, 401);
  boost::json::object good{{"iss", kPeerClientId}, {"iat", now}, {"exp", now + 180},
                           {"qsh", webhooks::QueryStringHash("POST", inbound)}};
  auto first = server_->Call("POST", inbound, signed_jwt(good), event);
  EXPECT_EQ(first.status, 200) << first.body;
  // Issue 12: a verified delivery queues an incremental sync of the issues, de-duplicated: the
  // earlier delivery's run, while still queued or running, is reused.
  auto sync = Data(first)["sync"].as_object();
  ASSERT_TRUE(sync.contains("jobId")) << first.body;
  EXPECT_EQ(sync["model"], "issues");
  auto job = Data(Call("GET", "/api/jobs/" + std::string(sync["jobId"].as_string())));
  EXPECT_EQ(job["params"].at("model"), "issues");
  EXPECT_FALSE(job["params"].at("full").as_bool());
  auto jobs = Data(Call("GET", "/api/jobs?connectionId=" + id))["items"].as_array();
  EXPECT_LE(jobs.size(), 2u) << "two deliveries queue at most two runs";
  auto replayed = server_->Call("POST", inbound, signed_jwt(good), event);
  EXPECT_EQ(replayed.status, 401) << replayed.body;
  EXPECT_EQ(Data(Call("GET", "/api/audit-logs?action=webhook.received"))["items"].as_array().size(), 2u);

  // Keep-alive and removal.
  auto refreshed = Call("POST", "/api/connectors/jira/webhooks/refresh");
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  EXPECT_EQ(Data(refreshed)["items"].as_array().size(), 1u);
  EXPECT_EQ(Data(Call("GET", "/api/connectors/jira/webhooks"))["items"].as_array().size(), 1u);
  auto removed = Call("DELETE", "/api/connectors/jira/webhooks/" + webhook_id);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(Data(Call("GET", "/api/connectors/jira/webhooks"))["items"].as_array().size(), 0u);
  EXPECT_EQ(server_->Call("POST", inbound, "", "{}").status, 404);
  auto actions = AuditActions(webhook_id);
  for (const char* a : {"webhook.registered", "webhook.refreshed", "webhook.unregistered"}) {
    EXPECT_TRUE(Has(actions, a)) << a;
  }
}


// Issue 9 hole 1 and hole 8 (deletion): "elsewhere" stands for a host a tenant would like UCF's
// stored credentials sent to. Where credentials go is the server's decision: no request carrying
// credentials may reach it unless they were given for it.

TEST_F(AtlassianTest, ANewSiteForAnApiTokenConnectionNeverGetsTheOldCredentials) {
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

TEST_F(AtlassianTest, AnOAuthConnectionsApiBaseIsTheServersAndItsTokenStaysThere) {
  // "elsewhere" answers 401, which would make UCF refresh and send a fresh token too.
  Elsewhere elsewhere(401, R"({"message":"who are you"})");
  std::string id = ConnectOAuth("jira", "zoe-labs");
  ASSERT_FALSE(id.empty());
  int refreshes = OidcStat(*oidc_, "refresh_requests");

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
  EXPECT_EQ(OidcStat(*oidc_, "refresh_requests"), refreshes);
}

TEST_F(AtlassianTest, DeletingAConnectedConnectionRevokesItsTokenAndRemovesItsWebhooks) {
  std::string id = ConnectOAuth("jira", "zoe-labs");
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
  int revocations = OidcStat(*oidc_, "revocation_requests");

  auto deleted = Call("DELETE", "/api/connections/" + id);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(Data(deleted)["providerRevocation"], "revoked") << deleted.body;
  EXPECT_EQ(Data(deleted)["webhooks"].as_object()["removed"], 1) << deleted.body;
  EXPECT_EQ(deleted.body.find(access), std::string::npos);

  // At the provider: the webhook is gone and the grant was revoked (refresh and access token).
  EXPECT_FALSE(Has(provider_hooks(), provider_id));
  EXPECT_GE(OidcStat(*oidc_, "revocation_requests"), revocations + 1);
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
