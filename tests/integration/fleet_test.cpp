// Issue 15: a fleet of three real `ucf serve` processes on one PostgreSQL database behind nginx
// (the Debian package, run by the test as its own process with a generated config) on loopback.
// Any request may land on any instance: OAuth started on one completes on another; 300 concurrent
// calls on an expired token across the three cause one refresh at the provider; a sync job is
// claimed once and, when the instance running it is killed with SIGKILL, another one resumes it; a
// rolling restart (SIGTERM, start, next) under steady load fails no request; the brute-force brake
// and the access log see the real client behind nginx; fleet-wide background work runs once.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/support/mini_browser.hpp"
#include "tests/support/node_peer.hpp"
#include "tests/support/oidc_peer.hpp"
#include "tests/support/pg_database.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/test_http.hpp"

namespace ucf {
namespace {

using testing::Fetch;
using testing::Subprocess;
using testing::TestResponse;

constexpr char kAdmin[] = "admin-token-for-fleet-tests-0123456789";
// One Fernet key for the whole fleet: every instance must open what another sealed.
constexpr char kKey[] = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
constexpr char kProvider[] = "oidc_local";
constexpr char kNginx[] = "/usr/sbin/nginx";
constexpr int kTokenTtlSeconds = 12;

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

boost::json::value Data(const TestResponse& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("data")) return nullptr;
  return v.at("data");
}

// Occurrences of `needle` in `text`.
int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// nginx in front of the three instances: round robin; a refused connection or a reset before the
// response (an instance stopping) is retried on the next instance; the client address is the TCP
// peer (nginx is the edge, so what the client wrote in X-Forwarded-For is replaced).
std::string NginxConfig(const std::string& dir, int listen, const std::vector<int>& upstreams) {
  std::string servers;
  for (int port : upstreams) {
    servers += "    server 127.0.0.1:" + std::to_string(port) + " max_fails=1 fail_timeout=1s;\n";
  }
  return "daemon off;\nmaster_process off;\nworker_processes 1;\npid " + dir + "/nginx.pid;\n" +
         "error_log " + dir + "/error.log warn;\n" +
         "events { worker_connections 4096; }\n"
         "http {\n"
         "  access_log off;\n"
         "  client_body_temp_path " + dir + "/body;\n  proxy_temp_path " + dir + "/proxy;\n" +
         "  fastcgi_temp_path " + dir + "/fastcgi;\n  uwsgi_temp_path " + dir + "/uwsgi;\n" +
         "  scgi_temp_path " + dir + "/scgi;\n" +
         "  upstream ucf {\n" + servers + "  }\n"
         "  server {\n"
         "    listen 127.0.0.1:" + std::to_string(listen) + ";\n"
         "    location / {\n"
         "      proxy_pass http://ucf;\n"
         "      proxy_set_header Host $http_host;\n"
         "      proxy_set_header X-Forwarded-For $remote_addr;\n"
         "      proxy_next_upstream error timeout http_502 http_503;\n"
         "      proxy_next_upstream_tries 3;\n"
         "      proxy_connect_timeout 2s;\n"
         "      proxy_read_timeout 60s;\n"
         "    }\n"
         "  }\n"
         "}\n";
}

class FleetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kNginx)) GTEST_SKIP() << "nginx is not installed (scripts/packages.txt)";
    if (!testing::OidcPeer::Installed()) GTEST_SKIP() << "tests/peers/node_modules missing (npm ci in tests/peers)";
    pg_ = std::make_unique<testing::ScratchPostgresDatabase>();
    if (pg_->url().empty()) GTEST_SKIP() << pg_->error();
    auto peer = testing::OidcPeer::Start({{"OIDC_ACCESS_TOKEN_TTL", std::to_string(kTokenTtlSeconds)}});
    ASSERT_TRUE(peer.ok()) << peer.status();
    peer_ = std::move(*peer);
    char dir[] = "/tmp/ucf-fleet-XXXXXX";
    dir_ = mkdtemp(dir);
    std::ofstream(dir_ + "/catalog.json") << peer_->CatalogJson(kProvider);

    lb_port_ = FreePort();
    for (int i = 0; i < 3; ++i) ports_.push_back(FreePort());
    env_ = {{"DATABASE_URL", pg_->url()},
            {"ENCRYPTION_KEY", kKey},
            {"UCF_ADMIN_TOKEN", kAdmin},
            {"UCF_PUBLIC_URL", Lb("")},
            {"UCF_TRUSTED_PROXIES", "127.0.0.1"},
            {"UCF_PROVIDERS_FILE", dir_ + "/catalog.json"},
            {"UCF_ALLOW_PRIVATE_UPSTREAMS", "true"},
            {"UCF_TOKEN_REFRESH_MARGIN_SECONDS", "0"},
            {"UCF_UPSTREAM_MAX_PER_TENANT", "256"},
            {"UCF_UPSTREAM_MAX_CONCURRENCY", "256"},
            {"UCF_AUTH_MAX_FAILURES", "3"},
            {"UCF_SYNC_WORKERS", "1"},
            {"UCF_SYNC_LEASE_SECONDS", "2"},
            {"UCF_SHUTDOWN_GRACE_MS", "10000"},
            {"LOG_JSON", "true"}};
    // All three at once on an empty database: the migrations run once, under the lock.
    for (int i = 0; i < 3; ++i) Launch(i);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(WaitListening(i)) << ucf_[i]->Output().substr(0, 3000);

    std::filesystem::create_directories(dir_ + "/nginx");
    std::ofstream(dir_ + "/nginx/nginx.conf") << NginxConfig(dir_ + "/nginx", lb_port_, ports_);
    nginx_ = std::make_unique<Subprocess>(
        std::vector<std::string>{kNginx, "-p", dir_ + "/nginx", "-c", dir_ + "/nginx/nginx.conf", "-e",
                                 dir_ + "/nginx/error.log"},
        std::map<std::string, std::string>{});
    bool up = false;
    for (int i = 0; i < 200 && !up; ++i) {
      up = Fetch("GET", Lb("/healthz")).status == 200;
      if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ASSERT_TRUE(up) << nginx_->Output() << NginxErrors();

    ASSERT_EQ(Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
    auto key = Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme");
    ASSERT_EQ(key.status, 201) << key.body;
    key_ = std::string(Data(key).at("key").as_string());
  }

  void TearDown() override {
    nginx_.reset();
    for (auto& p : ucf_) p.reset();
    peer_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::string Lb(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(lb_port_) + path; }
  std::string Direct(int i, const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(ports_[i]) + path;
  }
  std::string NginxErrors() const {
    std::ifstream in(dir_ + "/nginx/error.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  void Launch(int i) {
    auto env = env_;
    env["UCF_DATA_DIR"] = dir_ + "/instance-" + std::to_string(i);
    if (ucf_.size() <= static_cast<std::size_t>(i)) ucf_.resize(i + 1);
    ucf_[i] = std::make_unique<Subprocess>(
        std::vector<std::string>{UCF_BINARY, "serve", "--port", std::to_string(ports_[i]), "--env-file",
                                 "/nonexistent"},
        env);
  }
  bool WaitListening(int i) { return ucf_[i]->WaitForOutput("\"message\":\"listening\"", 30'000); }

  // Through nginx unless `base` names an instance.
  TestResponse Call(const std::string& method, const std::string& path, const std::string& auth,
                    const std::string& body = {}, const std::string& tenant = {}, const std::string& base = {},
                    const std::string& local_address = {}) const {
    std::vector<std::string> headers;
    if (!auth.empty()) headers.push_back("Authorization: Bearer " + auth);
    if (!tenant.empty()) headers.push_back("X-Tenant-Id: " + tenant);
    return Fetch(method, (base.empty() ? Lb("") : base) + path, headers, body, 30'000, local_address);
  }

  // Stops every instance still running (SIGTERM, so buffered access-log lines are flushed).
  void StopAll() {
    for (auto& p : ucf_) EXPECT_EQ(p->Signal(SIGTERM, 20'000), 0);
  }
  std::string AllOutput() const {
    std::string all;
    for (const auto& p : ucf_) all += p->Output();
    return all;
  }

  std::unique_ptr<testing::ScratchPostgresDatabase> pg_;
  std::unique_ptr<testing::OidcPeer> peer_;
  std::string dir_;
  int lb_port_ = 0;
  std::vector<int> ports_;
  std::map<std::string, std::string> env_;
  std::vector<std::unique_ptr<Subprocess>> ucf_;
  std::unique_ptr<Subprocess> nginx_;
  std::string key_;
};

// OAuth state lives in the database: the connect starts on instance 0 and the provider's redirect
// lands on instance 1. Once the access token expired, 300 concurrent calls spread over the three
// instances by nginx share one refresh at the provider (the refresh lease of migration 3).
TEST_F(FleetTest, OAuthAcrossInstancesAndOneRefreshForThreeHundredCalls) {
  ASSERT_EQ(Call("PATCH", std::string("/api/connectors/") + kProvider, key_,
                 boost::json::serialize(boost::json::object{{"oauthClientId", testing::kPeerClientId},
                                                            {"oauthClientSecret", testing::kPeerClientSecret}}))
                .status,
            200);
  auto started = Call("POST", std::string("/api/connectors/") + kProvider + "/connect", key_,
                      boost::json::serialize(boost::json::object{
                          {"method", "oauth2"}, {"name", "main"}, {"redirectUri", testing::kPeerRedirectUri}}),
                      "", Direct(0, ""));
  ASSERT_EQ(started.status, 200) << started.body;
  testing::MiniBrowser browser;
  auto redirect = browser.Authorize(std::string(Data(started).at("authUrl").as_string()), testing::kPeerRedirectUri);
  ASSERT_TRUE(redirect.ok()) << redirect.status();
  auto q = testing::QueryOf(*redirect);
  auto done = Call("GET", "/oauth/callback?code=" + q["code"] + "&state=" + q["state"], "", "", "", Direct(1, ""));
  const auto connected_at = std::chrono::steady_clock::now();
  ASSERT_EQ(done.status, 302) << done.body;
  std::string location(done.headers.Get("Location").value_or(""));
  ASSERT_NE(location.find("connected="), std::string::npos) << location;
  EXPECT_EQ(location.rfind(Lb(""), 0), 0u) << "redirects use UCF_PUBLIC_URL (nginx): " << location;
  std::string id = location.substr(location.find("connected=") + 10);
  // The state was single-use fleet-wide: replaying it on instance 2 fails.
  auto replay = Call("GET", "/oauth/callback?code=" + q["code"] + "&state=" + q["state"], "", "", "", Direct(2, ""));
  EXPECT_NE(std::string(replay.headers.Get("Location").value_or("")).find("error="), std::string::npos);

  auto stats = peer_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->at("refresh_requests").to_number<double>(), 0);
  std::this_thread::sleep_until(connected_at + std::chrono::milliseconds(kTokenTtlSeconds * 1000 + 700));

  std::atomic<int> valid{0};
  std::vector<std::string> failures;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int i = 0; i < 300; ++i) {
    threads.emplace_back([&] {
      auto r = Call("POST", "/api/connections/" + id + "/validate", key_);
      if (r.status == 200 && Data(r).at("valid") == true) {
        ++valid;
      } else {
        std::lock_guard lock(mu);
        failures.push_back(std::to_string(r.status) + " " + r.body.substr(0, 200) + r.error);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(valid.load(), 300) << (failures.empty() ? "" : failures[0]);
  EXPECT_LT(std::chrono::steady_clock::now() - connected_at, std::chrono::seconds(2 * kTokenTtlSeconds))
      << "the burst outlived the new token; a second refresh would be legitimate";
  stats = peer_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->at("refresh_requests").to_number<double>(), 1);
  StopAll();
  for (int i = 0; i < 3; ++i) {
    EXPECT_GT(Count(ucf_[i]->Output(), "/validate"), 20) << "instance " << i << " took part";
  }
}

// The pid of the instance with an open connection to `port` (the fake Jira), or 0.
int PidTalkingTo(int port) {
  std::string cmd = "ss -Htnp state established '( dport = :" + std::to_string(port) + " )' 2>/dev/null";
  FILE* f = ::popen(cmd.c_str(), "r");
  if (f == nullptr) return 0;
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, f) != nullptr) out += buf;
  ::pclose(f);
  std::size_t at = out.find("pid=");
  return at == std::string::npos ? 0 : std::atoi(out.c_str() + at + 4);
}

// A sync job is claimed by exactly one of the three instances (one sync.started while it runs);
// SIGKILL of the instance running it hands it to another one once its lease expires, which
// finishes it: every issue stored once. The fake Jira holds the job's 6th page unanswered
// (/_fake/hold) until the kill, so the job is mid-run at the kill at any speed.
TEST_F(FleetTest, SyncClaimedOnceAndResumedElsewhereAfterKillNine) {
  constexpr int kIssues = 3000;  // 30 pages of 100
  auto start_fake = [&](int port) {
    return std::make_unique<Subprocess>(
        std::vector<std::string>{"/usr/bin/python3", (testing::PeersDir() / "jira_lite" / "fake_jira.py").string(),
                                 std::to_string(port), std::to_string(kIssues)},
        std::map<std::string, std::string>{});
  };
  auto fake = start_fake(0);
  ASSERT_TRUE(fake->WaitForOutput("listening on ", 15'000)) << fake->Output();
  std::string fo = fake->Output();
  int fake_port = std::atoi(fo.c_str() + fo.find("listening on ") + 13);
  ASSERT_GT(fake_port, 0);
  auto connected = Call("POST", "/api/connectors/jira/connect/callback", key_,
                        R"({"baseUrl":"http://127.0.0.1:)" + std::to_string(fake_port) +
                            R"(","email":"ops@acme.test","apiKey":"token","name":"main"})");
  ASSERT_EQ(connected.status, 200) << connected.body;
  std::string connection(Data(connected).at("connectionId").as_string());
  // A fresh fake on the same port: the credential check's kept-alive connection is gone, so the
  // only instance talking to the fake from now on is the one running the job.
  fake->Signal(SIGKILL);
  fake = start_fake(fake_port);
  ASSERT_TRUE(fake->WaitForOutput("listening on ", 15'000)) << fake->Output();
  const std::string fake_base = "http://127.0.0.1:" + std::to_string(fake_port);
  auto fake_held = [&]() -> std::int64_t {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(Fetch("GET", fake_base + "/_fake/stats").body, ec);
    return ec ? -1 : v.at("held").to_number<std::int64_t>();
  };
  ASSERT_EQ(Fetch("POST", fake_base + "/_fake/hold?after=5").status, 200);
  auto queued = Call("POST", "/api/connections/" + connection + "/sync", key_, R"({"model":"issues"})");
  ASSERT_EQ(queued.status, 202) << queued.body;
  std::string job(Data(queued).at("id").as_string());
  auto job_state = [&] { return Data(Call("GET", "/api/jobs/" + job, key_)); };
  auto started_count = [&] {
    auto r = Call("GET", "/api/audit-logs?limit=200&targetId=" + job, key_);
    return Count(r.body, "\"sync.started\"");
  };

  // Five pages served, the sixth held: the instance waiting for it runs the job (the one with a
  // connection to the fake Jira). The checks up to the kill run within the job's 2 s lease (its
  // last heartbeat was at a page a moment before the hold), so no other instance may claim it yet.
  for (int i = 0; i < 1500 && fake_held() < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(fake_held(), 1) << "the job's sixth page is requested and held";
  EXPECT_EQ(started_count(), 1) << "claimed by one instance only";
  int victim = -1;
  const int pid = PidTalkingTo(fake_port);
  for (int k = 0; k < 3; ++k) {
    if (pid != 0 && ucf_[k]->pid() == pid) victim = k;
  }
  ASSERT_GE(victim, 0) << "no instance is fetching from the fake Jira";
  boost::json::value before_kill = job_state();
  ASSERT_TRUE(before_kill.is_object());
  ASSERT_EQ(before_kill.at("status"), "running") << boost::json::serialize(before_kill);
  EXPECT_EQ(ucf_[victim]->Signal(SIGKILL), 128 + SIGKILL);
  ASSERT_EQ(Fetch("POST", fake_base + "/_fake/release").status, 200);

  boost::json::value done;
  for (int i = 0; i < 600; ++i) {
    done = job_state();
    if (done.is_object() && done.at("status") != "queued" && done.at("status") != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(done.is_object());
  ASSERT_EQ(done.at("status"), "succeeded") << boost::json::serialize(done);
  EXPECT_EQ(done.at("attempt").to_number<std::int64_t>(), 2) << "taken over once, by one survivor";
  EXPECT_EQ(started_count(), 2);

  std::multiset<std::string> seen;
  std::string cursor;
  for (int pages = 0; pages < 100; ++pages) {
    auto feed = Call("GET", "/api/connections/" + connection + "/records?model=issues&limit=200" +
                                (cursor.empty() ? "" : "&cursor=" + cursor),
                     key_);
    ASSERT_EQ(feed.status, 200) << feed.body;
    boost::json::value page = Data(feed);
    for (const auto& r : page.at("items").as_array()) seen.insert(std::string(r.at("externalId").as_string()));
    if (page.at("next").is_null()) break;
    cursor = std::string(page.at("next").as_string());
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kIssues));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), static_cast<std::size_t>(kIssues));
}

// SIGTERM each instance in turn, start it again and wait until it is ready, while four clients
// keep calling GET /api/connections through nginx: not one request fails. A stopping instance
// closes its listener first (nginx moves on), answers what it already read, then exits 0.
TEST_F(FleetTest, RollingRestartUnderLoadFailsNoRequest) {
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::mutex mu;
  std::vector<std::string> failed;
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&] {
      while (!stop.load()) {
        auto r = Call("GET", "/api/connections", key_);
        if (r.status == 200) {
          ++ok;
        } else {
          std::lock_guard lock(mu);
          failed.push_back(std::to_string(r.status) + " " + r.body.substr(0, 200) + r.error);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  for (int i = 0; i < 3; ++i) {
    const int before = ok.load();
    EXPECT_EQ(ucf_[i]->Signal(SIGTERM, 20'000), 0) << "instance " << i << " exits cleanly";
    EXPECT_NE(ucf_[i]->Output().find("shutdown complete"), std::string::npos);
    Launch(i);
    ASSERT_TRUE(WaitListening(i)) << ucf_[i]->Output().substr(0, 3000);
    bool ready = false;
    for (int t = 0; t < 200 && !ready; ++t) {
      ready = Fetch("GET", Direct(i, "/readyz")).status == 200;
      if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ASSERT_TRUE(ready);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // nginx's fail_timeout passes
    EXPECT_GT(ok.load(), before) << "traffic kept flowing while instance " << i << " restarted";
  }
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_TRUE(failed.empty()) << failed.size() << " failed, first: " << failed[0] << "\n" << NginxErrors();
  EXPECT_GT(ok.load(), 200);
  StopAll();
  for (int i = 0; i < 3; ++i) {
    EXPECT_GT(Count(ucf_[i]->Output(), "\"/api/connections\""), 0) << "restarted instance " << i << " serves";
  }
}

// Behind nginx the brute-force brake counts the real client (127.0.0.2 here, nginx's peer), not the
// proxy, and never what the client wrote in X-Forwarded-For; the access logs name it.
TEST_F(FleetTest, BrakeAndAccessLogSeeTheClientBehindNginx) {
  auto as = [&](const std::string& address, const std::string& auth) {
    return Fetch("GET", Lb("/api/connections"),
                 {"Authorization: Bearer " + auth, "X-Forwarded-For: 198.51.100.7"}, "", 10'000, address);
  };
  // 3 failures per instance lock 127.0.0.2 out of each of the three (nginx spreads them).
  std::vector<int> statuses;
  for (int i = 0; i < 15; ++i) statuses.push_back(as("127.0.0.2", "wrong-key-0123456789").status);
  EXPECT_EQ(statuses.front(), 401);
  EXPECT_EQ(statuses.back(), 429);
  EXPECT_EQ(as("127.0.0.2", "wrong-key-0123456789").status, 429);
  // Another client behind the same proxy is not affected.
  EXPECT_EQ(as("127.0.0.3", "wrong-key-0123456789").status, 401);
  EXPECT_EQ(as("127.0.0.3", key_).status, 200);
  StopAll();
  std::string logs = AllOutput();
  EXPECT_GT(Count(logs, "\"client\":\"127.0.0.2\""), 10);
  EXPECT_GT(Count(logs, "\"client\":\"127.0.0.3\""), 0);
  EXPECT_EQ(Count(logs, "198.51.100.7"), 0) << "a client-written X-Forwarded-For is never believed";
}

// Leader-free background work: every instance ticks the expired-OAuth-state purge every ~5 s and
// starts a webhook keep-alive round at startup, yet the fleet runs each due run once (claimed rows
// in background_runs, migration 5); each run is logged by the instance that claimed it.
TEST_F(FleetTest, BackgroundWorkRunsOnceAcrossTheFleet) {
  std::this_thread::sleep_for(std::chrono::seconds(14));
  std::string logs = AllOutput();
  EXPECT_EQ(Count(logs, "\"task\":\"webhook keeper\""), 1) << "one keep-alive round for the fleet";
  // About 16 s since the instances started: three instances ticking every 4.5–5.5 s tick 8–10
  // times; the claim (one run per 4.5 s) lets at most 4 of them run.
  int purges = Count(logs, "\"task\":\"expired oauth states\"");
  EXPECT_GE(purges, 2);
  EXPECT_LE(purges, 4);
  EXPECT_EQ(Count(logs, "\"task\":\"retention\""), 0) << "hourly, first after an hour";
}

}  // namespace
}  // namespace ucf
