// Issue 9, hole 5: one tenant must not starve the others. Tenant A points UCF at upstreams that
// accept TCP and never answer (a raw tarpit, or a fake Jira that answers the credential check and
// then hangs) and floods; tenant B's browse calls stay fast (each < 1 s) because A is capped
// before its requests are queued (UCF_UPSTREAM_MAX_PER_TENANT), onboarding checks are one short
// try (UCF_UPSTREAM_CHECK_TIMEOUT_MS), and sync jobs cannot be queued twice or without bound.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "ucf/http/client/upstream_test_server.hpp"

namespace ucf {
namespace {

using std::chrono::milliseconds;
using testing::TestResponse;
using testing::TestServer;

constexpr char kAdmin[] = "admin-token-for-fairness-tests-0123";

// A TCP listener on 127.0.0.1 that accepts every connection and never sends a byte. Closing it
// (destructor) resets the held connections, so calls stuck on it end at once.
class Tarpit {
 public:
  Tarpit() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener_, 128) != 0) {
      throw std::runtime_error("tarpit: cannot listen");
    }
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] {
      for (;;) {
        int fd = ::accept(listener_, nullptr, nullptr);
        if (fd < 0) return;  // closed
        std::lock_guard lock(mu_);
        held_.push_back(fd);
      }
    });
  }
  ~Tarpit() { Close(); }

  void Close() {
    if (listener_ < 0) return;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    listener_ = -1;
    thread_.join();
    std::lock_guard lock(mu_);
    for (int fd : held_) ::close(fd);
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int accepted() {
    std::lock_guard lock(mu_);
    return static_cast<int>(held_.size());
  }
  // Waits until at least `n` connections arrived; false after `timeout`.
  bool AwaitAccepted(int n, milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (accepted() < n) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(milliseconds(10));
    }
    return true;
  }

 private:
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<int> held_;
};

// A fake Jira site: answers the credential check (/myself) and the project listing at once;
// with `hang` every other call is held unanswered until the fake is destroyed (then 503).
class FakeJira {
 public:
  explicit FakeJira(bool hang_after_check)
      : hang_(hang_after_check),
        server_([this](const http::Request& r, http::UpstreamTestServer::Respond respond) {
          Handle(r, std::move(respond));
        }) {}
  ~FakeJira() { Release(); }

  std::string Url() const { return server_.Url(""); }
  int held() {
    std::lock_guard lock(mu_);
    return static_cast<int>(held_.size());
  }
  // Answers every held call with 503.
  void Release() {
    std::vector<http::UpstreamTestServer::Respond> held;
    {
      std::lock_guard lock(mu_);
      released_ = true;
      held.swap(held_);
    }
    for (auto& respond : held) respond(http::Response::Text(503, "gone", "text/plain"));
  }

 private:
  void Handle(const http::Request& r, http::UpstreamTestServer::Respond respond) {
    if (r.path == "/rest/api/3/myself") {
      return respond(http::Response::Json(200, R"({"accountId":"5b10a2844c20165700ede21g","displayName":"Zoe",)"
                                               R"("emailAddress":"zoe@example.com","active":true})"));
    }
    if (!hang_ && r.path == "/rest/api/3/project/search") {
      return respond(http::Response::Json(200, R"({"isLast":true,"maxResults":1,"startAt":0,"total":1,"values":[)"
                                               R"({"id":"10000","key":"EX","name":"Example","projectTypeKey":"software"}]})"));
    }
    std::lock_guard lock(mu_);
    if (released_) return respond(http::Response::Text(503, "gone", "text/plain"));
    held_.push_back(std::move(respond));
  }

  const bool hang_;
  std::mutex mu_;
  bool released_ = false;
  std::vector<http::UpstreamTestServer::Respond> held_;
  http::UpstreamTestServer server_;  // last: its handler uses the members above
};

boost::json::object Data(const TestResponse& r) { return testing::EnvelopeData(r); }

