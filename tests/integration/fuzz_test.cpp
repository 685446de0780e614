// DESIGN §8 "no crash or hang under malformed HTTP, JSON and headers (fuzzed)": seeded mutations of
// valid requests, sent to the real server. Whatever arrives, the answer is a 4xx (or nothing, for
// bytes that are not a request at all), never a 5xx, and the server keeps serving. The seeds are
// fixed, so a failure reproduces; the failing input is printed.

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "boost/json/parse.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/raw_http.hpp"

namespace ucf {
namespace {

using testing::TestResponse;
using testing::TestServer;

constexpr char kAdmin[] = "admin-token-for-fuzzing-0123456789";

class FuzzTest : public ::testing::Test {
 protected:
  // The brute-force brake would answer most mutated-credential requests 429 before they reach
  // anything deeper; it has its own tests, so it is opened wide here.
  FuzzTest()
      : server_(std::map<std::string, std::string>{{"UCF_ADMIN_TOKEN", kAdmin},
                                                   {"UCF_AUTH_MAX_FAILURES", "1000000"}}) {}

  void SetUp() override {
    ASSERT_EQ(server_.Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status,
              201);
    auto key = server_.Call("POST", "/api/api-keys", kAdmin, R"({"name":"fuzz"})", "acme");
    ASSERT_EQ(key.status, 201) << key.body;
    key_ = std::string(testing::EnvelopeData(key)["key"].as_string());
    auto conn = server_.Call("POST", "/api/connections", key_,
                             R"({"connectorId":"jira","name":"main","config":{"base_url":"https://a.example"}})");
    ASSERT_EQ(conn.status, 200) << conn.body;  // upsert: 200 with created=true
    connection_id_ = std::string(testing::EnvelopeData(conn)["id"].as_string());
  }

  void ExpectAlive(const std::string& after) {
    auto health = server_.Get("/healthz");
    ASSERT_EQ(health.status, 200) << "server stopped answering after: " << after;
  }

  TestServer server_;
  std::string key_;
  std::string connection_id_;
};

// One random edit of `s`: flip, delete, duplicate or insert bytes (CR, LF, NUL, 0xff and other
// separators are likely), or truncate.
std::string Mutate(std::string s, std::mt19937& rng) {
  static const std::string kSpecial = std::string("\r\n\0\xff:{}[]\",\\ %=&?#", 20);
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n)(rng); };
  int edits = 1 + static_cast<int>(pick(3));
  for (int e = 0; e < edits && !s.empty(); ++e) {
    std::size_t at = pick(s.size() - 1);
    switch (pick(5)) {
      case 0:
        s[at] = static_cast<char>(s[at] ^ (1 << pick(7)));
        break;
      case 1:
        s.erase(at, pick(std::min<std::size_t>(16, s.size() - at)));
        break;
      case 2:
        s.insert(at, s.substr(at, pick(std::min<std::size_t>(32, s.size() - at))));
        break;
      case 3:
        s.insert(at, 1, kSpecial[pick(kSpecial.size() - 1)]);
        break;
      case 4:
        s.insert(at, std::string(pick(4) * 1000, static_cast<char>('a' + pick(25))));
        break;
      default:
        s.resize(at);
        break;
    }
  }
  return s;
}

// The status of a raw HTTP answer, 0 when there is none, -1 when the bytes are not HTTP/1.1.
int StatusOf(const std::string& reply) {
  if (reply.empty()) return 0;
  if (reply.rfind("HTTP/1.1 ", 0) != 0 || reply.size() < 12) return -1;
  return std::stoi(reply.substr(9, 3));
}

TEST_F(FuzzTest, MalformedHttpGetsA4xxOrNothingAndNeverStopsTheServer) {
  const std::string body = R"({"connectorId":"jira","name":"fuzzed","config":{"base_url":"https://b.example"}})";
  const std::vector<std::string> seeds = {
      "GET /api/connections?limit=5&status=connected HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
          key_ + "\r\nX-Request-Id: abc\r\nConnection: close\r\n\r\n",
      "POST /api/connections HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key_ +
          "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\nConnection: close\r\n\r\n" + body,
      "POST /api/connections HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key_ +
          "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + "10\r\n" + body.substr(0, 16) +
          "\r\n0\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nOrigin: http://evil.example\r\nX-Tenant-Id: acme\r\n\r\n",
  };
  std::mt19937 rng(20261126);
  int answered = 0;
  for (int i = 0; i < 600; ++i) {
    const std::string& seed = seeds[static_cast<std::size_t>(i) % seeds.size()];
    std::string request = Mutate(seed, rng);
    std::string reply = testing::RawExchange(server_.app().port(), request, 1000, /*half_close=*/true);
    int status = StatusOf(reply);
    ASSERT_NE(status, -1) << "not an HTTP answer to: " << ::testing::PrintToString(request);
    ASSERT_LT(status, 500) << ::testing::PrintToString(request) << "\n→ " << reply.substr(0, 300);
    if (status > 0) ++answered;
    if (i % 100 == 99) ExpectAlive(request);
  }
  // Most mutations still reach the parser far enough to be answered (400, 401, 404, 413, 431 …).
  EXPECT_GT(answered, 300);
  ExpectAlive("the last request");
}

// Random JSON: the values a client could send in place of the expected ones.
std::string RandomJsonValue(std::mt19937& rng, int depth = 0) {
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n)(rng); };
  switch (pick(depth > 2 ? 8 : 11)) {
    case 0: return "null";
    case 1: return "true";
    case 2: return "-1";
    case 3: return "1e309";
    case 4: return "9223372036854775808";
    case 5: return "\"\"";
    case 6: return "\"" + std::string(static_cast<std::size_t>(pick(3)) * 40000, 'x') + "\"";
    case 7: return R"("\u0000\ud800 é 漢 \"quoted\" </script>")";
    case 8: return R"("ghp_notarealtoken0123456789 https://127.0.0.1:1/x")";
    case 9: return "[" + RandomJsonValue(rng, depth + 1) + "," + RandomJsonValue(rng, depth + 1) + "]";
    case 10: return std::string(static_cast<std::size_t>(100 + pick(5000)), '[');
    default: return "{\"k\":" + RandomJsonValue(rng, depth + 1) + "}";
  }
}

