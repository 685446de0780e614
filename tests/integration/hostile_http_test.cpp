// Hostile HTTP against the real server (issue 14 §3): request smuggling (CL+TE, duplicate
// Content-Length, obs-fold), slowloris on headers and on bodies, CRLF in every echoed value,
// invalid UTF-8 and overlong encodings in paths and JSON, deep JSON, many small requests pipelined.
// The server answers 4xx or closes — never a 5xx, never a second answer smuggled in a body, never a
// header made from request bytes — and keeps serving well-behaved clients at their normal latency.
// (1 MiB values in every field of every route: fuzz_test.cpp, HugeValuesTest.)

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/test_server.hpp"
#include "tests/support/raw_http.hpp"

namespace ucf {
namespace {

using testing::TestServer;
using Clock = std::chrono::steady_clock;

constexpr char kAdmin[] = "admin-token-for-hostile-http-0123456789";

// A client socket the test drives byte by byte.
class RawClient {
 public:
  explicit RawClient(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawClient() { close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }
  bool Send(std::string_view bytes) {
    return send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  // Reads what is there within `timeout_ms`; sets closed() when the server closed the connection.
  std::string Read(int timeout_ms) {
    std::string out;
    char buf[8192];
    pollfd p{fd_, POLLIN, 0};
    while (poll(&p, 1, timeout_ms) > 0) {
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<size_t>(n));
      timeout_ms = 50;
    }
    return out;
  }
  bool closed() const { return closed_; }

 private:
  int fd_;
  bool connected_ = false;
  bool closed_ = false;
};

// The status codes of every response in `reply`, in order.
std::vector<int> Statuses(const std::string& reply) {
  std::vector<int> out;
  for (size_t at = reply.find("HTTP/1.1 "); at != std::string::npos;
       at = reply.find("HTTP/1.1 ", at + 1)) {
    if (at != 0 && reply.compare(at - 2, 2, "\r\n") != 0 && reply[at - 1] != '}') continue;
    if (at + 12 <= reply.size()) out.push_back(std::stoi(reply.substr(at + 9, 3)));
  }
  return out;
}

// The header lines of every response in `reply` (status lines included), lower-cased.
std::vector<std::string> HeaderLines(const std::string& reply) {
  std::vector<std::string> lines;
  size_t at = 0;
  while ((at = reply.find("HTTP/1.1 ", at)) != std::string::npos) {
    size_t end = reply.find("\r\n\r\n", at);
    if (end == std::string::npos) end = reply.size();
    size_t line = at;
    while (line < end) {
      size_t eol = reply.find("\r\n", line);
      if (eol == std::string::npos || eol > end) eol = end;
      std::string l = reply.substr(line, eol - line);
      std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
      lines.push_back(l);
      line = eol + 2;
    }
    at = end;
  }
  return lines;
}

class HostileHttpTest : public ::testing::Test {
 protected:
  HostileHttpTest()
      : server_({{"UCF_ADMIN_TOKEN", kAdmin},
                 {"UCF_HEADER_TIMEOUT_MS", "1500"},
                 {"UCF_AUTH_MAX_FAILURES", "1000000"}}) {}

