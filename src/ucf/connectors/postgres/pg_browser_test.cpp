// PgBrowser against a real PostgreSQL (a scratch database on the cluster scripts/test.sh starts;
// UCF_TEST_POSTGRES_URL). Skipped, saying so, only when that variable is unset.

#include "ucf/connectors/postgres/pg_browser.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <set>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/support/pg_database.hpp"
#include "ucf/connectors/postgres/pg_cursor.hpp"
#include "ucf/connectors/postgres/test_field.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

constexpr std::string_view kSchema = R"SQL(
CREATE TYPE mood AS ENUM ('happy', 'sad', 'ünïcode');
CREATE TABLE everything (
  id bigint PRIMARY KEY, n numeric, n_exact numeric, big bigint, safe bigint, ts timestamptz,
  tsl timestamp, iv interval, jb jsonb, js json, jb_big jsonb, by bytea, arr int[], tarr text[],
  m mood, marr mood[], note text, f8 float8, flag boolean, nothing text, fixed char(5));
INSERT INTO everything VALUES (
  1, 12345678901234567890.123456789, 3.25, 9007199254740993, 42,
  '2026-11-25 21:36:41.123+01', '2026-01-02 03:04:05', '1 year 2 mons 3 days 04:05:06',
  '{"a": [1, "x", null, true], "b": {"c": 1.5}}', '{"k": "v"}', '{"n": 123456789012345678901234567890}',
  '\x00ff10', '{{1,2},{3,NULL}}', ARRAY['a b', 'q"uote', 'back\slash', NULL, 'Grüße'],
  'ünïcode', '{happy,sad}', 'Grüße, 日本語 and emoji 😀', 0.5, true, NULL, 'ab');
CREATE TABLE items (id int PRIMARY KEY, title text, body varchar(200));
INSERT INTO items SELECT g, 'title ' || g,
  CASE WHEN g % 5 = 0 THEN 'Grüße 100% _x_ back\slash ''q''' ELSE 'plain' END
  FROM generate_series(1, 25) g;
CREATE TABLE nokey (a text, b int);
INSERT INTO nokey SELECT 'row ' || g, g FROM generate_series(1, 7) g;
CREATE VIEW item_titles AS SELECT id, title FROM items;
CREATE SCHEMA "Weird ""Schema""";
CREATE TABLE "Weird ""Schema"""."Tab.le" (k text, j int, v text, PRIMARY KEY (k, j));
INSERT INTO "Weird ""Schema"""."Tab.le" SELECT chr(96 + (g % 3) + 1), g, 'v' || g
  FROM generate_series(1, 10) g;
CREATE TABLE wide (id int PRIMARY KEY, blob text);
INSERT INTO wide VALUES (1, repeat('x', 2 * 1024 * 1024)), (2, 'small');
CREATE TABLE canary (id int PRIMARY KEY, v text);
INSERT INTO canary VALUES (1, 'a'), (2, 'b'), (3, 'c');
CREATE TABLE t (id int PRIMARY KEY);
INSERT INTO t VALUES (1);
CREATE VIEW slow AS SELECT pg_sleep(3)::text AS s;
CREATE FUNCTION evil() RETURNS int LANGUAGE sql AS 'INSERT INTO canary VALUES (99, ''evil''); SELECT 1';
CREATE VIEW evil_view AS SELECT evil() AS x;
CREATE TABLE numbers_only (id int PRIMARY KEY, x int);
ANALYZE;
)SQL";

absl::Status AllowAll(std::string_view) { return absl::OkStatus(); }

class PgBrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::getenv("UCF_TEST_POSTGRES_URL") == nullptr) {
      GTEST_SKIP() << "UCF_TEST_POSTGRES_URL is not set: start a cluster with scripts/pg_cluster.sh "
                      "(scripts/test.sh does) to run the PostgreSQL browser tests";
    }
    ASSERT_FALSE(db_.url().empty()) << db_.error();
    ASSERT_EQ(Admin(std::string(kSchema)), "");
    auto target = ParsePgUrl(db_.url() + "?sslmode=disable", AllowAll);
    ASSERT_TRUE(target.ok()) << target.status();
    auto session = PgSession::Connect(*target, AllowAll, std::chrono::seconds(5));
    ASSERT_TRUE(session.ok()) << session.status();
    session_ = *std::move(session);
    browser_ = std::make_unique<PgBrowser>(*session_, limits_);
  }

  // Runs SQL on a separate, writable connection; "" or the error.
  std::string Admin(const std::string& sql) {
    PGconn* conn = PQconnectdb(db_.url().c_str());
    std::string error;
    if (PQstatus(conn) != CONNECTION_OK) {
      error = PQerrorMessage(conn);
    } else {
      PGresult* r = PQexec(conn, sql.c_str());
      if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
        error = PQerrorMessage(conn);
      }
      PQclear(r);
    }
    PQfinish(conn);
    return error;
  }

  std::string AdminValue(const std::string& sql) {
    PGconn* conn = PQconnectdb(db_.url().c_str());
    PGresult* r = PQexec(conn, sql.c_str());
    std::string out = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1
                          ? PQgetvalue(r, 0, 0)
                          : core::StrCat("error: ", PQerrorMessage(conn));
    PQclear(r);
    PQfinish(conn);
    return out;
  }

  // Every row id of a container, page by page.
  std::vector<std::string> AllIds(std::string_view container, std::string_view q, int limit,
                                  int* pages = nullptr) {
    std::vector<std::string> ids;
    std::string cursor;
    for (int page = 0; page < 1000; ++page) {
      auto p = browser_->ListRows(container, q, cursor, limit);
      EXPECT_TRUE(p.ok()) << p.status();
      if (!p.ok()) break;
      EXPECT_LE(p->rows.size(), static_cast<std::size_t>(limit));
      for (const PgRow& r : p->rows) {
        ids.push_back(r.id.empty() ? boost::json::serialize(r.values) : r.id);
      }
      if (pages != nullptr) *pages = page + 1;
      if (!p->next) break;
      cursor = *p->next;
    }
    return ids;
  }

  testing::ScratchPostgresDatabase db_;
  BrowseLimits limits_;
  std::unique_ptr<PgSession> session_;
  std::unique_ptr<PgBrowser> browser_;
};

TEST_F(PgBrowserTest, ContainersAreUserTablesAndViewsWithKindsAndEstimates) {
  auto page = browser_->ListContainers("", 200);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_FALSE(page->next);
  std::map<std::string, PgContainer> by_id;
  for (const PgContainer& c : page->containers) by_id[c.id] = c;
  for (const auto& [id, c] : by_id) {
    EXPECT_NE(c.relation.schema, "pg_catalog") << id;
    EXPECT_NE(c.relation.schema, "information_schema") << id;
  }
  ASSERT_TRUE(by_id.count("public.items"));
  EXPECT_EQ(by_id["public.items"].kind, "table");
  EXPECT_EQ(by_id["public.items"].estimated_rows, 25);
  ASSERT_TRUE(by_id.count("public.item_titles"));
  EXPECT_EQ(by_id["public.item_titles"].kind, "view");
  ASSERT_TRUE(by_id.count("\"Weird \"\"Schema\"\"\".\"Tab.le\""));
  EXPECT_EQ(by_id["\"Weird \"\"Schema\"\"\".\"Tab.le\""].estimated_rows, 10);
  EXPECT_TRUE(by_id.count("public.wide"));

  // Paged two at a time: the same containers, in order, each once.
  std::vector<std::string> paged;
  std::string cursor;
  for (int i = 0; i < 100; ++i) {
    auto p = browser_->ListContainers(cursor, 2);
    ASSERT_TRUE(p.ok()) << p.status();
    for (const PgContainer& c : p->containers) paged.push_back(c.id);
    if (!p->next) break;
    cursor = *p->next;
  }
  std::vector<std::string> all;
  for (const PgContainer& c : page->containers) all.push_back(c.id);
  EXPECT_EQ(paged, all);
}

