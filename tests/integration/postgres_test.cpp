// PostgreSQL end to end through UCF's HTTP API (issue 10): the connector list, connecting with
// fields or one postgresql:// URL (password sealed, never returned or logged), the address policy
// for database hosts (UCF_ALLOW_PRIVATE_DATABASES), containers → items → item with keyset paging
// and q, comments 501, odd types, injection attempts at every parameter, and a `rows` sync whose
// records appear in the change feed. The customer database is a scratch database on the test
// command's throwaway cluster (UCF_TEST_POSTGRES_URL); UCF's own store is SQLite in the data dir.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/pg_database.hpp"
#include "ucf/core/strings.hpp"

namespace ucf {
namespace {

using testing::TestResponse;
using testing::TestServer;

constexpr char kAdmin[] = "admin-token-for-postgres-tests-0123";
constexpr char kPassword[] = "pw-Canary-7f3e9d1c-never-shown";

boost::json::object Data(const TestResponse& r) { return testing::EnvelopeData(r); }
std::string Json(const boost::json::object& o) { return boost::json::serialize(o); }

std::string FieldOf(const TestResponse& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object()) return "";
  const auto* error = v.as_object().if_contains("error");
  if (!error || !error->is_object()) return "";
  const auto* details = error->as_object().if_contains("details");
  if (!details || !details->is_object() || !details->as_object().contains("field")) return "";
  return std::string(details->as_object().at("field").as_string());
}

std::string Encode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

// Every byte of every file under `dir`.
std::string AllBytes(const std::filesystem::path& dir) {
  std::string out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    out.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

constexpr char kSchema[] = R"sql(
CREATE TYPE mood AS ENUM ('sad', 'happy', 'ünïcode');
CREATE TABLE canary (id int PRIMARY KEY, note text NOT NULL);
INSERT INTO canary VALUES (1, 'untouched');
CREATE TABLE people (id bigint PRIMARY KEY, name text NOT NULL, bio text,
                     updated_at timestamptz NOT NULL DEFAULT '2026-11-01T10:00:00Z');
INSERT INTO people (id, name, bio)
  SELECT g, 'Person ' || g, 'bio of ' || g FROM generate_series(1, 24) g;
INSERT INTO people (id, name, bio) VALUES (25, 'Zoë Ünal', 'Grüße, 日本語 and emoji 😀');
CREATE TABLE everything (
  id int PRIMARY KEY, n numeric, big bigint, ts timestamptz, iv interval, jb jsonb, by bytea,
  arr int[], m mood, nothing text, note text, wide text);
INSERT INTO everything VALUES (
  1, 12345678901234567890.123456789, 9007199254740993, '2026-11-25 20:36:41.123+00',
  '1 year 2 months 3 days 4 hours 5 minutes 6 seconds', '{"a": [1, "x", null, true]}',
  '\x00ff10', '{{1,2},{3,NULL}}', 'ünïcode', NULL, 'Grüße, 日本語', repeat('w', 300000));
CREATE TABLE "Odd ""Name""" (k text PRIMARY KEY, v text);
INSERT INTO "Odd ""Name""" VALUES ('a:b', 'colon key');
ANALYZE;
)sql";

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::getenv("UCF_TEST_POSTGRES_URL") == nullptr) {
      GTEST_SKIP() << "UCF_TEST_POSTGRES_URL is not set (scripts/test.sh starts a cluster)";
    }
    ASSERT_FALSE(db_.url().empty()) << db_.error();
    ASSERT_EQ(db_.Exec(kSchema), "");
    UseServer(true);
  }

  void UseServer(bool allow_private) {
    server_.reset();
    std::map<std::string, std::string> vars{{"UCF_ADMIN_TOKEN", kAdmin}};
    if (allow_private) vars["UCF_ALLOW_PRIVATE_DATABASES"] = "true";
    server_ = std::make_unique<TestServer>(vars);
    ASSERT_EQ(server_->Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
    key_ = std::string(Data(server_->Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme"))["key"].as_string());
  }

  TestResponse Call(const std::string& method, const std::string& path, const std::string& body = {}) {
    return server_->Call(method, path, key_, body);
  }
  testing::CallFn Caller() {
    return [this](const std::string& m, const std::string& p, const std::string& b) { return Call(m, p, b); };
  }

  // host, port, database, user of the scratch database (postgresql://user@host:port/db).
  boost::json::object Fields() { return db_.ConnectorConfig(kPassword); }

  TestResponse Connect(const boost::json::object& config, const std::string& name = "warehouse") {
    return Call("POST", "/api/connectors/postgres/connect/callback",
                Json({{"method", "basic"}, {"name", name}, {"config", config}}));
  }

  std::string Connected(const boost::json::object& config) {
    auto r = Connect(config);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? std::string(Data(r)["connectionId"].as_string()) : "";
  }

  std::size_t ConnectionCount() {
    auto r = Call("GET", "/api/connections");
    EXPECT_EQ(r.status, 200) << r.body;
    return Data(r)["items"].as_array().size();
  }

  std::vector<boost::json::object> AllPages(const std::string& path, int limit, int* pages = nullptr) {
    return server_->AllPages(path, key_, limit, pages);
  }

  testing::ScratchPostgresDatabase db_;
  std::unique_ptr<TestServer> server_;
  std::string key_;
};

TEST(PostgresCatalogTest, ListsFiveConnectorsInOrderWithTruthfulDescriptions) {
  TestServer server(std::map<std::string, std::string>{{"UCF_ADMIN_TOKEN", kAdmin}});
  ASSERT_EQ(server.Call("POST", "/api/tenants", kAdmin, R"({"id":"acme","name":"Acme"})").status, 201);
  std::string key(Data(server.Call("POST", "/api/api-keys", kAdmin, R"({"name":"k"})", "acme"))["key"].as_string());
  auto r = server.Call("GET", "/api/connectors", key);
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<std::string> ids;
  boost::json::value data = boost::json::parse(r.body).as_object().at("data");
  const boost::json::array& list = data.is_array() ? data.as_array() : data.as_object().at("items").as_array();
  for (const auto& c : list) {
    const auto& o = c.as_object();
    ids.emplace_back(o.at("id").as_string());
    std::string description(o.at("description").as_string());
    // The description names what the connector offers and its sync models.
    for (const auto& res : o.at("resources").as_array()) {
      EXPECT_TRUE(core::Contains(description, std::string(res.as_string()))) << o.at("id") << description;
    }
    for (const auto& model : o.at("syncModels").as_array()) {
      EXPECT_TRUE(core::Contains(description, std::string(model.as_string()))) << o.at("id") << description;
    }
    if (o.at("resources").as_array().empty()) {
      EXPECT_TRUE(core::Contains(description, "connecting only")) << description;
    }
    if (o.at("id") == "postgres") {
      EXPECT_EQ(o.at("group"), "db");
      EXPECT_EQ(o.at("authMethods"), boost::json::parse(R"(["basic"])"));
      for (const auto& f : o.at("configFields").as_array()) {
        if (f.as_object().at("name") == "port") {
          EXPECT_EQ(f.as_object().at("type"), "integer");
          EXPECT_EQ(f.as_object().at("max"), 65535);
        }
        if (f.as_object().at("name") == "sslmode") {
          EXPECT_EQ(f.as_object().at("type"), "enum");
          EXPECT_EQ(f.as_object().at("allowed").as_array().size(), 6u);
        }
      }
    } else {
      EXPECT_EQ(o.at("group"), "saas") << o.at("id");
    }
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"postgres", "salesforce", "jira", "confluence", "github"}));
}