  void SetUp() override {
    ASSERT_EQ(server_.Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
    auto key = server_.Call("POST", "/api/api-keys", kAdmin, R"({"name":"hostile"})", "acme");
    ASSERT_EQ(key.status, 201) << key.body;
    key_ = std::string(testing::EnvelopeData(key)["key"].as_string());
  }

  int port() { return server_.app().port(); }

  std::string Exchange(const std::string& bytes, int timeout_ms = 3000) {
    return testing::RawExchange(port(), bytes, timeout_ms, /*half_close=*/true);
  }

  // Median latency of `n` authenticated GET /api/connections from a well-behaved client.
  double MedianMillis(int n) {
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
      auto start = Clock::now();
      auto r = server_.Call("GET", "/api/connections?limit=5", key_);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      EXPECT_EQ(r.status, 200) << r.body;
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
  }

  void ExpectAlive() { ASSERT_EQ(server_.Get("/healthz").status, 200); }

  TestServer server_;
  std::string key_;
};

TEST_F(HostileHttpTest, SmuggledRequestsAreRefusedAndNeverAnswered) {
  // Each carries a second request ("GET /api/tenants", admin) hidden where a front proxy reading
  // the framing the other way would see it: it must never be answered (tenants would be 200).
  const std::string hidden = std::string("GET /api/tenants HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ") +
                             kAdmin + "\r\n\r\n";
  const std::string chunk0 = "0\r\n\r\n";
  struct Case {
    const char* name;
    std::string bytes;
  } cases[] = {
      {"CL+TE", "POST /api/connections HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                    std::to_string(chunk0.size() + hidden.size()) +
                    "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk0 + hidden},
      {"TE+CL", "POST /api/connections HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                "Content-Length: 4\r\n\r\n" + chunk0 + hidden},
      {"duplicate CL", "POST /api/connections HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: " +
                           std::to_string(hidden.size()) + "\r\n\r\n" + hidden},
      {"CL list", "POST /api/connections HTTP/1.1\r\nHost: x\r\nContent-Length: 0, " +
                      std::to_string(hidden.size()) + "\r\n\r\n" + hidden},
      {"TE not chunked last", "POST /api/connections HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n" +
                                  chunk0 + hidden},
      {"TE obs-fold", "POST /api/connections HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n chunked\r\n"
                      "Content-Length: 5\r\n\r\n" + chunk0 + hidden},
      {"bare LF", "POST /api/connections HTTP/1.1\nHost: x\nContent-Length: 5\n\n" + chunk0 + hidden},
  };
  // obs-fold in an ordinary header: refused, or (RFC 9112 §5.2) the fold read as one space — the
  // folded line never becomes a header or a request of its own.
  std::string folded = Exchange("GET /api/connections HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\n " +
                                key_ + "\r\nX-Request-Id: a\r\n b\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(Statuses(folded).size(), 1u) << folded;
  EXPECT_TRUE(Statuses(folded)[0] == 200 || (Statuses(folded)[0] >= 400 && Statuses(folded)[0] < 500)) << folded;
  for (const std::string& line : HeaderLines(folded)) EXPECT_NE(line, "b") << folded;
  for (const Case& c : cases) {
    std::string reply = Exchange(c.bytes);
    std::vector<int> statuses = Statuses(reply);
    ASSERT_LE(statuses.size(), 1u) << c.name << ": answered a smuggled request:\n" << reply;
    for (int s : statuses) EXPECT_TRUE(s >= 400 && s < 500) << c.name << ": " << reply;
    ExpectAlive();
  }
}

TEST_F(HostileHttpTest, SlowlorisOnHeadersAndBodiesIsCutOffAndOthersAreServed) {
  double before = MedianMillis(10);
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 40; ++i) {
    auto c = std::make_unique<RawClient>(port());
    ASSERT_TRUE(c->connected());
    if (i % 2 == 0) {
      c->Send("GET /api/connections HTTP/1.1\r\nHost: x\r\n");  // headers never finished
    } else {
      c->Send("POST /api/connections HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key_ +
              "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");  // body trickles
    }
    slow.push_back(std::move(c));
  }
  // Trickle one byte per connection every 100 ms for 4 s (past the 1.5 s header timeout), while a
  // well-behaved client is served.
  std::vector<double> during;
  auto start = Clock::now();
  while (Clock::now() - start < std::chrono::seconds(4)) {
    for (auto& c : slow) c->Send("a");
    auto t = Clock::now();
    EXPECT_EQ(server_.Call("GET", "/api/connections?limit=5", key_).status, 200);
    during.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::sort(during.begin(), during.end());
  double median = during[during.size() / 2];
  EXPECT_LT(median, std::max(10 * before, 200.0)) << "before " << before << " ms";
  int cut = 0;
  for (auto& c : slow) {
    std::string reply = c->Read(2000);
    if (c->closed()) ++cut;
    for (int s : Statuses(reply)) EXPECT_TRUE(s >= 400 && s < 500) << reply;
  }
  EXPECT_EQ(cut, 40) << "slow connections still open after the header timeout";
}

TEST_F(HostileHttpTest, CrlfNeverReachesAResponseHeader) {
  // Every value the server echoes: the request id, the CORS origin, the path and query (errors,
  // Location), a JSON field (echoed in bodies only). Encoded and raw CR/LF alike.
  const std::string inject = "X-Injected: yes";
  const std::vector<std::string> requests = {
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc%0d%0a" + inject + "\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc\r" + inject + "\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc\n" + inject + "\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nOrigin: http://a.example%0d%0a" + inject + "\r\n\r\n",
      "OPTIONS /api/connections HTTP/1.1\r\nHost: x\r\nOrigin: http://a.example\r\n"
      "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: x%0d%0a" + inject + "\r\n\r\n",
      "GET /api/%0d%0a" + std::string("X-Injected:%20yes") + " HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /api/connections?limit=%0d%0aX-Injected:%20yes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
          key_ + "\r\n\r\n",
      "GET /api/connectors/jira%0d%0aX-Injected:%20yes/items HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
          key_ + "\r\n\r\n",
      "GET /api/oauth/callback?state=a%0d%0aX-Injected:%20yes&code=b HTTP/1.1\r\nHost: x\r\n\r\n",
  };
  for (const std::string& request : requests) {
    std::string reply = Exchange(request);
    for (const std::string& line : HeaderLines(reply)) {
      EXPECT_EQ(line.find("x-injected"), std::string::npos) << request << "\n--- got ---\n" << reply;
    }
    for (int s : Statuses(reply)) EXPECT_LT(s, 500) << request << "\n" << reply;
  }
  ExpectAlive();
}

TEST_F(HostileHttpTest, InvalidUtf8AndOverlongEncodingsAreRefusedOrHarmless) {
  const std::vector<std::string> paths = {
      "/api/connections/%C0%AF",         "/api/connections/%C0%AE%C0%AE%2F",
      "/api/connections/%ED%A0%80",      "/api/connections/%FF%FE",
      "/api/connectors/%E0%80%AF/items", "/api/connections/%F4%90%80%80/items/%C1%BF",
      "/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd",
  };
  for (const std::string& path : paths) {
    auto r = server_.Call("GET", path, key_);
    EXPECT_GE(r.status, 400) << path << " " << r.body;
    EXPECT_LT(r.status, 500) << path << " " << r.body;
    // The answer is valid JSON (so valid UTF-8) whatever bytes the path held.
    EXPECT_NO_THROW(testing::EnvelopeErrorCode(r)) << path << " " << r.body;
  }
  const std::vector<std::string> bodies = {
      "{\"connectorId\":\"jira\",\"name\":\"\xC0\xAF\",\"config\":{\"base_url\":\"https://a.example\"}}",
      "{\"connectorId\":\"jira\",\"name\":\"\xED\xA0\x80\",\"config\":{\"base_url\":\"https://a.example\"}}",
      "{\"connectorId\":\"jira\",\"name\":\"a\xFF\",\"config\":{\"base_url\":\"https://a.example\"}}",
      "{\"connectorId\":\"jira\",\"name\":\"\\ud800\",\"config\":{\"base_url\":\"https://a.example\"}}",
      "{\"connectorId\":\"jira\",\"name\":\"\\u0000\\u001b[31m\",\"config\":{\"base_url\":\"https://a.example\"}}",
      "{\"connectorId\":\"ji\xC0\xAA\",\"name\":\"n\",\"config\":{}}",
  };
  for (const std::string& body : bodies) {
    auto r = server_.Call("POST", "/api/connections", key_, body);
    EXPECT_LT(r.status, 500) << body << " " << r.body;
    if (r.status >= 400) {
      EXPECT_NO_THROW(testing::EnvelopeErrorCode(r)) << r.body;
    }
  }
  // Raw invalid bytes on the wire are refused as malformed JSON.
  auto raw = server_.Call("POST", "/api/connections", key_, bodies[0]);
  EXPECT_EQ(raw.status, 400) << raw.body;
  ExpectAlive();
}

TEST_F(HostileHttpTest, DeepJsonIsRefusedQuickly) {
  for (const std::string& open : {std::string("["), std::string("{\"a\":")}) {
    std::string body = "{\"connectorId\":\"jira\",\"name\":\"d\",\"config\":";
    for (int i = 0; i < 100'000; ++i) body += open;
    auto start = Clock::now();
    auto r = server_.Call("POST", "/api/connections", key_, body);
    auto took = std::chrono::duration<double>(Clock::now() - start).count();
    EXPECT_EQ(r.status, 400) << r.body.substr(0, 300);
    EXPECT_LT(took, 5.0);
  }
  ExpectAlive();
}

TEST_F(HostileHttpTest, ManyPipelinedRequestsAreAllAnsweredInOrder) {
  constexpr int kCount = 300;
  std::string bytes;
  for (int i = 0; i < kCount; ++i) {
    bytes += "GET /api/connections/c-" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
             key_ + "\r\nX-Request-Id: pipelined-" + std::to_string(i) + "\r\n" +
             (i + 1 == kCount ? "Connection: close\r\n" : "") + "\r\n";
  }
  std::string reply = testing::RawExchange(port(), bytes, 15000);
  std::vector<int> statuses = Statuses(reply);
  ASSERT_EQ(statuses.size(), static_cast<size_t>(kCount));
  for (int s : statuses) EXPECT_EQ(s, 404);
  // In order: the n-th answer carries the n-th request id.
  size_t at = 0;
  for (int i = 0; i < kCount; ++i) {
    size_t found = reply.find("X-Request-Id: pipelined-" + std::to_string(i) + "\r\n", at);
    ASSERT_NE(found, std::string::npos) << i;
    at = found;
  }

  // A pipelined flood on several connections does not slow a well-behaved client much.
  double before = MedianMillis(10);
  std::vector<std::thread> flood;
  for (int t = 0; t < 4; ++t) {
    flood.emplace_back([&] { testing::RawExchange(port(), bytes, 15000); });
  }
  double during = MedianMillis(10);
  for (auto& t : flood) t.join();
  EXPECT_LT(during, std::max(10 * before, 250.0)) << "before " << before << " ms";
  ExpectAlive();
}

}  // namespace
}  // namespace ucf