TEST_F(PgBrowserTest, KeysetPagingHasNoDuplicatesOrMisses) {
  int pages = 0;
  std::vector<std::string> ids = AllIds("public.items", "", 7, &pages);
  std::vector<std::string> expected;
  for (int i = 1; i <= 25; ++i) expected.push_back(std::to_string(i));
  EXPECT_EQ(ids, expected);
  EXPECT_EQ(pages, 4);

  auto first = browser_->ListRows("public.items", "", "", 7);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->key_mode, PgKeyMode::kPrimaryKey);
  EXPECT_EQ(first->key_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(first->rows[0].values.at("title"), "title 1");

  // Composite key with odd identifiers.
  std::vector<std::string> composite = AllIds("\"Weird \"\"Schema\"\"\".\"Tab.le\"", "", 3);
  ASSERT_EQ(composite.size(), 10u);
  EXPECT_EQ(std::set<std::string>(composite.begin(), composite.end()).size(), 10u);
  EXPECT_EQ(composite.front(), R"(["a","3"])");

  // Keyless table: ctid order, still complete.
  auto nokey = browser_->ListRows("public.nokey", "", "", 3);
  ASSERT_TRUE(nokey.ok());
  EXPECT_EQ(nokey->key_mode, PgKeyMode::kCtid);
  std::vector<std::string> ctids = AllIds("public.nokey", "", 3);
  EXPECT_EQ(ctids.size(), 7u);
  EXPECT_EQ(std::set<std::string>(ctids.begin(), ctids.end()).size(), 7u);

  // A view: offset paging over the row text.
  auto view = browser_->ListRows("public.item_titles", "", "", 4);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->key_mode, PgKeyMode::kOffset);
  std::vector<std::string> rows = AllIds("public.item_titles", "", 4);
  EXPECT_EQ(rows.size(), 25u);
  EXPECT_EQ(std::set<std::string>(rows.begin(), rows.end()).size(), 25u);
}

TEST_F(PgBrowserTest, ChangedRowsComeOldestChangeFirstAcrossTiesAndPages) {
  // Pairs of rows share a change time, and change order is not id order.
  ASSERT_EQ(Admin("CREATE TABLE changes (id int PRIMARY KEY, v text, changed_at timestamptz); "
                  "INSERT INTO changes SELECT g, 'v' || g, '2026-11-01T10:00:00Z'::timestamptz "
                  "+ ((21 - g) / 2) * interval '1 minute' FROM generate_series(1, 20) g"),
            "");
  PgChange change{"changed_at", "2026-11-01T10:05:00.000Z"};
  std::vector<std::string> ids;
  std::vector<std::string> times;
  std::string cursor;
  int pages = 0;
  for (; pages < 20; ++pages) {
    auto p = browser_->ListRows("public.changes", "", cursor, 3, &change);
    ASSERT_TRUE(p.ok()) << p.status();
    for (const PgRow& r : p->rows) {
      ids.push_back(r.id);
      times.push_back(std::string(r.values.at("changed_at").as_string()));
    }
    if (!p->next) break;
    cursor = *p->next;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"10", "11", "8", "9", "6", "7", "4", "5", "2", "3", "1"}));
  EXPECT_EQ(pages + 1, 4);
  EXPECT_EQ(times.front(), "2026-11-01T10:05:00Z");
  EXPECT_EQ(times.back(), "2026-11-01T10:10:00Z");

  // A plain listing's cursor does not continue a changed listing, nor the other way round.
  auto plain = browser_->ListRows("public.changes", "", "", 3);
  ASSERT_TRUE(plain.ok() && plain->next);
  EXPECT_EQ(FieldOf(browser_->ListRows("public.changes", "", *plain->next, 3, &change).status()), "cursor");
  auto changed = browser_->ListRows("public.changes", "", "", 3, &change);
  ASSERT_TRUE(changed.ok() && changed->next);
  EXPECT_EQ(FieldOf(browser_->ListRows("public.changes", "", *changed->next, 3).status()), "cursor");
  EXPECT_EQ(FieldOf(browser_->ListRows("public.changes", "x", "", 3, &change).status()), "q");

  // A relation without the column (or a name that is no column, however hostile) is listed in
  // full; the name never reaches the SQL, and nothing else ran.
  PgChange hostile{"changed_at\" FROM canary; DELETE FROM canary; --", "2026-11-01T10:05:00Z"};
  EXPECT_EQ(browser_->ListRows("public.changes", "", "", 50, &hostile)->rows.size(), 20u);
  EXPECT_EQ(browser_->ListRows("public.items", "", "", 50, &change)->rows.size(), 25u);
  // A column that is not a time (v is text) cannot be compared with an instant: full listing too.
  PgChange text_column{"v", "2026-11-01T10:05:00Z"};
  EXPECT_EQ(browser_->ListRows("public.changes", "", "", 50, &text_column)->rows.size(), 20u);
  EXPECT_EQ(AdminValue("SELECT count(*)::text FROM canary"), "3");
}