boost::json::object ErrorOf(const TestResponse& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("error")) return {};
  return v.at("error").as_object();
}

class FairnessTest : public ::testing::Test {
 protected:
  void Start(std::map<std::string, std::string> extra) {
    std::map<std::string, std::string> vars{{"UCF_ADMIN_TOKEN", kAdmin},
                                            {"UCF_ALLOW_PRIVATE_UPSTREAMS", "true"},
                                            {"UCF_UPSTREAM_THREADS", "4"},
                                            {"UCF_UPSTREAM_MAX_PER_TENANT", "2"}};
    for (auto& [k, v] : extra) vars[k] = v;
    server_ = std::make_unique<TestServer>(vars);
    for (const char* tenant : {"a", "b"}) {
      ASSERT_EQ(server_->Call("POST", "/api/tenants", kAdmin,
                              std::string(R"({"id":")") + tenant + R"(","name":")" + tenant + R"("})").status,
                201);
      auto key = server_->Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", tenant);
      ASSERT_EQ(key.status, 201) << key.body;
      keys_[tenant] = std::string(Data(key)["key"].as_string());
      // One local call: the key is now known to this process.
      ASSERT_EQ(Call(tenant, "GET", "/api/connections").status, 200);
    }
  }

  TestResponse Call(const std::string& tenant, const std::string& method, const std::string& path,
                    const std::string& body = {}) {
    return server_->Call(method, path, keys_[tenant], body);
  }
  TestResponse Connect(const std::string& tenant, const std::string& base_url, const std::string& name) {
    return Call(tenant, "POST", "/api/connectors/jira/connect/callback",
                boost::json::serialize(boost::json::object{{"name", name},
                                                           {"email", "zoe@example.com"},
                                                           {"apiKey", "token-123"},
                                                           {"baseUrl", base_url}}));
  }
  std::string ConnectOk(const std::string& tenant, const std::string& base_url, const std::string& name) {
    auto r = Connect(tenant, base_url, name);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? std::string(Data(r)["connectionId"].as_string()) : "";
  }

  // Tenant B browses 20 times, one after the other; every call answers 200 within a second.
  void ExpectTenantBStaysFast(const std::string& connection) {
    for (int i = 0; i < 20; ++i) {
      auto start = std::chrono::steady_clock::now();
      auto r = Call("b", "GET", "/api/connections/" + connection + "/containers?limit=1");
      auto took = std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
      EXPECT_EQ(r.status, 200) << "call " << i << ": " << r.body;
      EXPECT_LT(took, milliseconds(1000)) << "call " << i << " took " << took.count() << " ms";
    }
  }

  std::unique_ptr<TestServer> server_;
  std::map<std::string, std::string> keys_;
};

// Each flooding call's answer: 429 rate_limited with Retry-After when refused by the cap.
struct Flood {
  std::vector<std::thread> threads;
  std::atomic<int> refused{0};
  std::atomic<int> finished{0};

  template <typename Fn>
  void Run(int n, Fn call) {
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([this, call] {
        TestResponse r = call();
        if (r.status == 429 && ErrorOf(r)["code"] == "rate_limited" &&
            r.headers.Get("Retry-After") == "1") {
          refused.fetch_add(1);
        }
        finished.fetch_add(1);
      });
    }
  }
  void Join() {
    for (auto& t : threads) t.join();
  }
};

TEST_F(FairnessTest, HungConnectAttemptsOfOneTenantNeverDelayAnothersBrowsing) {
  // The issue's reproduction: A's connect attempts hang on a site that never answers.
  Start({{"UCF_UPSTREAM_CHECK_TIMEOUT_MS", "20000"}});
  FakeJira site(/*hang_after_check=*/false);
  std::string b = ConnectOk("b", site.Url(), "main");
  ASSERT_FALSE(b.empty());
  Tarpit tarpit;
  Flood flood;
  flood.Run(12, [&] { return Connect("a", tarpit.Url(), "stuck"); });
  ASSERT_TRUE(tarpit.AwaitAccepted(2, milliseconds(5000)));
  std::this_thread::sleep_for(milliseconds(300));
  // A holds its 2 upstream slots, no more; the rest of its flood was refused at once.
  EXPECT_EQ(tarpit.accepted(), 2);
  EXPECT_EQ(flood.refused.load(), 10);
  ExpectTenantBStaysFast(b);
  tarpit.Close();
  flood.Join();
}

