// Two `ucf serve` processes on one PostgreSQL database (issue 12): a process killed with SIGKILL
// in the middle of a job lets the other take it over (after its lease) and continue from the last
// committed page; with both running, every job runs exactly once (one claim, one sync.started).
// "In the middle" does not depend on speed: the fake Jira holds the job's next page unanswered
// (/_fake/hold) until the test has killed the process waiting for it, then releases it.
// Scheduled fires across instances are claimed the same way (SKIP LOCKED), shown by the storage
// contract suite (ConcurrentSchedulersFireEachDueScheduleOnce on PostgreSQL).

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/ucf_process.hpp"
#include "tests/support/node_peer.hpp"
#include "tests/support/pg_database.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/test_http.hpp"

namespace ucf {
namespace {

using testing::Fetch;
using testing::Subprocess;
using testing::TestResponse;

constexpr char kAdmin[] = "admin-token-for-two-process-tests-0123";

std::unique_ptr<Subprocess> StartUcf(const std::string& data_dir, const std::string& database, std::string* base) {
  return testing::StartUcfProcess({{"UCF_DATA_DIR", data_dir},
                                   {"DATABASE_URL", database},
                                   {"UCF_ADMIN_TOKEN", kAdmin},
                                   {"UCF_ALLOW_PRIVATE_UPSTREAMS", "true"},
                                   {"UCF_SYNC_WORKERS", "2"},
                                   {"UCF_SYNC_LEASE_SECONDS", "2"}},
                                  base);
}

boost::json::value Data(const TestResponse& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("data")) return nullptr;
  return v.at("data");
}

TEST(SyncTwoProcessesTest, AKilledProcessesJobIsResumedByTheOtherAndEveryJobRunsOnce) {
  testing::ScratchPostgresDatabase pg;
  if (pg.url().empty()) GTEST_SKIP() << pg.error();
  Subprocess fake({"/usr/bin/python3", (testing::PeersDir() / "jira_lite" / "fake_jira.py").string(), "0", "2000", "80"},
                  {});
  ASSERT_TRUE(fake.WaitForOutput("listening on ", 15'000));
  std::string fake_out = fake.Output();
  int fake_port = std::atoi(fake_out.c_str() + fake_out.find("listening on ") + 13);
  auto fake_call = [&](const std::string& method, const std::string& path) {
    return Fetch(method, "http://127.0.0.1:" + std::to_string(fake_port) + path, {}, "");
  };
  auto fake_held = [&]() -> std::int64_t {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(fake_call("GET", "/_fake/stats").body, ec);
    return ec ? -1 : v.at("held").to_number<std::int64_t>();
  };

  char dir[] = "/tmp/ucf-two-XXXXXX";
  std::string data_dir = mkdtemp(dir);
  std::string base_a, base_b;
  auto a = StartUcf(data_dir, pg.url(), &base_a);
  ASSERT_NE(base_a, "http://127.0.0.1:0") << a->Output().substr(0, 2000);

  auto call = [](const std::string& base, const std::string& method, const std::string& path, const std::string& auth,
                 const std::string& body = {}, const std::string& tenant = {}) {
    std::vector<std::string> headers = {"Authorization: Bearer " + auth};
    if (!tenant.empty()) headers.push_back("X-Tenant-Id: " + tenant);
    return Fetch(method, base + path, headers, body);
  };
  ASSERT_EQ(call(base_a, "POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
  std::string key(Data(call(base_a, "POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme")).at("key").as_string());
  std::vector<std::string> connections;
  for (int i = 0; i < 4; ++i) {
    auto connected = call(base_a, "POST", "/api/connectors/jira/connect/callback", key,
                          R"({"baseUrl":"http://localhost:)" + std::to_string(fake_port) +
                              R"(","email":"ops@acme.test","apiKey":"token","name":"c)" + std::to_string(i) + R"("})");
    ASSERT_EQ(connected.status, 200) << connected.body;
    connections.push_back(std::string(Data(connected).at("connectionId").as_string()));
  }
  auto job_of = [&](const std::string& base, const std::string& id) { return Data(call(base, "GET", "/api/jobs/" + id, key)); };
  auto wait_final = [&](const std::string& base, const std::string& id) {
    boost::json::value job;
    for (int i = 0; i < 600; ++i) {
      job = job_of(base, id);
      if (job.is_object() && job.at("status") != "queued" && job.at("status") != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return job;
  };

  // 1. A runs a full sync alone and is held after 8 of its 20 issue pages; B starts; A is killed
  // while it waits for the 9th, then the fake is released: B continues the job from A's last
  // commit (B may claim it while A still waits, when A's 2 s lease expires first: the same outcome).
  ASSERT_EQ(fake_call("POST", "/_fake/hold?after=8").status, 200);
  auto queued = call(base_a, "POST", "/api/connections/" + connections[0] + "/sync", key, R"({"model":"issues","full":true})");
  ASSERT_EQ(queued.status, 202) << queued.body;
  std::string job(Data(queued).at("id").as_string());
  // A asks for page 9 while it stores page 8 (prefetch), so pages 1-7 at least are committed.
  for (int i = 0; i < 1500 && fake_held() < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(fake_held(), 1) << "A's request for page 9 is held";
  boost::json::value before_kill = job_of(base_a, job);
  auto b = StartUcf(data_dir, pg.url(), &base_b);
  ASSERT_NE(base_b, "http://127.0.0.1:0") << b->Output().substr(0, 2000);
  EXPECT_EQ(a->Signal(SIGKILL), 128 + SIGKILL);
  ASSERT_EQ(fake_call("POST", "/_fake/release").status, 200);
  ASSERT_EQ(before_kill.at("status"), "running") << boost::json::serialize(before_kill);
  boost::json::value done = wait_final(base_b, job);
  ASSERT_TRUE(done.is_object()) << b->Output().substr(0, 2000);
  EXPECT_EQ(done.at("status"), "succeeded") << boost::json::serialize(done);
  EXPECT_EQ(done.at("attempt").to_number<std::int64_t>(), 2) << boost::json::serialize(done);
  EXPECT_TRUE(done.at("counts").at("resumed").as_bool()) << boost::json::serialize(done);

  // 2. Both running (A restarted): four jobs, each claimed exactly once.
  auto a2 = StartUcf(data_dir, pg.url(), &base_a);
  ASSERT_NE(base_a, "http://127.0.0.1:0") << a2->Output().substr(0, 2000);
  std::vector<std::string> jobs;
  for (int i = 0; i < 4; ++i) {
    const std::string& base = i % 2 ? base_a : base_b;
    auto q = call(base, "POST", "/api/connections/" + connections[i] + "/sync", key, R"({"model":"issues","full":true})");
    ASSERT_EQ(q.status, 202) << q.body;
    jobs.push_back(std::string(Data(q).at("id").as_string()));
  }
  for (const std::string& id : jobs) {
    boost::json::value finished = wait_final(base_a, id);
    EXPECT_EQ(finished.at("status"), "succeeded") << boost::json::serialize(finished);
    EXPECT_EQ(finished.at("attempt").to_number<std::int64_t>(), 1) << boost::json::serialize(finished);
    auto started = Data(call(base_b, "GET", "/api/audit-logs?action=sync.started&targetId=" + id, key));
    EXPECT_EQ(started.at("items").as_array().size(), 1u) << boost::json::serialize(started);
  }
}

}  // namespace
}  // namespace ucf