TEST_F(PgBrowserTest, PageByteCapStopsEarlyWithoutLosingRows) {
  limits_.max_page_bytes = 60;  // about two rows of items
  PgBrowser small(*session_, limits_);
  auto first = small.ListRows("public.items", "", "", 25);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_LT(first->rows.size(), 25u);
  EXPECT_GE(first->rows.size(), 1u);
  ASSERT_TRUE(first->next);
  std::vector<std::string> ids;
  std::string cursor;
  for (int i = 0; i < 100; ++i) {
    auto p = small.ListRows("public.items", "", cursor, 25);
    ASSERT_TRUE(p.ok()) << p.status();
    for (const PgRow& r : p->rows) ids.push_back(r.id);
    if (!p->next) break;
    cursor = *p->next;
  }
  std::vector<std::string> expected;
  for (int i = 1; i <= 25; ++i) expected.push_back(std::to_string(i));
  EXPECT_EQ(ids, expected);
}

TEST_F(PgBrowserTest, WideValuesAreOmittedFromListingsButReadByKey) {
  auto page = browser_->ListRows("public.wide", "", "", 10);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->rows.size(), 2u);
  EXPECT_TRUE(page->rows[0].values.at("blob").is_null());
  EXPECT_EQ(page->rows[0].omitted, std::vector<std::string>{"blob"});
  EXPECT_EQ(page->rows[1].values.at("blob"), "small");
  EXPECT_TRUE(page->rows[1].omitted.empty());

  auto row = browser_->GetRow("public.wide", "1");
  ASSERT_TRUE(row.ok()) << row.status();
  EXPECT_TRUE(row->omitted.empty());
  EXPECT_EQ(row->values.at("blob").as_string().size(), 2u * 1024 * 1024);

  limits_.max_item_bytes = 1024 * 1024;
  PgBrowser capped(*session_, limits_);
  auto too_wide = capped.GetRow("public.wide", "1");
  ASSERT_TRUE(too_wide.ok()) << too_wide.status();
  EXPECT_EQ(too_wide->omitted, std::vector<std::string>{"blob"});
}