TEST_F(PostgresTest, ConnectWithFieldsBrowsesAndKeepsThePasswordSealed) {
  auto r = Connect(Fields());
  ASSERT_EQ(r.status, 200) << r.body;
  auto d = Data(r);
  EXPECT_EQ(d["status"], "connected");
  EXPECT_EQ(d["account"].as_object()["accountId"], "postgres");
  std::string id(d["connectionId"].as_string());
  EXPECT_FALSE(core::Contains(r.body, kPassword));
  EXPECT_EQ(d["connection"].as_object()["config"].as_object()["port"], Fields()["port"]);

  // Containers: every table, with estimates.
  auto containers = AllPages("/api/connections/" + id + "/containers", 2);
  std::set<std::string> names;
  for (auto& c : containers) {
    names.emplace(c["id"].as_string());
    if (c["id"] == "public.people") {
      EXPECT_EQ(c["meta"].as_object()["estimatedRows"], 25);
    }
  }
  EXPECT_EQ(containers.size(), 4u);
  EXPECT_EQ(names, (std::set<std::string>{R"(public."Odd ""Name""")", "public.canary", "public.everything",
                                          "public.people"}));

  // Items: keyset pages of 10, no duplicates or misses.
  int pages = 0;
  auto rows = AllPages("/api/connections/" + id + "/items?containerId=public.people", 10, &pages);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(rows.size(), 25u);
  for (int i = 0; i < 25; ++i) EXPECT_EQ(rows[i]["id"].as_string(), "public.people:" + std::to_string(i + 1));
  EXPECT_EQ(rows[24]["name"], "Zoë Ünal");

  // One row by its id; a key holding ':' in a quoted table name.
  auto one = Call("GET", "/api/connections/" + id + "/items/" + Encode("public.people:7") + "?raw=true");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(Data(one)["raw"].as_object()["values"].as_object()["bio"], "bio of 7");
  auto odd = Call("GET", "/api/connections/" + id + "/items/" + Encode(R"(public."Odd ""Name""":a:b)") + "?raw=true");
  ASSERT_EQ(odd.status, 200) << odd.body;
  EXPECT_EQ(Data(odd)["raw"].as_object()["values"].as_object()["v"], "colon key");
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/items/" + Encode("public.people:999")).status, 404);

  // q: case-insensitive, non-ASCII, literal.
  auto found = AllPages("/api/connections/" + id + "/items?containerId=public.people&q=" + Encode("日本語"), 10);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["id"], "public.people:25");
  EXPECT_EQ(AllPages("/api/connections/" + id + "/items?containerId=public.people&q=" + Encode("%"), 10).size(), 0u);

  // Comments are not offered: 501 through the same route as Jira's.
  auto comments = Call("GET", "/api/connections/" + id + "/items/" + Encode("public.people:7") + "/comments");
  EXPECT_EQ(comments.status, 501) << comments.body;

  // The password is sealed in UCF's store and never logged.
  EXPECT_FALSE(core::Contains(server_->Log(), kPassword));
  EXPECT_FALSE(core::Contains(AllBytes(server_->data_dir()), kPassword));
  auto listed = Call("GET", "/api/connections/" + id);
  EXPECT_FALSE(core::Contains(listed.body, kPassword));
}

TEST_F(PostgresTest, OddTypesSurviveTheRoundTripOverHttp) {
  std::string id = Connected(Fields());
  auto r = Call("GET", "/api/connections/" + id + "/items/" + Encode("public.everything:1") + "?raw=true");
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = Data(r)["raw"].as_object()["values"].as_object();
  EXPECT_EQ(v["n"], "12345678901234567890.123456789");
  EXPECT_EQ(v["big"], "9007199254740993");
  EXPECT_EQ(v["ts"], "2026-11-25T20:36:41.123Z");
  EXPECT_EQ(v["iv"], "P1Y2M3DT4H5M6S");
  EXPECT_EQ(v["jb"], boost::json::parse(R"({"a":[1,"x",null,true]})"));
  EXPECT_EQ(v["by"], "AP8Q");
  EXPECT_EQ(v["arr"], boost::json::parse("[[1,2],[3,null]]"));
  EXPECT_EQ(v["m"], "ünïcode");
  EXPECT_TRUE(v["nothing"].is_null());
  EXPECT_EQ(v["note"], "Grüße, 日本語");
  EXPECT_EQ(v["wide"].as_string().size(), 300000u);  // one row by key carries the wide value
  // The listing leaves the wide value out and says so.
  auto page = Call("GET", "/api/connections/" + id + "/items?containerId=public.everything&raw=true");
  ASSERT_EQ(page.status, 200) << page.body;
  auto listed = Data(page)["items"].as_array()[0].as_object()["raw"].as_object();
  EXPECT_TRUE(listed["values"].as_object()["wide"].is_null());
  EXPECT_EQ(listed["omitted"], boost::json::parse(R"(["wide"])"));
  EXPECT_LT(page.body.size(), 100000u);
}

TEST_F(PostgresTest, ConnectWithOneUrlAndBadFormsAre400sNamingTheFieldThatStoreNothing) {
  boost::json::object url{{"url", db_.url() + "?sslmode=disable"}};
  auto r = Connect(url, "by-url");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Data(r)["status"], "connected");
  std::size_t before = ConnectionCount();

  auto with = [&](const char* key, boost::json::value value) {
    boost::json::object f = Fields();
    f[key] = std::move(value);
    return f;
  };
  struct Case {
    boost::json::object config;
    const char* field;
  } cases[] = {
      {with("port", "54x"), "config.port"},
      {with("port", 70000), "config.port"},
      {with("sslmode", "sometimes"), "config.sslmode"},
      {with("host", "/var/run/postgresql"), "config.host"},
      {with("url", "postgresql://u@h/db"), "config.url"},
      {with("schema", "public"), "config.schema"},
      {{{"url", "mysql://u:p@h/db"}}, "config.url"},
  };
  for (const Case& c : cases) {
    auto bad = Connect(c.config, "bad");
    EXPECT_EQ(bad.status, 400) << Json(c.config) << " " << bad.body;
    EXPECT_EQ(FieldOf(bad), c.field) << bad.body;
    EXPECT_FALSE(core::Contains(bad.body, kPassword));
  }
  EXPECT_EQ(ConnectionCount(), before);
  EXPECT_FALSE(core::Contains(server_->Log(), kPassword));
}

