// The sync engine over HTTP against the real `ucf` application (in-process) and the volume fake
// Jira (tests/peers/jira_lite/fake_jira.py, which counts the search pages it serves and can change,
// delete and fail issues on request): incremental by default, deletions on full runs, one run per
// connection+model, cancel within a second, retryable errors resumed, auth errors → needs_reauth,
// live progress as Server-Sent Events that hold no worker thread.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/node_peer.hpp"
#include "tests/support/raw_http.hpp"
#include "tests/support/subprocess.hpp"

namespace ucf {
namespace {

using testing::EnvelopeData;
using testing::Fetch;
using testing::Subprocess;
using testing::TestServer;

constexpr char kAdmin[] = "integration-admin-token-0000";

class FakeJira {
 public:
  FakeJira(int issues, int page_delay_ms)
      : process_({"/usr/bin/python3", (testing::PeersDir() / "jira_lite" / "fake_jira.py").string(), "0",
                  std::to_string(issues), std::to_string(page_delay_ms)},
                 {}) {
    const std::string marker = "listening on ";
    if (process_.WaitForOutput(marker, 15'000)) {
      std::string out = process_.Output();
      port_ = std::atoi(out.c_str() + out.find(marker) + marker.size());
    }
  }
  int port() const { return port_; }
  std::string Base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void Post(const std::string& what) { Fetch("POST", Base() + "/_fake/" + what, {}, ""); }
  std::int64_t SearchPages() const {
    auto r = Fetch("GET", Base() + "/_fake/stats", {}, "");
    boost::system::error_code ec;
    auto v = boost::json::parse(r.body, ec);
    return ec ? -1 : v.at("searchPages").to_number<std::int64_t>();
  }

 private:
  Subprocess process_;
  int port_ = 0;
};

// tests/peers/webhook_receiver/receiver.py: verifies Standard Webhooks signatures against the
// secrets in a file and remembers what it accepted in a state file (kept across its restarts).
class Receiver {
 public:
  Receiver(const std::string& dir, int port = 0) : dir_(dir) { Start(port); }
  void Start(int port) {
    process_ = std::make_unique<Subprocess>(
        std::vector<std::string>{"/usr/bin/python3", (testing::PeersDir() / "webhook_receiver" / "receiver.py").string(),
                                 std::to_string(port), dir_ + "/secrets", dir_ + "/state"},
        std::map<std::string, std::string>{});
    const std::string marker = "listening on ";
    if (process_->WaitForOutput(marker, 15'000)) {
      std::string out = process_->Output();
      port_ = std::atoi(out.c_str() + out.find(marker) + marker.size());
    }
  }
  void Stop() { process_.reset(); }
  int port() const { return port_; }
  void SetSecrets(const std::vector<std::string>& secrets) {
    std::string text;
    for (const auto& s : secrets) text += s + "\n";
    FILE* f = std::fopen((dir_ + "/secrets").c_str(), "w");
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  boost::json::array Received() const {
    auto r = Fetch("GET", "http://127.0.0.1:" + std::to_string(port_) + "/_received", {}, "");
    boost::system::error_code ec;
    auto v = boost::json::parse(r.body, ec);
    return ec || !v.is_array() ? boost::json::array() : v.as_array();
  }
  // Polls until `n` deliveries of `type` arrived (or 30 s).
  boost::json::array WaitFor(const std::string& type, std::size_t n) const {
    boost::json::array of_type;
    for (int i = 0; i < 300; ++i) {
      of_type.clear();
      for (const auto& r : Received()) {
        if (r.at("type") == boost::json::value(type)) of_type.push_back(r);
      }
      if (of_type.size() >= n) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return of_type;
  }

 private:
  std::string dir_;
  std::unique_ptr<Subprocess> process_;
  int port_ = 0;
};

class SyncEngineTest : public ::testing::Test {
 protected:
  void Start(int issues, int page_delay_ms) {
    fake_ = std::make_unique<FakeJira>(issues, page_delay_ms);
    ASSERT_GT(fake_->port(), 0);
    char dir[] = "/tmp/ucf-sync-engine-XXXXXX";
    data_dir_ = mkdtemp(dir);  // ours, so that Restart() keeps it (TestServer removes only its own)
    server_ = std::make_unique<TestServer>(std::map<std::string, std::string>{
        {"UCF_ALLOW_PRIVATE_UPSTREAMS", "true"}, {"UCF_SYNC_WORKERS", "1"}, {"UCF_WORKER_THREADS", "2"},
        {"UCF_EVENTS_PROGRESS_MS", "100"},  // the SSE test follows a sub-second job
        {"UCF_DATA_DIR", data_dir_}});
    ASSERT_EQ(server_->Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
    key_ = std::string(EnvelopeData(server_->Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme")).at("key").as_string());
    auto connected = server_->Call("POST", "/api/connectors/jira/connect/callback", key_,
                                   R"({"baseUrl":"http://localhost:)" + std::to_string(fake_->port()) +
                                       R"(","email":"ops@acme.test","apiKey":"token","name":"main"})");
    ASSERT_EQ(connected.status, 200) << connected.body;
    connection_ = std::string(EnvelopeData(connected).at("connectionId").as_string());
  }
  // A new application process on the same data directory (the database and keys survive).
  void Restart() {
    server_.reset();
    server_ = std::make_unique<TestServer>(std::map<std::string, std::string>{
        {"UCF_ALLOW_PRIVATE_UPSTREAMS", "true"}, {"UCF_SYNC_WORKERS", "1"}, {"UCF_DATA_DIR", data_dir_}});
  }
  void TearDown() override {
    server_.reset();
    std::error_code ec;
    if (!data_dir_.empty()) std::filesystem::remove_all(data_dir_, ec);
  }
  testing::TestResponse Sync(const std::string& body) {
    return server_->Call("POST", "/api/connections/" + connection_ + "/sync", key_, body);
  }
  boost::json::object Job(const std::string& id) { return EnvelopeData(server_->Call("GET", "/api/jobs/" + id, key_)); }
  // Polls the job until it is final (or 60 s).
  boost::json::object Finished(const std::string& id) {
    boost::json::object job;
    for (int i = 0; i < 1200; ++i) {
      job = Job(id);
      if (job.contains("status") && job.at("status") != "queued" && job.at("status") != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return job;
  }
  boost::json::object RunSync(const std::string& body) {
    auto queued = Sync(body);
    EXPECT_EQ(queued.status, 202) << queued.body;
    return Finished(std::string(EnvelopeData(queued).at("id").as_string()));
  }
  static std::int64_t Count(const boost::json::object& job, const char* name) {
    const auto* counts = job.if_contains("counts");
    const auto* value = counts && counts->is_object() ? counts->as_object().if_contains(name) : nullptr;
    return value ? value->to_number<std::int64_t>() : 0;
  }

  std::unique_ptr<FakeJira> fake_;
  std::unique_ptr<TestServer> server_;
  std::string data_dir_;
  std::string key_;
  std::string connection_;
};

TEST_F(SyncEngineTest, IncrementalByDefaultAndDeletionsOnFullRunsOnly) {
  Start(1000, 0);
  auto first = RunSync(R"({"model":"issues"})");
  ASSERT_EQ(first.at("status"), "succeeded") << boost::json::serialize(first);
  EXPECT_EQ(Count(first, "changed"), 1000);
  EXPECT_FALSE(first.at("counts").at("full").as_bool());

  fake_->Post("delete?count=5");
  fake_->Post("touch?count=10");
  std::int64_t pages_before = fake_->SearchPages();
  auto incremental = RunSync(R"({"model":"issues"})");
  ASSERT_EQ(incremental.at("status"), "succeeded") << boost::json::serialize(incremental);
  EXPECT_EQ(Count(incremental, "changed"), 10);
  EXPECT_EQ(Count(incremental, "deleted"), 0);
  EXPECT_EQ(fake_->SearchPages() - pages_before, 1) << "only the changed issues were listed";

  auto full = RunSync(R"({"model":"issues","full":true})");
  ASSERT_EQ(full.at("status"), "succeeded") << boost::json::serialize(full);
  EXPECT_EQ(Count(full, "changed"), 0);
  EXPECT_EQ(Count(full, "deleted"), 5);
  EXPECT_EQ(server_->Call("POST", "/api/connections/" + connection_ + "/sync", key_, R"({"full":"yes"})").status, 400);
}

TEST_F(SyncEngineTest, OneRunAtATimeAndCancelStopsItWithinASecond) {
  Start(3000, 150);
  auto queued = Sync(R"({"model":"issues"})");
  ASSERT_EQ(queued.status, 202) << queued.body;
  std::string job(EnvelopeData(queued).at("id").as_string());
  auto again = Sync(R"({"model":"issues","full":true})");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find(job), std::string::npos) << "the 409 names the existing job: " << again.body;

  for (int i = 0; i < 200 && Count(Job(job), "pages") < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(Job(job).at("status"), "running");
  auto asked = std::chrono::steady_clock::now();
  ASSERT_EQ(server_->Call("POST", "/api/jobs/" + job + "/cancel", key_).status, 200);
  boost::json::object done;
  while (std::chrono::steady_clock::now() - asked < std::chrono::seconds(3)) {
    done = Job(job);
    if (done.at("status") == "canceled") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(done.at("status"), "canceled");
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(1));
  // The slot is free again.
  EXPECT_EQ(Sync(R"({"model":"issues"})").status, 202);
}

TEST_F(SyncEngineTest, RetryableErrorsResumeAndAuthErrorsMarkTheConnectionNeedsReauth) {
  Start(300, 0);
  fake_->Post("fail?status=503&count=5");  // more than the HTTP client's own 4 attempts
  auto retried = RunSync(R"({"model":"issues"})");
  ASSERT_EQ(retried.at("status"), "succeeded") << boost::json::serialize(retried);
  EXPECT_GE(Count(retried, "retries"), 1);
  EXPECT_EQ(Count(retried, "changed"), 300);

  fake_->Post("fail?status=401&count=1");
  auto rejected = RunSync(R"({"model":"issues","full":true})");
  EXPECT_EQ(rejected.at("status"), "failed") << boost::json::serialize(rejected);
  auto connection = EnvelopeData(server_->Call("GET", "/api/connections/" + connection_, key_));
  EXPECT_EQ(connection.at("status"), "needs_reauth") << boost::json::serialize(connection);
  EXPECT_EQ(Sync(R"({"model":"issues"})").status, 400) << "an unusable connection is not queued";
}

TEST_F(SyncEngineTest, ApplicationWebhooksAreSignedRetriedAndSurviveARestart) {
  Start(200, 0);
  char dir[] = "/tmp/ucf-receiver-XXXXXX";
  Receiver receiver(mkdtemp(dir));
  ASSERT_GT(receiver.port(), 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hook";
  auto created = server_->Call("POST", "/api/webhook-subscriptions", key_,
                               R"({"url":")" + url + R"(","events":["sync.finished","sync.failed","records.changed"]})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string sub(EnvelopeData(created).at("id").as_string());
  std::string secret(EnvelopeData(created).at("secret").as_string());
  receiver.SetSecrets({secret});
  auto shown = server_->Call("GET", "/api/webhook-subscriptions/" + sub, key_);
  EXPECT_EQ(shown.body.find("whsec_"), std::string::npos) << "the secret is shown once";
  EXPECT_EQ(server_->Call("POST", "/api/webhook-subscriptions", key_, R"({"url":"ftp://x/y"})").status, 400);
  EXPECT_EQ(server_->Call("POST", "/api/webhook-subscriptions", key_, R"({"url":")" + url + R"(","events":["nope"]})").status, 400);

  // A sync: sync.finished and records.changed (counts and a feed cursor, not the data), verified.
  ASSERT_EQ(RunSync(R"({"model":"issues"})").at("status"), "succeeded");
  auto changed = receiver.WaitFor("records.changed", 1);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].at("data").at("changed").to_number<std::int64_t>(), 200);
  EXPECT_FALSE(changed[0].at("data").as_object().contains("items"));
  std::string cursor(changed[0].at("data").at("cursor").as_string());
  auto feed = server_->Call("GET", "/api/connections/" + connection_ + "/records?model=issues&limit=200&cursor=" + cursor, key_);
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(EnvelopeData(feed).at("items").as_array().size(), 200u) << "the cursor lists what the run changed";
  ASSERT_EQ(receiver.WaitFor("sync.finished", 1).size(), 1u);

  // The receiver goes down; a sync happens; UCF restarts; the receiver comes back: nothing is lost.
  receiver.Stop();
  fake_->Post("touch?count=3");
  ASSERT_EQ(RunSync(R"({"model":"issues"})").at("status"), "succeeded");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // at least one failed attempt
  auto pending = EnvelopeData(server_->Call("GET", "/api/webhook-subscriptions/" + sub + "/deliveries", key_));
  bool retried = false;
  for (const auto& d : pending.at("items").as_array()) {
    if (d.at("status") == "pending" && d.at("attempts").to_number<std::int64_t>() >= 1 && !d.at("lastError").is_null()) retried = true;
  }
  EXPECT_TRUE(retried) << boost::json::serialize(pending);
  Restart();
  receiver.Start(std::atoi(url.c_str() + url.rfind(':') + 1));
  auto finished = receiver.WaitFor("sync.finished", 2);
  EXPECT_EQ(finished.size(), 2u) << boost::json::serialize(receiver.Received()) << "\n"
                                 << server_->Call("GET", "/api/webhook-subscriptions/" + sub + "/deliveries", key_).body
                                 << "\nreceiver on " << receiver.port();
  auto changes = receiver.WaitFor("records.changed", 2);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[1].at("data").at("changed").to_number<std::int64_t>(), 3);

  // Rotation: during the grace period both secrets sign; the receiver trusting either verifies.
  auto rotated = server_->Call("POST", "/api/webhook-subscriptions/" + sub + "/rotate", key_, R"({"graceSeconds":3600})");
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  std::string next(EnvelopeData(rotated).at("secret").as_string());
  EXPECT_NE(next, secret);
  receiver.SetSecrets({secret, next});
  fake_->Post("touch?count=1");
  ASSERT_EQ(RunSync(R"({"model":"issues"})").at("status"), "succeeded");
  auto third = receiver.WaitFor("sync.finished", 3);
  ASSERT_EQ(third.size(), 3u);
  EXPECT_EQ(third[2].at("signatures").to_number<std::int64_t>(), 2);
  EXPECT_EQ(third[2].at("verifiedWith").as_array().size(), 2u) << "old and new secret both sign";
  auto deliveries = EnvelopeData(server_->Call("GET", "/api/webhook-subscriptions/" + sub + "/deliveries", key_));
  for (const auto& d : deliveries.at("items").as_array()) EXPECT_EQ(d.at("status"), "succeeded") << boost::json::serialize(d);
}

// Issue 12: connection.needs_reauth (a sync refused as unauthenticated) and connection.recovered
// (the credentials given again) reach the application through the outbox, signed, once each.
TEST_F(SyncEngineTest, ConnectionNeedsReauthAndRecoveredReachTheApplication) {
  Start(50, 0);
  char dir[] = "/tmp/ucf-receiver-XXXXXX";
  Receiver receiver(mkdtemp(dir));
  ASSERT_GT(receiver.port(), 0);
  auto created = server_->Call("POST", "/api/webhook-subscriptions", key_,
                               R"({"url":"http://127.0.0.1:)" + std::to_string(receiver.port()) +
                                   R"(/hook","events":["connection.needs_reauth","connection.recovered"]})");
  ASSERT_EQ(created.status, 201) << created.body;
  receiver.SetSecrets({std::string(EnvelopeData(created).at("secret").as_string())});
  auto reconnect = [&] {
    return server_->Call("POST", "/api/connectors/jira/connect/callback", key_,
                         R"({"baseUrl":"http://localhost:)" + std::to_string(fake_->port()) +
                             R"(","email":"ops@acme.test","apiKey":"token-2","name":"main"})");
  };
  auto status = [&] {
    return EnvelopeData(server_->Call("GET", "/api/connections/" + connection_, key_)).at("status");
  };

  fake_->Post("fail?status=401&count=1");
  ASSERT_EQ(RunSync(R"({"model":"issues"})").at("status"), "failed");
  ASSERT_EQ(status(), "needs_reauth");
  auto lost = receiver.WaitFor("connection.needs_reauth", 1);
  ASSERT_EQ(lost.size(), 1u) << boost::json::serialize(receiver.Received());
  EXPECT_EQ(lost[0].at("data").at("connectionId"), boost::json::value(connection_));
  EXPECT_FALSE(lost[0].at("data").at("reason").as_string().empty());

  auto again = reconnect();
  ASSERT_EQ(again.status, 200) << again.body;
  ASSERT_EQ(status(), "connected");
  auto back = receiver.WaitFor("connection.recovered", 1);
  ASSERT_EQ(back.size(), 1u) << boost::json::serialize(receiver.Received());
  EXPECT_EQ(back[0].at("data").at("connectionId"), boost::json::value(connection_));
  EXPECT_EQ(back[0].at("data").at("from"), "needs_reauth");

  // Connected → connected is no recovery; the next loss is told again.
  ASSERT_EQ(reconnect().status, 200);
  fake_->Post("fail?status=401&count=1");
  ASSERT_EQ(RunSync(R"({"model":"issues"})").at("status"), "failed");
  EXPECT_EQ(receiver.WaitFor("connection.needs_reauth", 2).size(), 2u);
  EXPECT_EQ(receiver.WaitFor("connection.recovered", 1).size(), 1u) << boost::json::serialize(receiver.Received());
}

// The events of an SSE body: (id or "", type, data) in order.
struct SseEvent {
  std::string id, type;
  boost::json::value data;
};
std::vector<SseEvent> ParseSse(const std::string& body) {
  std::vector<SseEvent> out;
  std::size_t at = 0;
  while (at < body.size()) {
    std::size_t end = body.find("\n\n", at);
    if (end == std::string::npos) end = body.size();
    SseEvent e;
    std::size_t line = at;
    while (line < end) {
      std::size_t eol = std::min(body.find('\n', line), end);
      std::string_view text(body.data() + line, eol - line);
      if (text.starts_with("id: ")) e.id = std::string(text.substr(4));
      if (text.starts_with("event: ")) e.type = std::string(text.substr(7));
      if (text.starts_with("data: ")) {
        boost::system::error_code ec;
        e.data = boost::json::parse(text.substr(6), ec);
      }
      line = eol + 1;
    }
    if (!e.type.empty()) out.push_back(std::move(e));
    at = end + 2;
  }
  return out;
}

TEST_F(SyncEngineTest, LiveProgressStreamsAsServerSentEventsWithoutHoldingWorkers) {
  Start(1000, 60);
  const int port = server_->app().port();
  auto stream_request = [&](const std::string& path, const std::string& last_id) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key_ +
           (last_id.empty() ? "" : "\r\nLast-Event-ID: " + last_id) + "\r\nAccept: text/event-stream\r\n\r\n";
  };
  // Four tenant streams stay open on a server with two worker threads...
  std::vector<std::future<std::string>> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(std::async(std::launch::async, [&] { return testing::RawExchange(port, stream_request("/api/events", ""), 2500); }));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // ... and requests are still served: queue a sync and follow it to the end.
  auto queued = Sync(R"({"model":"issues"})");
  ASSERT_EQ(queued.status, 202) << queued.body;
  std::string job(EnvelopeData(queued).at("id").as_string());
  auto followed = server_->Call("GET", "/api/jobs/" + job + "/events", key_, "", "", {"Accept: text/event-stream"});
  ASSERT_EQ(followed.status, 200) << followed.body;
  auto events = ParseSse(followed.body);
  ASSERT_GE(events.size(), 3u) << followed.body;
  EXPECT_EQ(events.front().type, "job.snapshot");
  EXPECT_EQ(events.back().type, "job.finished");
  EXPECT_EQ(events.back().data.at("status"), "succeeded");
  std::int64_t last_pages = 0;
  std::string started_id;
  for (const auto& e : events) {
    if (started_id.empty() && !e.id.empty()) started_id = e.id;  // the first event with an id
    if (e.type != "job.progress") continue;
    std::int64_t pages = e.data.at("counts").at("pages").to_number<std::int64_t>();
    EXPECT_GE(pages, last_pages) << "real, growing page counts";
    last_pages = pages;
  }
  EXPECT_GT(last_pages, 0) << followed.body;
  EXPECT_EQ(events.back().data.at("counts").at("fetched").to_number<std::int64_t>(), 1001);

  // Every open tenant stream saw the job's events.
  for (auto& f : open) {
    std::string body = f.get();
    EXPECT_NE(body.find("text/event-stream"), std::string::npos) << body.substr(0, 300);
    EXPECT_NE(body.find("event: job.finished"), std::string::npos) << body.substr(0, 300);
  }

  // Reconnecting with Last-Event-ID replays what came after it, and only that.
  ASSERT_FALSE(started_id.empty()) << followed.body;
  std::string resumed = testing::RawExchange(port, stream_request("/api/events", started_id), 800);
  EXPECT_EQ(resumed.find("id: " + started_id + "\n"), std::string::npos) << "only events after it";
  EXPECT_EQ(resumed.find("event: job.queued"), std::string::npos);
  EXPECT_NE(resumed.find("event: job.finished"), std::string::npos) << resumed.substr(0, 500);
  EXPECT_EQ(server_->Call("GET", "/api/events", key_, "", "", {"Last-Event-ID: x1"}).status, 400);
  // Without Accept: text/event-stream, the retained events as JSON (polling; never hangs).
  auto polled = server_->Call("GET", "/api/events", key_, "", "", {"Last-Event-ID: " + started_id});
  ASSERT_EQ(polled.status, 200) << polled.body;
  auto polled_items = EnvelopeData(polled).at("items").as_array();
  ASSERT_FALSE(polled_items.empty());
  EXPECT_EQ(polled_items.back().at("type"), "job.finished");

  // The original's documentation route.
  auto docs = server_->Get("/ws/docs");
  ASSERT_EQ(docs.status, 200);
  EXPECT_NE(docs.body.find("job.progress"), std::string::npos);
}

}  // namespace
}  // namespace ucf
