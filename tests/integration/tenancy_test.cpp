// Issue 4 end to end: tenants, API keys, authentication failures, lockout, audit, and the tenant
// isolation matrix over every route in the route table.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/pg_database.hpp"

namespace ucf {
namespace {

using testing::TestResponse;
using testing::TestServer;

boost::json::object Data(const TestResponse& r) { return testing::EnvelopeData(r); }
std::string ErrorCode(const TestResponse& r) { return testing::EnvelopeErrorCode(r); }

constexpr char kAdmin[] = "admin-token-for-tests-0123456789";

// Every case runs on both engines: SQLite (the default) and PostgreSQL (a scratch database on
// the cluster the test command starts).
// An audit page without its "token.read" entries: the snapshot itself reads A's token as the
// admin, and every such read is audited.
std::string AuditWithoutTokenReads(const std::string& body) {
  boost::json::value page = boost::json::parse(body);
  boost::json::array& items = page.at("data").at("items").as_array();
  boost::json::array kept;
  for (auto& item : items) {
    if (item.at("action") != "token.read") kept.push_back(item);
  }
  items = std::move(kept);
  return boost::json::serialize(page);
}

class TenancyTest : public ::testing::TestWithParam<std::string> {
 protected:
  TenancyTest() {
    std::map<std::string, std::string> vars{{"UCF_ADMIN_TOKEN", kAdmin}};
    if (GetParam() == "postgresql") {
      pg_ = std::make_unique<testing::ScratchPostgresDatabase>();
      if (pg_->url().empty()) {
        skip_reason_ = pg_->error();
        return;
      }
      vars["DATABASE_URL"] = pg_->url();
    }
    server_ = std::make_unique<TestServer>(vars);
  }
  void SetUp() override {
    if (!server_) GTEST_SKIP() << skip_reason_;
  }

  void CreateTenant(const std::string& id) {
    auto r = server_->Call("POST", "/api/tenants", kAdmin,
                          R"({"id":")" + id + R"(","name":"Tenant )" + id + R"("})");
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // Creates a key for `tenant` with the admin token; returns {id, key}.
  std::pair<std::string, std::string> CreateKey(const std::string& tenant, const std::string& name) {
    auto r = server_->Call("POST", "/api/api-keys", kAdmin, R"({"name":")" + name + R"("})", tenant);
    EXPECT_EQ(r.status, 201) << r.body;
    auto d = Data(r);
    return {std::string(d["id"].as_string()), std::string(d["key"].as_string())};
  }

  std::unique_ptr<testing::ScratchPostgresDatabase> pg_;
  std::string skip_reason_;
  std::unique_ptr<TestServer> server_;
};

TEST_P(TenancyTest, TenantsAreAdminOnlyAndValidated) {
  CreateTenant("acme");
  auto bad = server_->Call("POST", "/api/tenants", kAdmin, R"({"id":"Not A Slug","name":"x"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(boost::json::parse(bad.body).at("error").at("details").at("field"), "id");
  auto missing = server_->Call("POST", "/api/tenants", kAdmin, R"({"id":"ok"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(boost::json::parse(missing.body).at("error").at("details").at("field"), "name");
  auto malformed = server_->Call("POST", "/api/tenants", kAdmin, R"({"id":)");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(ErrorCode(malformed), "invalid_request");
  auto dup = server_->Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"again"})");
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(ErrorCode(dup), "conflict");
  auto list = server_->Call("GET", "/api/tenants", kAdmin);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Data(list)["items"].as_array().size(), 1u);

  auto [key_id, key] = CreateKey("acme", "ci");
  auto as_tenant = server_->Call("GET", "/api/tenants", key);
  EXPECT_EQ(as_tenant.status, 403);
  EXPECT_EQ(ErrorCode(as_tenant), "forbidden");
}

TEST_P(TenancyTest, KeysAreShownOnceHashedAndRevocable) {
  CreateTenant("acme");
  auto [key_id, key] = CreateKey("acme", "ci");
  EXPECT_EQ(key.rfind("ucf_", 0), 0u);
  auto list = server_->Call("GET", "/api/api-keys", key);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.body.find(key), std::string::npos) << "the key is shown only at creation";
  auto items = Data(list)["items"].as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_FALSE(items[0].as_object().contains("key"));
  EXPECT_FALSE(items[0].as_object().contains("keyHash"));
  EXPECT_FALSE(items[0].as_object()["lastUsedAt"].is_null());