// The other routes that write or check a config — PATCH /api/connections/{id},
// POST /api/connections, POST /api/connectors/postgres/validate — refuse a bad field with a 400
// naming it, and change nothing: the connection keeps its config and still browses.
TEST_F(PostgresTest, BadConfigOnEveryWriteRouteIs400NamingTheFieldAndChangesNothing) {
  std::string id = Connected(Fields());
  ASSERT_FALSE(id.empty());
  auto before = Data(Call("GET", "/api/connections/" + id));
  std::size_t count = ConnectionCount();
  auto with = [&](const char* key, boost::json::value value) {
    boost::json::object f = Fields();
    f.erase("password");
    f[key] = std::move(value);
    return f;
  };
  struct Case {
    boost::json::object config;
    std::string field;
  } cases[] = {
      {with("port", "54x"), "port"},
      {with("port", 0), "port"},
      {with("sslmode", "sometimes"), "sslmode"},
      {with("host", "db.example/../x"), "host"},
      {with("schema", "public"), "schema"},
      {with("updatedAtColumn", boost::json::string(std::string(300, 'c'))), "updatedAtColumn"},
  };
  for (const Case& c : cases) {
    auto patched = Call("PATCH", "/api/connections/" + id, Json({{"config", c.config}}));
    EXPECT_EQ(patched.status, 400) << Json(c.config) << " " << patched.body;
    EXPECT_EQ(FieldOf(patched), "config." + c.field) << patched.body;
    auto created = Call("POST", "/api/connections",
                        Json({{"connectorId", "postgres"}, {"name", "again"}, {"authMethod", "basic"}, {"config", c.config}}));
    EXPECT_EQ(created.status, 400) << Json(c.config) << " " << created.body;
    EXPECT_EQ(FieldOf(created), "config." + c.field) << created.body;
    auto checked = Call("POST", "/api/connectors/postgres/validate", Json({{"config", c.config}}));
    EXPECT_EQ(checked.status, 400) << Json(c.config) << " " << checked.body;
    EXPECT_TRUE(FieldOf(checked).ends_with(c.field)) << checked.body;
  }
  EXPECT_EQ(ConnectionCount(), count);
  auto after = Data(Call("GET", "/api/connections/" + id));
  EXPECT_EQ(after["config"], before["config"]);
  EXPECT_EQ(after["status"], "connected");
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/containers").status, 200);
}