TEST_F(PgBrowserTest, ItemByKey) {
  auto row = browser_->GetRow("public.items", "7");
  ASSERT_TRUE(row.ok()) << row.status();
  EXPECT_EQ(row->id, "7");
  EXPECT_EQ(row->values.at("title"), "title 7");
  EXPECT_EQ(row->values.at("id"), 7);

  auto missing = browser_->GetRow("public.items", "999");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);

  auto composite = browser_->GetRow("\"Weird \"\"Schema\"\"\".\"Tab.le\"", R"(["b","4"])");
  ASSERT_TRUE(composite.ok()) << composite.status();
  EXPECT_EQ(composite->values.at("v"), "v4");

  auto listed = browser_->ListRows("public.nokey", "", "", 1);
  ASSERT_TRUE(listed.ok());
  auto by_ctid = browser_->GetRow("public.nokey", listed->rows[0].id);
  ASSERT_TRUE(by_ctid.ok()) << by_ctid.status();
  EXPECT_EQ(by_ctid->values, listed->rows[0].values);

  // A table of fixed-width columns only (no size-checked value, so no cap parameter).
  auto numbers = browser_->ListRows("public.numbers_only", "", "", 10);
  EXPECT_TRUE(numbers.ok()) << numbers.status();

  auto view = browser_->GetRow("public.item_titles", "1");
  EXPECT_EQ(view.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(PgBrowserTest, SearchIsCaseInsensitiveAndLiteral) {
  EXPECT_EQ(AllIds("public.items", "TITLE 2", 50),
            (std::vector<std::string>{"2", "20", "21", "22", "23", "24", "25"}));
  std::vector<std::string> fives = {"5", "10", "15", "20", "25"};
  EXPECT_EQ(AllIds("public.items", "grüSSe", 50), std::vector<std::string>{});  // no ß folding
  EXPECT_EQ(AllIds("public.items", "GRÜSSE", 50), std::vector<std::string>{});
  EXPECT_EQ(AllIds("public.items", "gRüße 100%", 50), fives);
  EXPECT_EQ(AllIds("public.items", "%", 50), fives);   // a literal percent sign
  EXPECT_EQ(AllIds("public.items", "_x_", 50), fives);  // literal underscores
  EXPECT_EQ(AllIds("public.items", "\\", 50), fives);   // a literal backslash
  EXPECT_EQ(AllIds("public.items", "'q'", 50), fives);  // quotes
  EXPECT_EQ(AllIds("public.items", "t_tle", 50), std::vector<std::string>{});
  EXPECT_EQ(AllIds("public.items", "title 1", 4).size(), 11u);  // paged search

  auto no_text = browser_->ListRows("public.numbers_only", "x", "", 10);
  EXPECT_EQ(FieldOf(no_text.status()), "q");
}

TEST_F(PgBrowserTest, TypesSurviveTheRoundTrip) {
  auto row = browser_->GetRow("public.everything", "1");
  ASSERT_TRUE(row.ok()) << row.status();
  const boost::json::object& v = row->values;
  EXPECT_EQ(v.at("id"), 1);
  EXPECT_EQ(v.at("n"), "12345678901234567890.123456789");
  EXPECT_EQ(v.at("n_exact"), 3.25);
  EXPECT_EQ(v.at("big"), "9007199254740993");
  EXPECT_EQ(v.at("safe"), 42);
  EXPECT_EQ(v.at("ts"), "2026-11-25T20:36:41.123Z");
  EXPECT_EQ(v.at("tsl"), "2026-01-02T03:04:05");
  EXPECT_EQ(v.at("iv"), "P1Y2M3DT4H5M6S");
  EXPECT_EQ(v.at("jb"), boost::json::parse(R"({"a":[1,"x",null,true],"b":{"c":1.5}})"));
  EXPECT_EQ(v.at("js"), boost::json::parse(R"({"k":"v"})"));
  EXPECT_EQ(v.at("jb_big"), "{\"n\": 123456789012345678901234567890}");
  EXPECT_EQ(v.at("by"), "AP8Q");
  EXPECT_EQ(v.at("arr"), boost::json::parse("[[1,2],[3,null]]"));
  EXPECT_EQ(v.at("tarr"), boost::json::parse(R"(["a b","q\"uote","back\\slash",null,"Grüße"])"));
  EXPECT_EQ(v.at("m"), "ünïcode");
  EXPECT_EQ(v.at("marr"), boost::json::parse(R"(["happy","sad"])"));
  EXPECT_EQ(v.at("note"), "Grüße, 日本語 and emoji 😀");
  EXPECT_EQ(v.at("f8"), 0.5);
  EXPECT_EQ(v.at("flag"), true);
  EXPECT_TRUE(v.at("nothing").is_null());
  EXPECT_EQ(v.at("fixed"), "ab   ");
  // The listing maps the same way.
  auto page = browser_->ListRows("public.everything", "", "", 1);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->rows[0].values, v);
  // Non-ASCII search.
  EXPECT_EQ(AllIds("public.everything", "日本語", 5), std::vector<std::string>{"1"});
}

TEST_F(PgBrowserTest, EveryQueryIsReadOnlyAndTimeLimited) {
  auto evil = browser_->ListRows("public.evil_view", "", "", 10);
  EXPECT_EQ(evil.status().code(), absl::StatusCode::kFailedPrecondition) << evil.status();
  EXPECT_EQ(AdminValue("SELECT count(*) FROM canary"), "3");

  limits_.statement_timeout = std::chrono::milliseconds(200);
  PgBrowser hasty(*session_, limits_);
  auto slow = hasty.ListRows("public.slow", "", "", 1);
  EXPECT_EQ(slow.status().code(), absl::StatusCode::kDeadlineExceeded) << slow.status();
  // The session is usable afterwards.
  EXPECT_TRUE(browser_->GetRow("public.items", "1").ok());
}

