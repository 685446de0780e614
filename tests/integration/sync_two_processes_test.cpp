// Two `ucf serve` processes on one PostgreSQL database (issue 12): a process killed with SIGKILL
// in the middle of a job lets the other take it over (after its lease) and continue from the last
// committed page; with both running, every job runs exactly once (one claim, one sync.started).
// "In the middle" does not depend on speed: the fake Jira holds the job's next page unanswered
// (/_fake/hold) until the test has killed the process waiting for it, then releases it.
// Scheduled fires across instances are claimed the same way (SKIP LOCKED), shown by the storage
// contract suite (ConcurrentSchedulersFireEachDueScheduleOnce on PostgreSQL).
// Live events are shared through the database: an SSE client on one instance follows a job another
// instance runs, and a reconnect with Last-Event-ID to either instance resumes without loss or
// duplicate; another tenant's streams see none of it.

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/ucf_process.hpp"
#include "tests/support/node_peer.hpp"
#include "tests/support/pg_database.hpp"
#include "tests/support/raw_http.hpp"
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

// One call to a ucf instance at `base` with a bearer token (and X-Tenant-Id when given).
TestResponse CallUcf(const std::string& base, const std::string& method, const std::string& path,
                     const std::string& auth, const std::string& body = {}, const std::string& tenant = {}) {
  std::vector<std::string> headers = {"Authorization: Bearer " + auth};
  if (!tenant.empty()) headers.push_back("X-Tenant-Id: " + tenant);
  return Fetch(method, base + path, headers, body);
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

  ASSERT_EQ(CallUcf(base_a, "POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
  std::string key(Data(CallUcf(base_a, "POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme")).at("key").as_string());
  std::vector<std::string> connections;
  for (int i = 0; i < 4; ++i) {
    auto connected = CallUcf(base_a, "POST", "/api/connectors/jira/connect/callback", key,
                          R"({"baseUrl":"http://localhost:)" + std::to_string(fake_port) +
                              R"(","email":"ops@acme.test","apiKey":"token","name":"c)" + std::to_string(i) + R"("})");
    ASSERT_EQ(connected.status, 200) << connected.body;
    connections.push_back(std::string(Data(connected).at("connectionId").as_string()));
  }
  auto job_of = [&](const std::string& base, const std::string& id) { return Data(CallUcf(base, "GET", "/api/jobs/" + id, key)); };
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
  auto queued = CallUcf(base_a, "POST", "/api/connections/" + connections[0] + "/sync", key, R"({"model":"issues","full":true})");
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
    auto q = CallUcf(base, "POST", "/api/connections/" + connections[i] + "/sync", key, R"({"model":"issues","full":true})");
    ASSERT_EQ(q.status, 202) << q.body;
    jobs.push_back(std::string(Data(q).at("id").as_string()));
  }
  for (const std::string& id : jobs) {
    boost::json::value finished = wait_final(base_a, id);
    EXPECT_EQ(finished.at("status"), "succeeded") << boost::json::serialize(finished);
    EXPECT_EQ(finished.at("attempt").to_number<std::int64_t>(), 1) << boost::json::serialize(finished);
    auto started = Data(CallUcf(base_b, "GET", "/api/audit-logs?action=sync.started&targetId=" + id, key));
    EXPECT_EQ(started.at("items").as_array().size(), 1u) << boost::json::serialize(started);
  }
}

// The events of an SSE response (chunked or not): (id, type, data) in order; events without an id
// (job.snapshot) are kept with id 0.
struct SseEvent {
  std::int64_t id = 0;
  std::string type;
  boost::json::value data;
};
std::vector<SseEvent> ParseSse(const std::string& body) {
  std::vector<SseEvent> out;
  SseEvent current;
  std::size_t at = body.find("\r\n\r\n");  // after the response head
  at = at == std::string::npos ? 0 : at + 4;
  while (at < body.size()) {
    std::size_t eol = body.find('\n', at);
    if (eol == std::string::npos) eol = body.size();
    std::string_view line(body.data() + at, eol - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with("id: ")) current.id = std::atoll(std::string(line.substr(4)).c_str());
    if (line.starts_with("event: ")) current.type = std::string(line.substr(7));
    if (line.starts_with("data: ")) {
      boost::system::error_code ec;
      current.data = boost::json::parse(line.substr(6), ec);
      out.push_back(std::move(current));
      current = SseEvent{};
    }
    at = eol + 1;
  }
  return out;
}

int PortOf(const std::string& base) { return std::atoi(base.c_str() + base.rfind(':') + 1); }

std::string SseRequest(const std::string& path, const std::string& key, std::int64_t last_id = -1) {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key +
         (last_id >= 0 ? "\r\nLast-Event-ID: " + std::to_string(last_id) : "") +
         "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n";
}