TEST_F(PostgresTest, MovingTheDatabaseDropsThePassword) {
  std::string id = Connected(Fields());
  ASSERT_EQ(Call("GET", "/api/connections/" + id + "/containers").status, 200);
  boost::json::object moved = Fields();
  moved.erase("password");
  moved["host"] = "db.elsewhere.example";
  auto patched = Call("PATCH", "/api/connections/" + id, Json({{"config", moved}}));
  ASSERT_EQ(patched.status, 200) << patched.body;
  // The stored password was for the old host: it is gone, and nothing is dialled with it.
  auto browse = Call("GET", "/api/connections/" + id + "/containers");
  EXPECT_GE(browse.status, 400) << browse.body;
  EXPECT_LT(browse.status, 500) << browse.body;
}

TEST_F(PostgresTest, PrivateDatabasesAreRefusedWithoutTheSetting) {
  UseServer(false);
  for (const auto& config : {Fields(), boost::json::object{{"url", db_.url() + "?sslmode=disable"}}}) {
    auto r = Connect(config);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(FieldOf(r), "config.host") << r.body;
    EXPECT_TRUE(core::Contains(r.body, "UCF_ALLOW_PRIVATE_DATABASES")) << r.body;
  }
  // A name that resolves to loopback is refused at the resolved address.
  auto named = Fields();
  named["host"] = "localhost";
  auto r = Connect(named);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(FieldOf(r), "config.host") << r.body;
  EXPECT_EQ(ConnectionCount(), 0u);
}