TEST_F(PgBrowserTest, AServerThatStopsAnsweringTimesOutOnTheClientSide) {
  auto target = ParsePgUrl(db_.url() + "?sslmode=disable", AllowAll);
  ASSERT_TRUE(target.ok());
  auto session = PgSession::Connect(*target, AllowAll, std::chrono::milliseconds(800));
  ASSERT_TRUE(session.ok()) << session.status();
  limits_.statement_timeout = std::chrono::seconds(30);  // the server would wait
  PgBrowser patient(**session, limits_);
  auto start = std::chrono::steady_clock::now();
  auto slow = patient.ListRows("public.slow", "", "", 1);
  EXPECT_EQ(slow.status().code(), absl::StatusCode::kDeadlineExceeded) << slow.status();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2500));
  EXPECT_FALSE((*session)->Idle());
  EXPECT_EQ(patient.GetRow("public.items", "1").status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(PgBrowserTest, InjectionAttemptsChangeNothingAndAreClientErrors) {
  const std::string before_canary = AdminValue("SELECT string_agg(id || v, ',' ORDER BY id) FROM canary");
  auto expect_client_error = [](const absl::Status& s, const std::string& what) {
    EXPECT_TRUE(s.code() == absl::StatusCode::kInvalidArgument ||
                s.code() == absl::StatusCode::kNotFound)
        << what << " -> " << s;
  };
  const std::vector<std::string> hostile = {
      "x\"; DROP TABLE t; --",
      "public.t; DROP TABLE canary",
      "public.\"t\"\"; DROP TABLE canary; --\"",
      "public.\"t\"; DROP TABLE canary; --",
      "public.t' OR '1'='1",
      "public.canary--",
      "pg_catalog.pg_authid",
      "information_schema.tables",
      "public.\"canary\"\"\"",
      "public.*",
      "$1.$2",
      std::string("public.t\0x", 10),
      "public.\xc3\x28",
      std::string(5000, 'a') + ".t",
  };
  for (const std::string& container : hostile) {
    expect_client_error(browser_->ListRows(container, "", "", 10).status(), container);
    expect_client_error(browser_->GetRow(container, "1").status(), container);
  }
  const std::vector<std::string> hostile_ids = {
      "1; DROP TABLE t", "1' OR '1'='1", "' OR 1=1 --", "1) OR (1=1", "$1", "-1e999",
      "99999999999999999999", std::string("1\0 OR 1=1", 9), "\xff\xfe", std::string(9000, '9'),
      "NULL", ""};
  for (const std::string& id : hostile_ids) {
    expect_client_error(browser_->GetRow("public.canary", id).status(), "canary " + id);
    expect_client_error(browser_->GetRow("\"Weird \"\"Schema\"\"\".\"Tab.le\"", id).status(),
                        "composite " + id);
    expect_client_error(browser_->GetRow("public.nokey", id).status(), "nokey " + id);
  }
  for (const std::string& id :
       {std::string(R"(["a","1); DROP TABLE t; --"])"), std::string(R"(["a"])"),
        std::string(R"(["a",1])"), std::string(R"({"k":"a"})"), std::string("(0,1)) OR true --")}) {
    expect_client_error(browser_->GetRow("\"Weird \"\"Schema\"\"\".\"Tab.le\"", id).status(), id);
    expect_client_error(browser_->GetRow("public.nokey", id).status(), id);
  }
  // Hostile search text is just text: no match, or a refusal for NUL / bad UTF-8.
  for (const std::string& q : {std::string("'; DROP TABLE t; --"), std::string("%' OR '1'='1"),
                               std::string("\\'; DELETE FROM canary; --"), std::string("$1"),
                               std::string("_%_%\\%"), std::string("\") OR true --")}) {
    auto page = browser_->ListRows("public.canary", q, "", 10);
    ASSERT_TRUE(page.ok()) << q << " -> " << page.status();
    EXPECT_TRUE(page->rows.empty()) << q;
  }
  for (const std::string& q : {std::string("a\0b", 3), std::string("\xc3"), std::string(600, 'q')}) {
    auto page = browser_->ListRows("public.canary", q, "", 10);
    EXPECT_EQ(FieldOf(page.status()), "q");
  }
  // Forged cursors: garbage, wrong listing, hostile key values, wrong key columns.
  auto items_page = browser_->ListRows("public.items", "", "", 2);
  ASSERT_TRUE(items_page.ok() && items_page->next);
  auto containers_page = browser_->ListContainers("", 1);
  ASSERT_TRUE(containers_page.ok() && containers_page->next);
  const std::vector<std::string> forged = {
      "garbage!",
      core::Base64UrlEncode("{\"m\":\"pk\",\"k\":[\"1) OR 1=1; DROP TABLE t; --\"],\"c\":[\"id\"]}"),
      core::Base64UrlEncode("{\"m\":\"pk\",\"k\":[\"1\"],\"c\":[\"v; DROP TABLE t\"]}"),
      core::Base64UrlEncode("{\"m\":\"pk\",\"k\":[\"1\",\"2\"],\"c\":[\"id\"]}"),
      core::Base64UrlEncode("{\"m\":\"ctid\",\"k\":[\"(0,1)) OR true; DROP TABLE t; --\"]}"),
      core::Base64UrlEncode("{\"m\":\"off\",\"o\":1}"),
      core::Base64UrlEncode("{\"m\":\"rel\",\"k\":[\"public\",\"t\"]}"),
      *items_page->next + "x",
      *containers_page->next,
      std::string(20000, 'A'),
  };
  for (const std::string& cursor : forged) {
    auto page = browser_->ListRows("public.canary", "", cursor, 10);
    expect_client_error(page.status(), "cursor " + cursor);
    if (!page.ok() && page.status().code() == absl::StatusCode::kInvalidArgument) {
      EXPECT_EQ(FieldOf(page.status()), "cursor") << cursor;
    }
  }
  expect_client_error(
      browser_->ListRows("public.nokey", "",
                         EncodePgCursor({.mode = "ctid", .key = {"(0,1)) OR true; DROP TABLE t; --"}}),
                         10)
          .status(),
      "ctid cursor");
  expect_client_error(browser_->ListContainers(*items_page->next, 10).status(), "container cursor");
  // A container cursor's keys are only a position (bound as parameters): hostile ones list on.
  EXPECT_TRUE(browser_->ListContainers(
                          EncodePgCursor({.mode = "rel", .key = {"public'; DROP TABLE t; --", "x"}}),
                          10)
                  .ok());
  for (int limit : {0, -1, 201, 1 << 30}) {
    EXPECT_EQ(FieldOf(browser_->ListRows("public.canary", "", "", limit).status()), "limit");
  }

  // Nothing else ran: the tables are all there, the canary untouched.
  EXPECT_EQ(AdminValue("SELECT count(*) FROM t"), "1");
  EXPECT_EQ(AdminValue("SELECT string_agg(id || v, ',' ORDER BY id) FROM canary"), before_canary);
  EXPECT_EQ(AdminValue("SELECT count(*) FROM pg_class WHERE relname IN ('t', 'canary', 'items', "
                       "'everything', 'nokey', 'wide') AND relkind = 'r'"),
            "6");
  EXPECT_EQ(AdminValue("SELECT count(*) FROM items"), "25");
  // And the session still answers.
  EXPECT_TRUE(browser_->GetRow("public.canary", "1").ok());
}