TEST_F(FairnessTest, HungBrowseCallsOfOneTenantNeverDelayAnothers) {
  Start({});
  FakeJira good(/*hang_after_check=*/false);
  FakeJira sticky(/*hang_after_check=*/true);
  std::string a = ConnectOk("a", sticky.Url(), "main");
  std::string b = ConnectOk("b", good.Url(), "main");
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  Flood flood;
  flood.Run(12, [&] { return Call("a", "GET", "/api/connections/" + a + "/containers?limit=1"); });
  auto deadline = std::chrono::steady_clock::now() + milliseconds(5000);
  while (sticky.held() < 2 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(milliseconds(10));
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(sticky.held(), 2);
  EXPECT_EQ(flood.refused.load(), 10);
  ExpectTenantBStaysFast(b);
  sticky.Release();
  flood.Join();
}

TEST_F(FairnessTest, CredentialCheckAgainstATarpitIsOneShortTry) {
  Start({{"UCF_UPSTREAM_CHECK_TIMEOUT_MS", "1000"}});
  Tarpit tarpit;
  auto start = std::chrono::steady_clock::now();
  auto r = Connect("a", tarpit.Url(), "stuck");
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, 504) << r.body;
  EXPECT_LT(took, milliseconds(3000));
  EXPECT_EQ(tarpit.accepted(), 1);  // no retries
  // Nothing was stored.
  EXPECT_EQ(Data(Call("a", "GET", "/api/connections"))["items"].as_array().size(), 0u);
}

TEST_F(FairnessTest, SyncJobsAreNeverQueuedTwiceNorWithoutBound) {
  Start({{"UCF_SYNC_WORKERS", "1"}, {"UCF_SYNC_MAX_QUEUED_PER_TENANT", "1"}, {"UCF_UPSTREAM_MAX_ATTEMPTS", "1"}});
  FakeJira sticky(/*hang_after_check=*/true);  // every sync call hangs: jobs stay active
  std::string a = ConnectOk("a", sticky.Url(), "main");
  ASSERT_FALSE(a.empty());
  auto sync = [&](const std::string& model) {
    return Call("a", "POST", "/api/connections/" + a + "/sync", R"({"model":")" + model + R"("})");
  };
  auto first = sync("issues");
  ASSERT_EQ(first.status, 202) << first.body;
  std::string first_id(Data(first)["id"].as_string());
  // Queued or already running: the same connection and model again → 409 naming that job.
  auto twice = sync("issues");
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(ErrorOf(twice)["details"].as_object()["jobId"], boost::json::value(first_id)) << twice.body;
  EXPECT_NE(twice.body.find(first_id), std::string::npos);

  // The worker runs "issues" (held by the provider); "projects" waits in the queue; the tenant's
  // queue is then full.
  auto deadline = std::chrono::steady_clock::now() + milliseconds(5000);
  while (sticky.held() < 1 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(milliseconds(10));
  ASSERT_EQ(sticky.held(), 1);
  EXPECT_EQ(sync("projects").status, 202);
  auto full = sync("comments");
  EXPECT_EQ(full.status, 429) << full.body;
  EXPECT_NE(full.body.find("UCF_SYNC_MAX_QUEUED_PER_TENANT"), std::string::npos) << full.body;
  EXPECT_TRUE(full.headers.Get("Retry-After").has_value());
  sticky.Release();
}

}  // namespace
}  // namespace ucf