TEST_F(PostgresTest, InjectionAttemptsAtEveryParameterChangeNothing) {
  ASSERT_EQ(db_.Exec("CREATE TABLE audit_probe (n int); CREATE FUNCTION public.boom() RETURNS int "
                     "LANGUAGE sql AS 'INSERT INTO audit_probe VALUES (1) RETURNING 1'"),
            "");
  std::string id = Connected(Fields());
  auto state = [&] {
    return db_.Value("SELECT (SELECT note FROM canary WHERE id = 1) || '|' || (SELECT count(*) FROM canary) || '|' || "
                     "(SELECT count(*) FROM people) || '|' || (SELECT count(*) FROM audit_probe) || '|' || "
                     "(SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace)");
  };
  std::string before = state();
  ASSERT_EQ(before.substr(0, 14), "untouched|1|25");

  const std::vector<std::string> attacks = {
      "public.canary; DELETE FROM canary; --",
      "public.canary\"; DROP TABLE canary; --",
      "public.\"canary\"\"; DELETE FROM canary; --\"",
      "' OR 1=1; DELETE FROM canary; --",
      "1; UPDATE canary SET note = 'owned'",
      "1) OR (SELECT boom()) = 1 OR (1",
      "(0,1)'); DELETE FROM canary; --",
      "[\"1\",\"1); DELETE FROM canary; --\"]",
      "%' ; SELECT boom(); --",
      "\\'; SELECT boom(); --",
      std::string("a\0b", 3),
      "public.people:1; SELECT boom()",
  };
  std::string base = "/api/connections/" + id;
  for (const std::string& a : attacks) {
    std::vector<TestResponse> answers = {
        Call("GET", base + "/items?containerId=" + Encode(a)),
        Call("GET", base + "/items?containerId=public.people&q=" + Encode(a)),
        Call("GET", base + "/items?containerId=public.canary&q=" + Encode(a)),
        Call("GET", base + "/items/" + Encode("public.canary:" + a)),
        Call("GET", base + "/items/" + Encode(a)),
        Call("GET", base + "/items?containerId=public.people&cursor=" + Encode(a)),
        Call("GET", base + "/containers?cursor=" + Encode(a)),
    };
    for (const TestResponse& r : answers) {
      EXPECT_TRUE(r.status == 200 || r.status == 400 || r.status == 404) << a << " → " << r.status << " " << r.body;
    }
  }
  // A signed cursor of another listing is refused too (bound to connection + listing).
  auto first = Data(Call("GET", base + "/containers?limit=1"));
  ASSERT_FALSE(first["next"].is_null());
  auto moved = Call("GET", base + "/items?containerId=public.people&cursor=" + std::string(first["next"].as_string()));
  EXPECT_EQ(moved.status, 400) << moved.body;
  EXPECT_EQ(FieldOf(moved), "cursor");

  EXPECT_EQ(state(), before);
}

