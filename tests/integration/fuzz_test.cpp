// DESIGN §8 "no crash or hang under malformed HTTP, JSON and headers (fuzzed)": seeded mutations of
// valid requests, sent to the real server. Whatever arrives, the answer is a 4xx (or nothing, for
// bytes that are not a request at all), never a 5xx, and the server keeps serving. The seeds are
// fixed, so a failure reproduces; the failing input is printed. HugeValuesTest sends 1 MiB values
// to every body field, query and path parameter of every route the OpenAPI document lists.
// Under ASan: configure with -DUCF_SANITIZE=ON and run this suite.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
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
  explicit FuzzTest(std::map<std::string, std::string> extra = {}) : server_(WithDefaults(std::move(extra))) {}

  static std::map<std::string, std::string> WithDefaults(std::map<std::string, std::string> vars) {
    vars.emplace("UCF_ADMIN_TOKEN", kAdmin);
    vars.emplace("UCF_AUTH_MAX_FAILURES", "1000000");
    return vars;
  }

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
  // Sized from the literal (it holds a NUL, so not by strlen); a fixed count once read past it.
  static constexpr char kChars[] = "\r\n\0\xff:{}[]\",\\ %=&?#";
  static const std::string kSpecial(kChars, sizeof kChars - 1);
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

// Issue #9 hole 2: huge values in every string field of every route. The server takes 4 MiB
// bodies and 1 MiB header blocks here, so 1 MiB values reach the handlers instead of stopping at
// 413/431; every answer must be a 4xx envelope and the server must keep serving.
class HugeValuesTest : public FuzzTest {
 protected:
  HugeValuesTest()
      : FuzzTest({{"UCF_MAX_BODY_BYTES", std::to_string(4 << 20)},
                  {"UCF_MAX_HEADER_BYTES", std::to_string(1 << 20)}}) {}

  struct Operation {
    std::string method, path, access;
    std::vector<std::string> body_fields, query_params;
  };

  // Every operation of the OpenAPI document (derived from THE route table), with the body fields
  // its summary lists in {…} and the query parameters it lists in (…).
  std::vector<Operation> Operations() {
    auto doc = boost::json::parse(server_.Get("/openapi.json").body).as_object();
    std::vector<Operation> ops;
    for (const auto& [path, methods] : doc.at("paths").as_object()) {
      for (const auto& [method, op] : methods.as_object()) {
        Operation o{ToUpper(std::string(method)), std::string(path),
                    std::string(op.at("x-ucf-access").as_string()), {}, {}};
        std::string summary(op.at("summary").as_string());
        o.body_fields = Words(summary, '{', '}');
        o.query_params = Words(summary, '(', ')');
        ops.push_back(std::move(o));
      }
    }
    return ops;
  }

