// Fault injection upstream (issue 14 §4): a fake Jira on a raw socket answers healthily from the
// connector's recorded test data until told to fail every matching call with a 429 (with and
// without Retry-After), a 500/502/503, a truncated body, a wrong content type, invalid JSON, a
// stall longer than the upstream timeout, a reset mid-body or a redirect elsewhere. Every Jira
// connector operation the API offers answers the right envelope: 429 rate_limited, or a 502/503/504
// whose message names the provider; never a 500, never a hang. A sync whose second page fails
// stores nothing half-way and, once the provider recovers, finishes with every issue exactly once.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"

namespace ucf {
namespace {

using testing::TestResponse;
using testing::TestServer;

enum class Fault {
  kNone, k429, k429RetryAfter, k500, k502, k503, kTruncated, kWrongType, kInvalidJson, kStall,
  kReset, kRedirect,
};

const char* FaultName(Fault f) {
  static const char* names[] = {"none", "429", "429+Retry-After", "500", "502", "503", "truncated",
                                "wrong content type", "invalid JSON", "stall", "reset mid-body",
                                "redirect"};
  return names[static_cast<int>(f)];
}

std::string TestData(const std::string& name) {
  std::ifstream in(std::string(UCF_SOURCE_DIR) + "/src/ucf/connectors/jira/testdata/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The fake Jira: one thread per connection, one request per connection (Connection: close).
class FaultyJira {
 public:
  FaultyJira() {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(listener_, 64);
    socklen_t len = sizeof addr;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { Accept(); });
  }
  ~FaultyJira() {
    stop_ = true;
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    acceptor_.join();
    std::lock_guard lock(mu_);
    for (auto& t : workers_) t.join();
  }

  int port() const { return port_; }
  // Every request whose line, headers or body contains `match` ("" = all) gets `fault`.
  void Set(Fault fault, std::string match = "") {
    std::lock_guard lock(mu_);
    fault_ = fault;
    match_ = std::move(match);
  }
  int faults_served() const { return faults_served_.load(); }

 private:
  void Accept() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      int fd = accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      std::lock_guard lock(mu_);
      workers_.emplace_back([this, fd] { Serve(fd); close(fd); });
    }
  }

  static void SendAll(int fd, const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  }

  static std::string Answer(int status, const std::string& reason, const std::string& body,
                            const std::string& extra = "", const std::string& type = "application/json") {
    return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: " + type +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n" + extra +
           "\r\n" + body;
  }

  // The recorded answer of the healthy provider.
  static std::string Healthy(const std::string& method, const std::string& target, const std::string& request) {
    std::string path = target.substr(0, target.find('?'));
    const std::string api = "/rest/api/3";
    if (path == api + "/myself") return Answer(200, "OK", TestData("myself.json"));
    if (path == api + "/project/search") return Answer(200, "OK", TestData("project_search_page3.json"));
    if (path == api + "/search/jql") {
      bool second = request.find("nextPageToken") != std::string::npos;
      return Answer(200, "OK", TestData(second ? "search_jql_page2.json" : "search_jql_page1.json"));
    }
    if (path == api + "/issue" && method == "POST") return Answer(201, "Created", TestData("create_issue.json"));
    if (path.starts_with(api + "/issue/") && path.ends_with("/comment")) {
      return method == "POST" ? Answer(201, "Created", TestData("create_comment.json"))
                              : Answer(200, "OK", TestData("comments_page2.json"));
    }
    if (path.starts_with(api + "/issue/")) return Answer(200, "OK", TestData("issue_get.json"));
    return Answer(404, "Not Found", R"({"errorMessages":["no such resource"]})");
  }