  // The key itself never reaches the database in plain text (the storage contract suite scans the
  // PostgreSQL dump as well).
  std::string db_bytes;
  for (const char* f : {"/ucf.db", "/ucf.db-wal"}) {
    std::ifstream in(server_->data_dir() + f, std::ios::binary);
    db_bytes += std::string(std::istreambuf_iterator<char>(in), {});
  }
  EXPECT_EQ(db_bytes.find(key), std::string::npos);

  auto revoke = server_->Call("DELETE", "/api/api-keys/" + key_id, key);
  ASSERT_EQ(revoke.status, 200) << revoke.body;
  auto after = server_->Call("GET", "/api/api-keys", key);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(ErrorCode(after), "unauthorized");
}

TEST_P(TenancyTest, BadCredentialsAreRefusedWithTheRightEnvelope) {
  CreateTenant("acme");
  CreateTenant("beta");
  auto [a_id, a_key] = CreateKey("acme", "a");
  auto [b_id, b_key] = CreateKey("beta", "b");
  struct Case {
    std::string auth, tenant, path;
    int status;
    const char* code;
  } cases[] = {
      {"", "", "/api/api-keys", 401, "unauthorized"},
      {"garbage", "", "/api/api-keys", 401, "unauthorized"},
      // The last character changed (never to itself: a key ending in 'x' gets a 'y').
      {a_key.substr(0, a_key.size() - 1) + (a_key.back() == 'x' ? "y" : "x"), "", "/api/api-keys", 401,
       "unauthorized"},
      {b_key, "acme", "/api/api-keys", 403, "forbidden"},
      {b_key, "", "/api/api-keys?workspaceId=acme", 403, "forbidden"},
      {kAdmin, "", "/api/api-keys", 400, "invalid_request"},
      {kAdmin, "nope", "/api/api-keys", 404, "not_found"},
  };
  for (const Case& c : cases) {
    auto r = server_->Call("GET", c.path, c.auth, "", c.tenant);
    EXPECT_EQ(r.status, c.status) << c.auth << " " << c.tenant << " " << c.path << " " << r.body;
    EXPECT_EQ(ErrorCode(r), c.code);
  }
  auto wrong_body = server_->Call("POST", "/api/api-keys", b_key, R"({"name":"x","workspaceId":"acme"})");
  EXPECT_EQ(wrong_body.status, 403);
  EXPECT_EQ(server_->Call("GET", "/api/api-keys", b_key, "", "beta").status, 200);
}

TEST_P(TenancyTest, RepeatedFailuresFromOneAddressAreSlowedOthersAreNot) {
  CreateTenant("acme");
  auto [id, key] = CreateKey("acme", "k");
  int limited = 0;
  for (int i = 0; i < 15; ++i) {
    auto r = testing::Fetch("GET", server_->Url("/api/api-keys"),
                            {"Authorization: Bearer ucf_000000000000_wrongwrongwrongwrongwrongwrongwr"},
                            {}, 10'000, "127.0.0.2");
    if (r.status == 429) {
      ++limited;
      EXPECT_TRUE(r.headers.Has("Retry-After"));
      EXPECT_EQ(ErrorCode(r), "rate_limited");
    }
  }
  EXPECT_GE(limited, 4);
  // The right key still works from the locked-out address (issue 9: a credential that checks out
  // is never locked out)...
  auto locked = testing::Fetch("GET", server_->Url("/api/api-keys"), {"Authorization: Bearer " + key},
                               {}, 10'000, "127.0.0.2");
  EXPECT_EQ(locked.status, 200);
  // ...and another client is unaffected.
  auto other = testing::Fetch("GET", server_->Url("/api/api-keys"), {"Authorization: Bearer " + key},
                              {}, 10'000, "127.0.0.3");
  EXPECT_EQ(other.status, 200);
}

TEST(LoginThrottleConfigTest, ThresholdAndWindowComeFromTheConfiguration) {
  TestServer server({{"UCF_ADMIN_TOKEN", kAdmin},
                     {"UCF_AUTH_MAX_FAILURES", "3"},
                     {"UCF_AUTH_FAILURE_WINDOW_SECONDS", "3"}});
  ASSERT_EQ(server.Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
  auto created = server.Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme");
  std::string key(Data(created)["key"].as_string());
  auto as = [&](const std::string& credential) {
    return testing::Fetch("GET", server.Url("/api/api-keys"), {"Authorization: Bearer " + credential},
                          {}, 10'000, "127.0.0.4");
  };
  const std::string wrong = "ucf_000000000000_wrongwrongwrongwrongwrongwrongwr";
  EXPECT_EQ(as(wrong).status, 401);
  // The server counted the first failure before answering it: its window ends by now + 3 s.
  auto first_failure = std::chrono::steady_clock::now();
  for (int i = 0; i < 2; ++i) EXPECT_EQ(as(wrong).status, 401) << i;
  EXPECT_EQ(as(key).status, 200) << "a valid key is never locked out";
  auto refused = as(wrong);
  ASSERT_EQ(refused.status, 429);
  int retry_after = std::stoi(std::string(refused.headers.Get("Retry-After").value_or("0")));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 3);
  // The window ends three seconds after the first failure; then guesses are answered again.
  std::this_thread::sleep_until(first_failure + std::chrono::milliseconds(3100));
  EXPECT_EQ(as(wrong).status, 401);
}

TEST_P(TenancyTest, AuditLogRecordsEveryChangeWithFiltersAndPaging) {
  CreateTenant("acme");
  auto [id, key] = CreateKey("acme", "first");
  auto [id2, key2] = CreateKey("acme", "second");
  auto revoke = server_->Call("DELETE", "/api/api-keys/" + id2, key, "", "", {"X-Request-Id: rid-revoke"});
  ASSERT_EQ(revoke.status, 200);

  auto all = server_->Call("GET", "/api/audit-logs", key);
  ASSERT_EQ(all.status, 200) << all.body;
  auto items = Data(all)["items"].as_array();
  ASSERT_EQ(items.size(), 4u) << all.body;  // tenant.created, 2x api_key.created, api_key.revoked
  auto newest = items[0].as_object();
  EXPECT_EQ(newest["action"], "api_key.revoked");
  EXPECT_EQ(newest["actor"], boost::json::value(id));
  EXPECT_EQ(newest["targetType"], "api_key");
  EXPECT_EQ(newest["targetId"], boost::json::value(id2));
  EXPECT_EQ(newest["outcome"], "success");
  EXPECT_EQ(newest["requestId"], "rid-revoke");
  EXPECT_EQ(newest["clientAddress"], "127.0.0.1");
  EXPECT_EQ(items[3].as_object()["action"], "tenant.created");
  EXPECT_EQ(items[3].as_object()["actor"], "admin");

  auto created = server_->Call("GET", "/api/audit-logs?action=api_key.created", key);
  EXPECT_EQ(Data(created)["items"].as_array().size(), 2u);
  auto by_target = server_->Call("GET", "/api/audit-logs?targetId=" + id2, key);
  EXPECT_EQ(Data(by_target)["items"].as_array().size(), 2u);
  auto by_actor = server_->Call("GET", "/api/audit-logs?actor=admin", key);
  EXPECT_EQ(Data(by_actor)["items"].as_array().size(), 3u);
  auto future = server_->Call("GET", "/api/audit-logs?since=2999-01-01T00:00:00Z", key);
  EXPECT_EQ(Data(future)["items"].as_array().size(), 0u);
  EXPECT_EQ(server_->Call("GET", "/api/audit-logs?since=yesterday", key).status, 400);
  EXPECT_EQ(server_->Call("GET", "/api/audit-logs?limit=0", key).status, 400);

  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    auto r = server_->Call("GET", "/api/audit-logs?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor), key);
    ASSERT_EQ(r.status, 200) << r.body;
    auto d = Data(r);
    for (auto& item : d["items"].as_array()) seen.emplace_back(item.at("id").as_string());
    if (d["next"].is_null()) break;
    cursor = std::string(d["next"].as_string());
  }
  EXPECT_EQ(seen.size(), 4u);
  // Nothing secret is in the audit trail.
  EXPECT_EQ(all.body.find(key), std::string::npos);
  EXPECT_EQ(all.body.find(key2), std::string::npos);
}

// For every route in the route table (read from the generated OpenAPI document, so routes added
// later are covered without editing this test): tenant B's key against tenant A's resources is
// refused and changes nothing.
TEST_P(TenancyTest, IsolationMatrixOverEveryRoute) {
  CreateTenant("tenant-a");
  CreateTenant("tenant-b");
  auto [a_id, a_key] = CreateKey("tenant-a", "a");
  auto [b_id, b_key] = CreateKey("tenant-b", "b");
  auto conn = server_->Call("POST", "/api/connections", a_key,
                            R"({"connectorId":"jira","name":"a-main","config":{"api_token":"A-SECRET"}})");
  ASSERT_EQ(conn.status, 200) << conn.body;
  std::string a_conn(Data(conn)["id"].as_string());
  ASSERT_EQ(server_->Call("POST", "/api/connections/token", a_key,
                          R"({"connectionId":")" + a_conn + R"(","token":"A-TOKEN"})").status, 200);
  auto snapshot = [&] {
    return server_->Call("GET", "/api/api-keys", a_key).body +
           server_->Call("GET", "/api/connections", a_key).body +
           server_->Call("GET", "/api/connections/" + a_conn + "/token", kAdmin, "", "tenant-a").body +
           server_->Call("GET", "/api/connections/" + a_conn + "/sync-state", a_key).body +
           AuditWithoutTokenReads(server_->Call("GET", "/api/audit-logs?limit=200", a_key).body);
  };
  std::string before = snapshot();

  auto doc = boost::json::parse(server_->Get("/openapi.json").body).as_object();
  int checked = 0;
  for (auto& [path_sv, ops] : doc["paths"].as_object()) {
    std::string path(path_sv);
    for (auto& [method_sv, op_value] : ops.as_object()) {
      std::string method = std::string(method_sv);
      for (auto& c : method) c = static_cast<char>(std::toupper(c));
      std::string access(op_value.as_object().at("x-ucf-access").as_string());
      ASSERT_NE(access, "unclassified") << method << " " << path;
      if (access == "public") continue;
      // Fill every path parameter with one of tenant A's ids.
      std::string concrete = path;
      std::string a_resource = path.find("/connections") != std::string::npos ? a_conn : a_id;
      for (size_t open; (open = concrete.find('{')) != std::string::npos;) {
        concrete.replace(open, concrete.find('}', open) - open + 1, a_resource);
      }
      std::string body = method == "GET" || method == "DELETE"
                             ? ""
                             : R"({"workspaceId":"tenant-a","connectionId":")" + a_conn +
                                   R"(","token":"B-TOKEN","name":"x","connectorId":"jira"})";
      // With X-Tenant-Id naming A: refused outright.
      auto named = server_->Call(method, concrete, b_key, body, "tenant-a");
      EXPECT_EQ(named.status, 403) << method << " " << concrete << " " << named.body;
      // Without it: admin routes refuse, tenant routes act on B only (never 2xx on A's ids).
      auto plain = server_->Call(method, concrete, b_key, body);
      if (access == "admin") {
        EXPECT_EQ(plain.status, 403) << method << " " << concrete;
      } else if (concrete != path) {
        EXPECT_TRUE(plain.status == 404 || plain.status == 403)
            << method << " " << concrete << " " << plain.status << " " << plain.body;
      } else {
        EXPECT_EQ(plain.body.find(a_resource), std::string::npos) << method << " " << concrete;
        EXPECT_EQ(plain.body.find("A-SECRET"), std::string::npos);
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 6);
  EXPECT_EQ(snapshot(), before) << "tenant B changed tenant A's state";
}

INSTANTIATE_TEST_SUITE_P(Engines, TenancyTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ucf