  static std::string ToUpper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }

  // Identifiers between `open` and `close` (any depth), e.g. "{connectionId, reason}".
  static std::vector<std::string> Words(const std::string& text, char open, char close) {
    std::set<std::string> words;
    int depth = 0;
    std::string word;
    for (char c : text + " ") {
      bool ident = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
      if (depth > 0 && ident) {
        word += c;
        continue;
      }
      if (!word.empty() && !std::isdigit(static_cast<unsigned char>(word[0]))) words.insert(word);
      word.clear();
      if (c == open) ++depth;
      if (c == close && depth > 0) --depth;
    }
    return {words.begin(), words.end()};
  }

  // `path` with its parameters filled: this tenant's connection, the jira connector, else "x".
  std::string Concrete(const std::string& path, const std::string& huge_param = {},
                       const std::string& huge = {}) const {
    std::string out;
    for (std::size_t i = 0; i < path.size();) {
      if (path[i] != '{') {
        out += path[i++];
        continue;
      }
      std::size_t end = path.find('}', i);
      std::string name = path.substr(i + 1, end - i - 1);
      bool connection = name == "connectionId" || out.ends_with("/connections/");
      if (name == huge_param) {
        out += huge;
      } else if (connection) {
        out += connection_id_;
      } else if (out.ends_with("/connectors/") || name == "connector") {
        out += "jira";
      } else {
        out += "x";
      }
      i = end + 1;
    }
    return out;
  }

  std::string AuthFor(const Operation& op) const {
    return op.access == "admin" ? kAdmin : op.access == "tenant" ? key_ : "";
  }

  // A plausible value for a field that is not the one under test, so handlers get past it.
  std::string Plausible(const std::string& field) const {
    static const std::map<std::string, std::string> kValues = {
        {"connectorId", "jira"}, {"method", "api_key"}, {"type", "sync"}, {"model", "issue"},
        {"containerId", "PROJ"}, {"site", "a.example"}, {"id", "tenant-two"}};
    if (field == "connectionId") return connection_id_;
    auto it = kValues.find(field);
    return it == kValues.end() ? "x" : it->second;
  }

  // Sends one request; fails the test on a missing answer, a 5xx or a non-envelope.
  TestResponse Send(const Operation& op, const std::string& target, const std::string& body,
                    const std::string& what) {
    auto start = std::chrono::steady_clock::now();
    TestResponse r = server_.Call(op.method, target, AuthFor(op), body, op.access == "admin" ? "acme" : "");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_GT(r.status, 0) << "no answer (server gone?): " << what << " " << r.error;
    EXPECT_LT(r.status, 500) << what << "\n→ " << r.body.substr(0, 300);
    EXPECT_LT(seconds, 5.0) << what;
    if (r.status >= 400 && r.status != 431 && r.status != 413) {
      boost::system::error_code ec;
      auto env = boost::json::parse(r.body, ec);
      EXPECT_FALSE(ec) << what << "\n→ " << r.body.substr(0, 300);
    }
    return r;
  }

  // The field named by a 400 envelope, or "".
  static std::string NamedField(const TestResponse& r) {
    if (r.status != 400) return "";
    boost::system::error_code ec;
    auto env = boost::json::parse(r.body, ec);
    if (ec || !env.is_object()) return "";
    const auto* details = env.as_object().at("error").as_object().if_contains("details");
    if (details == nullptr || !details->is_object()) return "";
    const auto* field = details->as_object().if_contains("field");
    return field && field->is_string() ? std::string(field->as_string()) : "";
  }
};