  void Serve(int fd) {
    std::string request;
    char buf[8192];
    size_t head_end = std::string::npos;
    size_t want = 0;
    while (true) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 5000) <= 0) return;
      ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return;
      request.append(buf, static_cast<size_t>(n));
      if (head_end == std::string::npos && (head_end = request.find("\r\n\r\n")) != std::string::npos) {
        std::string lower = request.substr(0, head_end);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        size_t cl = lower.find("content-length:");
        want = head_end + 4 + (cl == std::string::npos ? 0 : std::stoul(lower.substr(cl + 15)));
      }
      if (head_end != std::string::npos && request.size() >= want) break;
    }
    std::string method = request.substr(0, request.find(' '));
    size_t t0 = request.find(' ') + 1;
    std::string target = request.substr(t0, request.find(' ', t0) - t0);
    Fault fault;
    {
      std::lock_guard lock(mu_);
      fault = match_.empty() || request.find(match_) != std::string::npos ? fault_ : Fault::kNone;
    }
    if (fault != Fault::kNone) faults_served_.fetch_add(1);
    const std::string error = R"({"errorMessages":["upstream trouble"]})";
    switch (fault) {
      case Fault::kNone:
        return SendAll(fd, Healthy(method, target, request));
      case Fault::k429:
        return SendAll(fd, Answer(429, "Too Many Requests", error));
      case Fault::k429RetryAfter:
        return SendAll(fd, Answer(429, "Too Many Requests", error, "Retry-After: 1\r\n"));
      case Fault::k500:
        return SendAll(fd, Answer(500, "Internal Server Error", error));
      case Fault::k502:
        return SendAll(fd, Answer(502, "Bad Gateway", "<html>bad gateway</html>", "", "text/html"));
      case Fault::k503:
        return SendAll(fd, Answer(503, "Service Unavailable", error));
      case Fault::kTruncated: {
        std::string whole = Healthy(method, target, request);
        std::string head = whole.substr(0, whole.find("\r\n\r\n") + 4);
        std::string body = whole.substr(head.size());
        return SendAll(fd, head + body.substr(0, body.size() / 2));  // then close: short of Content-Length
      }
      case Fault::kWrongType:
        return SendAll(fd, Answer(200, "OK", "<html><body>Log in to Atlassian</body></html>", "", "text/html"));
      case Fault::kInvalidJson:
        return SendAll(fd, Answer(200, "OK", R"({"issues":[{"id":"1","key":)"));
      case Fault::kStall:
        for (int i = 0; i < 300 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return SendAll(fd, Healthy(method, target, request));
      case Fault::kReset: {
        std::string whole = Healthy(method, target, request);
        SendAll(fd, whole.substr(0, whole.size() - 10));
        linger reset{1, 0};  // close with RST
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        return;
      }
      case Fault::kRedirect:
        return SendAll(fd, Answer(302, "Found", "", "Location: http://127.0.0.1:9/elsewhere\r\n"));
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> faults_served_{0};
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<std::thread> workers_;  // guarded by mu_
  Fault fault_ = Fault::kNone;        // guarded by mu_
  std::string match_;                 // guarded by mu_
};

constexpr char kAdmin[] = "admin-token-for-upstream-faults-0123";

class UpstreamFaultsTest : public ::testing::Test {
 protected:
  UpstreamFaultsTest()
      : server_({{"UCF_ADMIN_TOKEN", kAdmin},
                 {"UCF_ALLOW_PRIVATE_UPSTREAMS", "true"},
                 {"UCF_UPSTREAM_TIMEOUT_MS", "1500"},
                 {"UCF_UPSTREAM_CHECK_TIMEOUT_MS", "1500"}}) {}

  void SetUp() override {
    ASSERT_EQ(server_.Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
    auto key = server_.Call("POST", "/api/api-keys", kAdmin, R"({"name":"faults"})", "acme");
    ASSERT_EQ(key.status, 201) << key.body;
    key_ = std::string(testing::EnvelopeData(key)["key"].as_string());
    auto connected = server_.Call("POST", "/api/connectors/jira/connect/callback", key_,
                                  R"({"baseUrl":"http://localhost:)" + std::to_string(jira_.port()) +
                                      R"(","email":"ops@acme.test","apiKey":"token","name":"main"})");
    ASSERT_EQ(connected.status, 200) << connected.body;
    connection_ = std::string(testing::EnvelopeData(connected)["connectionId"].as_string());
  }

  struct Operation {
    std::string method, path, body;
  };
  std::vector<Operation> Operations() const {
    const std::string c = "/api/connections/" + connection_;
    return {
        {"GET", c + "/containers", ""},
        {"GET", c + "/items?containerId=10000", ""},
        {"GET", c + "/items/EX-2", ""},
        {"GET", c + "/items/EX-2/comments", ""},
        {"POST", c + "/items", R"({"containerId":"10000","title":"t","body":"b"})"},
        {"POST", c + "/items/EX-2/comments", R"({"text":"hi"})"},
        {"POST", c + "/validate", ""},
    };
  }

  TestResponse Call(const Operation& op) { return server_.Call(op.method, op.path, key_, op.body); }

  boost::json::object Job(const std::string& id) {
    return testing::EnvelopeData(server_.Call("GET", "/api/jobs/" + id, key_));
  }

  std::multiset<std::string> StoredIssues() {
    std::multiset<std::string> seen;
    auto feed = server_.Call("GET", "/api/connections/" + connection_ + "/records?model=issues&limit=200", key_);
    EXPECT_EQ(feed.status, 200) << feed.body;
    if (feed.status != 200) return seen;
    boost::json::object data = testing::EnvelopeData(feed);
    for (const auto& r : data["items"].as_array()) {
      seen.insert(std::string(r.at("externalId").as_string()));
    }
    return seen;
  }

  FaultyJira jira_;
  TestServer server_;
  std::string key_;
  std::string connection_;
};

TEST_F(UpstreamFaultsTest, EveryOperationAnswersTheRightEnvelopeForEveryFault) {
  for (const Operation& op : Operations()) {  // the baseline: all healthy
    auto r = Call(op);
    ASSERT_LT(r.status, 300) << op.method << " " << op.path << " " << r.body;
  }
  for (Fault fault : {Fault::k429, Fault::k429RetryAfter, Fault::k500, Fault::k502, Fault::k503,
                      Fault::kTruncated, Fault::kWrongType, Fault::kInvalidJson, Fault::kStall,
                      Fault::kReset, Fault::kRedirect}) {
    jira_.Set(fault);
    for (const Operation& op : Operations()) {
      auto start = std::chrono::steady_clock::now();
      auto r = Call(op);
      double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::string what = std::string(FaultName(fault)) + ": " + op.method + " " + op.path + " -> " +
                         std::to_string(r.status) + " " + r.body;
      EXPECT_LT(took, 15.0) << what;
      // validate included: a provider that is rate-limited or down says nothing about the
      // credentials, so the check answers the provider's failure, never 200 {"valid": false}.
      if (fault == Fault::k429 || fault == Fault::k429RetryAfter) {
        EXPECT_EQ(r.status, 429) << what;
        if (r.status == 429) {
          EXPECT_EQ(testing::EnvelopeErrorCode(r), "rate_limited") << what;
        }
        continue;
      }
      EXPECT_TRUE(r.status == 502 || r.status == 503 || r.status == 504) << what;
      if (r.status >= 400) {
        std::string message = r.body;
        std::transform(message.begin(), message.end(), message.begin(), [](unsigned char ch) { return std::tolower(ch); });
        EXPECT_NE(message.find("jira"), std::string::npos) << "the provider is not named: " << what;
      }
      if (fault == Fault::kStall) {
        EXPECT_EQ(r.status, 504) << what;
      }
    }
  }
  jira_.Set(Fault::kNone);
  for (const Operation& op : Operations()) EXPECT_LT(Call(op).status, 300) << op.path;
  // None of the failed checks counted against the credentials: still connected, and valid.
  auto valid = server_.Call("POST", "/api/connections/" + connection_ + "/validate", key_);
  ASSERT_EQ(valid.status, 200) << valid.body;
  EXPECT_EQ(testing::EnvelopeData(valid)["valid"], true) << valid.body;
  EXPECT_EQ(testing::EnvelopeData(valid)["connection"].as_object()["status"], "connected") << valid.body;
  EXPECT_TRUE(StoredIssues().empty()) << "browse and writes never store records";
}

TEST_F(UpstreamFaultsTest, ASyncWhoseSecondPageFailsStoresNothingHalfWayAndResumesLosingNothing) {
  for (Fault fault : {Fault::k503, Fault::kTruncated, Fault::kReset}) {
    jira_.Set(fault, "nextPageToken");  // the first page is served, the second fails
    auto queued = server_.Call("POST", "/api/connections/" + connection_ + "/sync", key_, R"({"model":"issues"})");
    ASSERT_EQ(queued.status, 202) << queued.body;
    std::string job(testing::EnvelopeData(queued)["id"].as_string());
    // Let the sync meet the fault (and any retries it makes) for a while.
    for (int i = 0; i < 100 && jira_.faults_served() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_GT(jira_.faults_served(), 0) << FaultName(fault);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    boost::json::object state = Job(job);
    // Nothing stored half-way: whatever is stored is whole (each issue at most once).
    auto partial = StoredIssues();
    EXPECT_EQ(std::set<std::string>(partial.begin(), partial.end()).size(), partial.size());

    jira_.Set(Fault::kNone);
    std::string status = std::string(state["status"].as_string());
    if (status == "failed" || status == "succeeded") {  // resume with a new run
      auto again = server_.Call("POST", "/api/connections/" + connection_ + "/sync", key_, R"({"model":"issues"})");
      ASSERT_EQ(again.status, 202) << again.body;
      job = std::string(testing::EnvelopeData(again)["id"].as_string());
    }
    for (int i = 0; i < 600; ++i) {
      state = Job(job);
      if (state["status"] != "queued" && state["status"] != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(state["status"], "succeeded") << FaultName(fault) << " " << boost::json::serialize(state);
    auto stored = StoredIssues();
    EXPECT_EQ(stored, (std::multiset<std::string>{"EX-2", "EX-3", "EX-4"}))
        << FaultName(fault) << ": every issue of both pages, each once";
  }
}

}  // namespace
}  // namespace ucf
