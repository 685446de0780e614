// DESIGN §8: kill -9 during a sync loses nothing and duplicates nothing. The real `ucf` binary
// runs a full sync of a fake Jira (tests/peers/jira_lite) into SQLite, is killed with SIGKILL
// mid-run — the fake holds the job's 16th page unanswered (/_fake/hold) until the kill, so the
// job cannot finish first at any speed — and started again on the same data directory: the job is
// taken over once its lease
// expires (UCF_SYNC_LEASE_SECONDS=2 here) and continues from its last committed page — the fake
// serves far fewer pages after the restart than a full run needs — and finishes; every issue is
// stored exactly once and the change feed lists each exactly once.

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/ucf_process.hpp"
#include "tests/support/node_peer.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/test_http.hpp"

namespace ucf {
namespace {

using testing::Fetch;
using testing::Subprocess;
using testing::TestResponse;

constexpr char kAdmin[] = "admin-token-for-crash-tests-0123456789";
constexpr int kIssues = 3000;  // 30 pages of 100
constexpr int kPages = kIssues / 100;
constexpr int kHoldAfter = kPages / 2;  // issue pages served before the fake holds the next one

// The number printed after `marker` in the child's output, once it appears.
int NumberAfter(const Subprocess& p, const std::string& marker) {
  if (!p.WaitForOutput(marker, 15'000)) return 0;
  std::string out = p.Output();
  return std::atoi(out.c_str() + out.find(marker) + marker.size());
}

// `ucf serve` on a free port with this data directory; its base URL once it listens.
std::unique_ptr<Subprocess> StartUcf(const std::string& data_dir, std::string* base) {
  return testing::StartUcfProcess({{"UCF_DATA_DIR", data_dir},
                                   {"UCF_ADMIN_TOKEN", kAdmin},
                                   {"UCF_ALLOW_PRIVATE_UPSTREAMS", "true"},
                                   {"UCF_SYNC_WORKERS", "1"},
                                   {"UCF_SYNC_LEASE_SECONDS", "2"}},
                                  base);
}

boost::json::value Data(const TestResponse& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("data")) return nullptr;
  return v.at("data");
}

TEST(SyncCrashTest, KillNineMidSyncLosesAndDuplicatesNothing) {
  Subprocess fake({"/usr/bin/python3", (testing::PeersDir() / "jira_lite" / "fake_jira.py").string(), "0",
                   std::to_string(kIssues)},
                  {});
  int fake_port = NumberAfter(fake, "listening on ");
  ASSERT_GT(fake_port, 0) << fake.Output();

  char dir[] = "/tmp/ucf-crash-XXXXXX";
  std::string data_dir = mkdtemp(dir);
  std::string base;
  auto first = StartUcf(data_dir, &base);
  ASSERT_NE(base, "http://127.0.0.1:0") << first->Output();

  auto call = [&](const std::string& method, const std::string& path, const std::string& auth,
                  const std::string& body = {}, const std::string& tenant = {}) {
    std::vector<std::string> headers = {"Authorization: Bearer " + auth};
    if (!tenant.empty()) headers.push_back("X-Tenant-Id: " + tenant);
    return Fetch(method, base + path, headers, body);
  };
  ASSERT_EQ(call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
  std::string key(Data(call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme")).at("key").as_string());
  auto connected = call("POST", "/api/connectors/jira/connect/callback", key,
                        R"({"baseUrl":"http://localhost:)" + std::to_string(fake_port) +
                            R"(","email":"ops@acme.test","apiKey":"token","name":"main"})");
  ASSERT_EQ(connected.status, 200) << connected.body;
  std::string connection(Data(connected).at("connectionId").as_string());

  auto fake_call = [&](const std::string& method, const std::string& path) {
    return Fetch(method, "http://127.0.0.1:" + std::to_string(fake_port) + path, {}, "");
  };
  auto fake_stat = [&](const char* name) -> std::int64_t {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(fake_call("GET", "/_fake/stats").body, ec);
    return ec ? -1 : v.at(name).to_number<std::int64_t>();
  };
  ASSERT_EQ(fake_call("POST", "/_fake/hold?after=" + std::to_string(kHoldAfter)).status, 200);
  auto queued = call("POST", "/api/connections/" + connection + "/sync", key, R"({"model":"issues","full":true})");
  ASSERT_EQ(queued.status, 202) << queued.body;
  std::string job(Data(queued).at("id").as_string());
  auto job_state = [&] { return Data(call("GET", "/api/jobs/" + job, key)); };

  // Kill -9 while the process waits for page 16. It asked for it while storing page 15 (the next
  // page is fetched while the current one is stored), so pages 1-14 at least are committed.
  for (int i = 0; i < 1500 && fake_stat("held") < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(fake_stat("held"), 1) << first->Output().substr(0, 2000);
  boost::json::value before_kill = job_state();
  ASSERT_TRUE(before_kill.is_object()) << first->Output().substr(0, 2000);
  EXPECT_EQ(first->Signal(SIGKILL), 128 + SIGKILL);
  ASSERT_EQ(before_kill.at("status"), "running") << boost::json::serialize(before_kill);
  const std::int64_t committed = kHoldAfter - 1;
  const std::int64_t served_before_restart = fake_stat("searchPages");
  ASSERT_EQ(served_before_restart, kHoldAfter);
  ASSERT_EQ(fake_call("POST", "/_fake/release").status, 200);

  // Same data, new process: the job is claimed again after its lease and runs to the end.
  auto second = StartUcf(data_dir, &base);
  ASSERT_NE(base, "http://127.0.0.1:0") << second->Output();
  boost::json::value done;
  for (int i = 0; i < 600; ++i) {
    done = job_state();
    if (done.is_object() && done.at("status") != "queued" && done.at("status") != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(done.is_object()) << second->Output().substr(0, 2000);
  ASSERT_EQ(done.at("status"), "succeeded") << boost::json::serialize(done);
  EXPECT_GE(done.at("attempt").to_number<std::int64_t>(), 2) << "taken over, not restarted by hand";
  EXPECT_TRUE(done.at("counts").at("resumed").as_bool()) << boost::json::serialize(done);

  // Continued from the last committed page: at most the remaining pages, plus one for the held
  // page (answered to the killed process on release) and one for the 12 h JQL zone margin (12
  // issues an hour apart), not all 30.
  const std::int64_t served_after_restart = fake_stat("searchPages") - served_before_restart;
  EXPECT_LE(served_after_restart, kPages - committed + 2);
  EXPECT_LT(served_after_restart, kPages);

  // Every issue stored once; the change feed names each once.
  std::multiset<std::string> seen;
  std::string cursor;
  for (int pages = 0; pages < 100; ++pages) {
    auto feed = call("GET", "/api/connections/" + connection + "/records?model=issues&limit=200" +
                                (cursor.empty() ? "" : "&cursor=" + cursor),
                     key);
    ASSERT_EQ(feed.status, 200) << feed.body;
    boost::json::value page = Data(feed);
    for (const auto& r : page.at("items").as_array()) {
      EXPECT_FALSE(r.at("deleted").as_bool());
      seen.insert(std::string(r.at("externalId").as_string()));
    }
    if (page.at("next").is_null()) break;
    cursor = std::string(page.at("next").as_string());
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kIssues));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), static_cast<std::size_t>(kIssues));
  EXPECT_EQ(seen.count("BEN-0"), 1u);
  EXPECT_EQ(seen.count("BEN-" + std::to_string(kIssues - 1)), 1u);
}

}  // namespace
}  // namespace ucf