TEST_F(PostgresTest, RowsSyncFeedsTheChangeFeed) {
  boost::json::object config = Fields();
  config["updatedAtColumn"] = "updated_at";
  std::string id = Connected(config);
  ASSERT_FALSE(id.empty());
  auto run = [&](const std::string& model, bool full = false) {
    return testing::RunSyncJob(Caller(), id, Json({{"model", model}, {"full", full}}), 300);
  };
  // Each person changed at its own minute (person n at 10:0n), so a marker can tell them apart.
  ASSERT_EQ(db_.Exec("UPDATE people SET updated_at = '2026-11-01T10:00:00Z'::timestamptz + id * interval '1 minute'"), "");
  auto first = run("rows");
  // 4 tables, then their rows: canary 1 + people 25 + everything 1 + "Odd ""Name""" 1
  EXPECT_EQ(first["counts"].as_object()["fetched"], 4 + 28);
  EXPECT_EQ(first["counts"].as_object()["changed"], 28);

  auto feed = Call("GET", "/api/connections/" + id + "/records?model=rows&limit=100");
  ASSERT_EQ(feed.status, 200) << feed.body;
  auto page = Data(feed);
  ASSERT_EQ(page["items"].as_array().size(), 28u);
  bool saw_person = false;
  for (auto& rec : page["items"].as_array()) {
    auto data = rec.as_object()["data"].as_object();
    if (data["id"] == "public.people:3") {
      saw_person = true;
      EXPECT_EQ(data["meta"].as_object()["updated"], "2026-11-01T10:03:00Z");
    }
  }
  EXPECT_TRUE(saw_person);
  std::string resume(page["resume"].as_string());

  // One row changes upstream, one goes away.
  ASSERT_EQ(db_.Exec("UPDATE people SET bio = 'changed', updated_at = '2026-12-01T00:00:00Z' WHERE id = 3; "
                     "DELETE FROM canary"),
            "");
  // An incremental run reads only the people changed since the marker (WHERE updated_at >= the
  // last change seen, so person 25 again and the changed person 3), plus the tables without an
  // updated_at column in full (everything 1, "Odd ""Name""" 1, canary now empty).
  auto second = run("rows");
  EXPECT_EQ(second["counts"].as_object()["fetched"], 4 + 4) << boost::json::serialize(second);  // + 4 tables
  EXPECT_EQ(second["counts"].as_object()["changed"], 1);
  EXPECT_EQ(second["counts"].as_object()["deleted"], 0);  // deletions: full runs only
  auto changed = Data(Call("GET", "/api/connections/" + id + "/records?model=rows&cursor=" + resume));
  ASSERT_EQ(changed["items"].as_array().size(), 1u) << boost::json::serialize(changed);
  EXPECT_EQ(changed["items"].as_array()[0].at("data").at("id"), "public.people:3");
  EXPECT_EQ(changed["items"].as_array()[0].at("data").at("meta").at("updated"), "2026-12-01T00:00:00Z");

  // A full run reads every row and finds the deleted one: the feed then shows exactly both.
  auto full = run("rows", /*full=*/true);
  EXPECT_EQ(full["counts"].as_object()["fetched"], 4 + 27);
  EXPECT_EQ(full["counts"].as_object()["deleted"], 1);
  changed = Data(Call("GET", "/api/connections/" + id + "/records?model=rows&cursor=" + resume));
  ASSERT_EQ(changed["items"].as_array().size(), 2u) << boost::json::serialize(changed);

  auto tables = run("tables");
  EXPECT_EQ(tables["counts"].as_object()["fetched"], 4);
}

}  // namespace
}  // namespace ucf