TEST(SyncTwoProcessesTest, AStreamOnOneInstanceFollowsAJobRunOnAnotherAndResumesOnEither) {
  testing::ScratchPostgresDatabase pg;
  if (pg.url().empty()) GTEST_SKIP() << pg.error();
  Subprocess fake({"/usr/bin/python3", (testing::PeersDir() / "jira_lite" / "fake_jira.py").string(), "0", "4000", "100"},
                  {});
  ASSERT_TRUE(fake.WaitForOutput("listening on ", 15'000));
  std::string fake_out = fake.Output();
  int fake_port = std::atoi(fake_out.c_str() + fake_out.find("listening on ") + 13);
  char dir[] = "/tmp/ucf-two-XXXXXX";
  std::string data_dir = mkdtemp(dir);
  std::string base_a, base_b;
  auto a = StartUcf(data_dir, pg.url(), &base_a);
  ASSERT_NE(base_a, "http://127.0.0.1:0") << a->Output().substr(0, 2000);
  std::map<std::string, std::string> keys;
  for (const char* tenant : {"acme", "other"}) {
    ASSERT_EQ(CallUcf(base_a, "POST", "/api/tenants", kAdmin, std::string(R"({"id":")") + tenant + R"(","name":"T"})").status, 201);
    keys[tenant] = std::string(Data(CallUcf(base_a, "POST", "/api/api-keys", kAdmin, R"({"name":"k"})", tenant)).at("key").as_string());
  }
  const std::string& key = keys["acme"];
  auto connected = CallUcf(base_a, "POST", "/api/connectors/jira/connect/callback", key,
                        R"({"baseUrl":"http://localhost:)" + std::to_string(fake_port) +
                            R"(","email":"ops@acme.test","apiKey":"token","name":"c"})");
  ASSERT_EQ(connected.status, 200) << connected.body;
  std::string connection(Data(connected).at("connectionId").as_string());

  // A alone claims and runs the job; B starts once it runs.
  auto queued = CallUcf(base_a, "POST", "/api/connections/" + connection + "/sync", key, R"({"model":"issues","full":true})");
  ASSERT_EQ(queued.status, 202) << queued.body;
  std::string job(Data(queued).at("id").as_string());
  for (int i = 0; i < 400 && Data(CallUcf(base_a, "GET", "/api/jobs/" + job, key)).at("status") != "running"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto b = StartUcf(data_dir, pg.url(), &base_b);
  ASSERT_NE(base_b, "http://127.0.0.1:0") << b->Output().substr(0, 2000);
  ASSERT_EQ(Data(CallUcf(base_b, "GET", "/api/jobs/" + job, key)).at("status"), "running") << "B came up while A runs it";

  // On B: the job's stream (ends after job.finished), the tenant's stream, and the other tenant's.
  auto job_stream = std::async(std::launch::async, [&] {
    return testing::RawExchange(PortOf(base_b), SseRequest("/api/jobs/" + job + "/events", key), 20'000);
  });
  auto tenant_stream = std::async(std::launch::async, [&] {
    return testing::RawExchange(PortOf(base_b), SseRequest("/api/events", key), 3'000);
  });
  auto other_stream = std::async(std::launch::async, [&] {
    return testing::RawExchange(PortOf(base_b), SseRequest("/api/events", keys["other"]), 3'000);
  });

  std::string job_body = job_stream.get();
  std::vector<SseEvent> followed = ParseSse(job_body);
  ASSERT_GE(followed.size(), 3u) << job_body.substr(0, 2000);
  EXPECT_EQ(followed.front().type, "job.snapshot");
  EXPECT_EQ(followed.back().type, "job.finished") << job_body.substr(job_body.size() > 2000 ? job_body.size() - 2000 : 0);
  EXPECT_EQ(followed.back().data.at("status"), "succeeded");
  EXPECT_EQ(followed.back().data.at("attempt").to_number<std::int64_t>(), 1) << "run by A, never taken over";
  int progress = 0;
  std::int64_t last_id = 0, last_pages = 0;
  for (std::size_t i = 1; i < followed.size(); ++i) {
    const SseEvent& e = followed[i];
    EXPECT_GT(e.id, last_id) << "ids ascend";
    last_id = e.id;
    EXPECT_EQ(e.data.at("jobId"), boost::json::value(job));
    if (e.type != "job.progress") continue;
    ++progress;
    std::int64_t pages = e.data.at("counts").at("pages").to_number<std::int64_t>();
    EXPECT_GE(pages, last_pages) << "real, growing page counts from A";
    last_pages = pages;
  }
  EXPECT_GE(progress, 1) << "B's client saw A's progress: " << job_body.substr(0, 2000);

  std::string tenant_body = tenant_stream.get();
  std::vector<SseEvent> seen = ParseSse(tenant_body);
  ASSERT_FALSE(seen.empty()) << tenant_body.substr(0, 1000);
  EXPECT_EQ(seen.back().type, "job.finished");
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].id, seen[i - 1].id + 1) << "the tenant stream has no gap";
  }
  std::string other_body = ParseSse(other_stream.get()).empty() ? "" : "events";
  EXPECT_EQ(other_body, "") << "another tenant's stream sees none of it";

  // Reconnects with Last-Event-ID, to A and to B: exactly the events after it, same ids everywhere.
  ASSERT_GE(seen.size(), 2u);
  const std::int64_t resume_at = seen.front().id;
  for (const std::string& base : {base_a, base_b}) {
    std::vector<SseEvent> resumed =
        ParseSse(testing::RawExchange(PortOf(base), SseRequest("/api/events", key, resume_at), 1'500));
    ASSERT_EQ(resumed.size(), seen.size() - 1) << base;
    for (std::size_t i = 0; i < resumed.size(); ++i) {
      EXPECT_EQ(resumed[i].id, seen[i + 1].id) << base;
      EXPECT_EQ(resumed[i].type, seen[i + 1].type) << base;
      EXPECT_EQ(resumed[i].data, seen[i + 1].data) << base;
    }
  }
  // The whole stored stream from the start (JSON answer): queued, started, progress…, finished.
  auto polled = Data(CallUcf(base_a, "GET", "/api/events", key));
  auto items = polled.at("items").as_array();
  ASSERT_GE(items.size(), 3u);
  EXPECT_EQ(items[0].at("id"), "1");
  EXPECT_EQ(items[0].at("type"), "job.queued");
  EXPECT_EQ(items[1].at("type"), "job.started");
  EXPECT_EQ(items.back().at("type"), "job.finished");
  EXPECT_TRUE(Data(CallUcf(base_b, "GET", "/api/events", keys["other"])).at("items").as_array().empty());
}

}  // namespace
}  // namespace ucf