TEST_F(PgBrowserTest, ProbeIsARealRoundTrip) {
  auto info = browser_->Probe();
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->user, "postgres");
  EXPECT_EQ(info->database, AdminValue("SELECT current_database()"));
  EXPECT_FALSE(info->server_version.empty());
  db_.Drop();  // the database goes away: the check fails, and says so without an Internal
  auto gone = browser_->Probe();
  EXPECT_EQ(gone.status().code(), absl::StatusCode::kUnavailable) << gone.status();
}

TEST_F(PgBrowserTest, ConnectAppliesTheHostCheckToResolvedAddresses) {
  auto target = ParsePgUrl(db_.url() + "?sslmode=disable", AllowAll);
  ASSERT_TRUE(target.ok());
  std::vector<std::string> seen;
  HostCheck deny = [&](std::string_view host) {
    seen.emplace_back(host);
    return absl::PermissionDeniedError("host is on a private network");
  };
  auto refused = PgSession::Connect(*target, deny, std::chrono::seconds(2));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_FALSE(seen.empty());

  // The default sslmode (require) never falls back to plaintext: the test cluster has no TLS.
  auto strict = ParsePgUrl(db_.url(), AllowAll);
  ASSERT_TRUE(strict.ok());
  EXPECT_EQ(strict->sslmode, "require");
  auto no_tls = PgSession::Connect(*strict, AllowAll, std::chrono::seconds(2));
  EXPECT_EQ(no_tls.status().code(), absl::StatusCode::kUnavailable) << no_tls.status();

  target->port = 1;  // nothing listens there
  auto unreachable = PgSession::Connect(*target, AllowAll, std::chrono::seconds(2));
  EXPECT_EQ(unreachable.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace ucf::connectors::postgres