TEST_F(HugeValuesTest, EveryStringFieldOfEveryRouteTakesAMebibyteWithoutA5xx) {
  const std::string mib(1 << 20, 'x');
  // A mebibyte that looks like text the scrubber works hardest on.
  std::string wordy;
  while (wordy.size() < (1u << 20)) wordy += "token eyJ password= Bearer http://a ";
  std::vector<Operation> ops = Operations();
  ASSERT_GT(ops.size(), 40u);
  std::set<std::string> named;  // "METHOD path field" answered 400 naming the huge field
  int body_fields = 0;
  for (const Operation& op : ops) {
    bool mutating = op.method == "POST" || op.method == "PATCH" || op.method == "PUT";
    if (mutating) {
      for (const std::string& field : op.body_fields) {
        ++body_fields;
        for (int variant = 0; variant < 4; ++variant) {
          boost::json::object body;
          if (variant % 2 == 1) {
            for (const std::string& other : op.body_fields) body[other] = Plausible(other);
          }
          if (variant < 2) {
            body[field] = variant == 0 ? mib : wordy;
          } else {
            body[field] = boost::json::object{{"k", mib}};  // object-typed fields: a huge member
          }
          std::string what = op.method + " " + op.path + " " + field + " variant " + std::to_string(variant);
          TestResponse r = Send(op, Concrete(op.path), boost::json::serialize(body), what);
          std::string got = NamedField(r);
          if (got == field || got.rfind(field + ".", 0) == 0) named.insert(op.method + " " + op.path + " " + field);
        }
      }
    }
    for (const std::string& param : op.query_params) {
      // Just below the header limit: the dispatcher refuses it naming the parameter.
      std::string target = Concrete(op.path) + "?" + param + "=" + std::string((1 << 20) - 8192, 'q');
      TestResponse r = Send(op, target, "", op.method + " " + op.path + " ?" + param);
      EXPECT_EQ(NamedField(r), param) << op.method << " " << op.path << " ?" << param << " → " << r.status;
      // Over the header limit (no HTTP client library sends such a URL): 431 from the server.
      std::string raw = op.method + " " + Concrete(op.path) + "?" + param + "=" + mib +
                        " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + AuthFor(op) +
                        "\r\nConnection: close\r\n\r\n";
      std::string reply = testing::RawExchange(server_.app().port(), raw, 5000, /*half_close=*/true);
      EXPECT_EQ(StatusOf(reply), 431) << op.method << " " << op.path << " ?" << param << " 1 MiB → "
                                      << reply.substr(0, 200);
    }
    if (op.path.find('{') != std::string::npos) {
      std::size_t open = op.path.find('{');
      std::string param = op.path.substr(open + 1, op.path.find('}', open) - open - 1);
      TestResponse r = Send(op, Concrete(op.path, param, std::string((1 << 20) - 8192, 'p')), "",
                            op.method + " " + op.path + " {" + param + "}");
      EXPECT_EQ(NamedField(r), param) << op.method << " " << op.path << " → " << r.status;
    }
    ExpectAlive(op.method + " " + op.path);
  }
  // The enumeration reached the handlers: the fields issue #9 names, and most others, were
  // refused by name.
  EXPECT_GT(body_fields, 60);
  for (const char* must : {"POST /api/connections/{id}/revoke reason", "POST /api/connections/revoke reason",
                           "POST /api/connectors/{id}/revoke reason", "POST /api/tenants name",
                           "POST /api/connections/{id}/items body", "POST /api/connections/{id}/items/{itemId}/comments text",
                           "PATCH /api/connections/{id} config", "POST /api/connectors/{id}/connect/callback apiKey",
                           "POST /api/connectors/{id}/webhooks filter"}) {
    EXPECT_TRUE(named.count(must)) << must;
  }
  EXPECT_GT(named.size(), 40u);
  // The connection the requests aimed at is still there and still readable.
  EXPECT_EQ(server_.Call("GET", "/api/connections/" + connection_id_, key_).status, 200);
}

// Issue #9 hole 2 as reported: a 200,000-character revocation reason ended the process (the
// scrubber's std::regex ran before any bound). Now: 400 naming `reason`, at once, and the server
// keeps serving.
TEST_F(FuzzTest, HugeRevocationReasonIsRefusedQuicklyAndTheServerKeepsServing) {
  std::string body = boost::json::serialize(boost::json::object{{"reason", std::string(200'000, 'r')}});
  auto start = std::chrono::steady_clock::now();
  TestResponse r = server_.Call("POST", "/api/connections/" + connection_id_ + "/revoke", key_, body);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.status, 400) << r.body.substr(0, 300);
  auto error = boost::json::parse(r.body).as_object().at("error").as_object();
  EXPECT_EQ(error.at("code"), "invalid_request");
  EXPECT_EQ(error.at("details").at("field"), "reason");
  EXPECT_LT(seconds, 1.0);
  ExpectAlive("the huge reason");
  // Nothing was revoked.
  auto conn = server_.Call("GET", "/api/connections/" + connection_id_, key_);
  ASSERT_EQ(conn.status, 200);
  EXPECT_NE(testing::EnvelopeData(conn)["status"], "revoked");
  // A reason of ordinary length still revokes.
  auto ok = server_.Call("POST", "/api/connections/" + connection_id_ + "/revoke", key_,
                         R"({"reason":"rotating credentials, token 9f8e7d6c"})");
  EXPECT_EQ(ok.status, 200) << ok.body;
}

}  // namespace
}  // namespace ucf