TEST_F(FuzzTest, MalformedJsonBodiesGet4xxEnvelopesNeverA5xx) {
  struct Target {
    std::string method, path, auth, tenant;
    std::vector<std::string> fields;  // the fields its valid body has
  };
  const std::string c = "/api/connections/" + connection_id_;
  const std::vector<Target> targets = {
      {"POST", "/api/connections", key_, "", {"connectorId", "name", "authMethod", "config"}},
      {"PATCH", c, key_, "", {"name", "status", "config", "metadata"}},
      {"POST", c + "/sync-state", key_, "", {"cursor", "model"}},
      {"POST", "/api/connections/token", key_, "", {"connectionId", "accessToken", "refreshToken", "expiresAt"}},
      {"PATCH", "/api/connectors/jira", key_, "", {"extraDetails", "oauthClientId", "oauthClientSecret", "scopes"}},
      {"POST", "/api/connectors/jira/connect", key_, "", {"method", "name", "redirectUri", "scopes", "site"}},
      {"POST", "/api/connectors/jira/validate", key_, "", {"config", "workspaceId"}},
      {"POST", "/api/api-keys", key_, "", {"name"}},
      {"POST", "/api/tenants", kAdmin, "", {"id", "name"}},
  };
  std::mt19937 rng(42);
  for (int i = 0; i < 450; ++i) {
    const Target& t = targets[static_cast<std::size_t>(i) % targets.size()];
    std::string body;
    switch (i % 3) {
      case 0:  // the right keys with random values
      case 1: {
        body = "{";
        for (const std::string& f : t.fields) {
          if (rng() % 3 == 0) continue;
          if (body.size() > 1) body += ",";
          body += "\"" + f + "\":" + RandomJsonValue(rng);
        }
        body += "}";
        break;
      }
      default:  // not JSON, or JSON of the wrong shape
        body = Mutate(RandomJsonValue(rng), rng);
        break;
    }
    TestResponse r = server_.Call(t.method, t.path, t.auth, body, t.tenant);
    std::string where = t.method + " " + t.path + " " + body.substr(0, 200);
    ASSERT_GT(r.status, 0) << "no answer: " << where;
    ASSERT_LT(r.status, 500) << where << "\n→ " << r.body.substr(0, 300);
    boost::system::error_code ec;
    boost::json::value envelope = boost::json::parse(r.body, ec);
    ASSERT_FALSE(ec) << "not JSON: " << where << "\n→ " << r.body.substr(0, 200);
    ASSERT_TRUE(envelope.is_object() && envelope.as_object().contains("ok")) << where;
    if (r.status >= 400) {
      EXPECT_FALSE(envelope.at("error").at("message").as_string().empty()) << where;
    }
    if (i % 90 == 89) ExpectAlive(where);
  }
  // The connection the bodies aimed at is still there and still readable.
  EXPECT_EQ(server_.Call("GET", c, key_).status, 200);
}

}  // namespace
}  // namespace ucf
