// Contract: synced records and their change feed; provider webhooks, outbound subscriptions and
// deliveries.

#include <chrono>
#include <string>
#include <vector>

#include "boost/json/parse.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/open/contract_test_fixture.hpp"
#include "ucf/storage/sql/record_statements.hpp"

namespace ucf::storage::test_support {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

SyncedRecord Rec(const std::string& model, const std::string& id, const std::string& hash) {
  SyncedRecord r;
  r.model = model;
  r.external_id = id;
  r.hash = hash;
  r.data["title"] = id + "@" + hash;
  return r;
}

TEST_P(StorageContractTest, RecordsUpsertBatchAndChangeFeed) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  auto upsert = [&](std::vector<SyncedRecord> batch) {
    return Write([&](Session& s) { return s.records().UpsertBatch("a", c.id, batch); });
  };
  auto changes = [&](std::int64_t after, const RecordFilter& filter = {}, int limit = 100) {
    return Read(
        [&](Session& s) { return s.records().ListChanges("a", c.id, filter, after, limit); });
  };

  SyncedRecord first = Rec("issue", "1", "h1");
  first.updated_at = clock_.Now() - minutes(5);
  UCF_ASSERT_OK_AND_ASSIGN(UpsertBatchResult r1,
                           upsert({first, Rec("issue", "2", "h1"), Rec("comment", "9", "h1")}));
  EXPECT_EQ(r1.changed, 3);
  EXPECT_EQ(r1.unchanged, 0);
  UCF_ASSERT_OK_AND_ASSIGN(RecordChanges all, changes(0));
  ASSERT_EQ(all.items.size(), 3u);
  EXPECT_EQ(all.items[0].seq, 1);
  EXPECT_EQ(all.items[2].seq, 3);
  EXPECT_EQ(all.last_seq, 3);
  EXPECT_FALSE(all.has_more);
  EXPECT_EQ(all.items[0].data.at("title"), "1@h1");
  EXPECT_EQ(all.items[0].updated_at, clock_.Now() - minutes(5));
  EXPECT_EQ(all.items[0].seen_at, clock_.Now());
  EXPECT_FALSE(all.items[0].deleted);

  // Same hashes: nothing changes but seen_at.
  clock_.Advance(minutes(1));
  UCF_ASSERT_OK_AND_ASSIGN(UpsertBatchResult r2,
                           upsert({Rec("issue", "1", "h1"), Rec("issue", "2", "h1")}));
  EXPECT_EQ(r2.changed, 0);
  EXPECT_EQ(r2.unchanged, 2);
  UCF_ASSERT_OK_AND_ASSIGN(RecordChanges none, changes(3));
  EXPECT_TRUE(none.items.empty());
  EXPECT_EQ(none.last_seq, 3);
  UCF_ASSERT_OK_AND_ASSIGN(SyncedRecord same, Read([&](Session& s) {
                             return s.records().Get("a", c.id, "issue", "1");
                           }));
  EXPECT_EQ(same.seq, 1);
  EXPECT_EQ(same.seen_at, clock_.Now());
  EXPECT_EQ(same.data.at("title"), "1@h1");

  // A changed hash gets a new seq and the new data.
  UCF_ASSERT_OK_AND_ASSIGN(UpsertBatchResult r3,
                           upsert({Rec("issue", "2", "h2"), Rec("issue", "3", "h1")}));
  EXPECT_EQ(r3.changed, 2);
  UCF_ASSERT_OK_AND_ASSIGN(RecordChanges after3, changes(3));
  ASSERT_EQ(after3.items.size(), 2u);
  EXPECT_EQ(after3.items[0].external_id, "2");
  EXPECT_EQ(after3.items[0].seq, 4);
  EXPECT_EQ(after3.items[0].data.at("title"), "2@h2");
  EXPECT_EQ(after3.items[1].seq, 5);

  // Paging and filters.
  UCF_ASSERT_OK_AND_ASSIGN(RecordChanges page1, changes(0, {}, 2));
  EXPECT_EQ(page1.items.size(), 2u);
  EXPECT_TRUE(page1.has_more);
  UCF_ASSERT_OK_AND_ASSIGN(RecordChanges page2, changes(page1.last_seq, {}, 2));
  EXPECT_EQ(page2.items.front().seq, page1.last_seq + 1);
  UCF_ASSERT_OK_AND_ASSIGN(RecordChanges comments, changes(0, {.model = "comment"}));
  ASSERT_EQ(comments.items.size(), 1u);
  EXPECT_EQ(comments.items[0].external_id, "9");
  UCF_ASSERT_OK_AND_ASSIGN(RecordChanges modified,
                           changes(0, {.modified_after = clock_.Now() - minutes(10)}));
  ASSERT_EQ(modified.items.size(), 1u);  // only "1" carries a provider time
  EXPECT_EQ(modified.items[0].external_id, "1");

  // Deletion is a change; a deleted record that comes back is one too.
  std::vector<std::string> gone = {"1", "404"};
  UCF_ASSERT_OK_AND_ASSIGN(std::int64_t deleted, Write([&](Session& s) {
                             return s.records().MarkDeleted("a", c.id, "issue", gone);
                           }));
  EXPECT_EQ(deleted, 1);
  UCF_ASSERT_OK_AND_ASSIGN(RecordChanges after5, changes(5));
  ASSERT_EQ(after5.items.size(), 1u);
  EXPECT_TRUE(after5.items[0].deleted);
  EXPECT_EQ(after5.items[0].seq, 6);
  UCF_ASSERT_OK_AND_ASSIGN(UpsertBatchResult revived, upsert({Rec("issue", "1", "h1")}));
  EXPECT_EQ(revived.changed, 1);
  UCF_ASSERT_OK_AND_ASSIGN(SyncedRecord back, Read([&](Session& s) {
                             return s.records().Get("a", c.id, "issue", "1");
                           }));
  EXPECT_FALSE(back.deleted);
  EXPECT_EQ(back.seq, 7);

  // After a full sync, records not seen since it started are deleted.
  clock_.Advance(minutes(1));
  core::TimePoint sync_start = clock_.Now();
  UCF_ASSERT_OK(upsert({Rec("issue", "1", "h1"), Rec("issue", "3", "h1")}));
  UCF_ASSERT_OK_AND_ASSIGN(std::int64_t unseen, Write([&](Session& s) {
                             return s.records().MarkUnseenDeleted("a", c.id, "issue", sync_start);
                           }));
  EXPECT_EQ(unseen, 1);  // "2"
  UCF_ASSERT_OK_AND_ASSIGN(
      SyncedRecord two, Read([&](Session& s) { return s.records().Get("a", c.id, "issue", "2"); }));
  EXPECT_TRUE(two.deleted);

  // Isolation: another tenant sees nothing and cannot write to this connection.
  AddTenant("b");
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    std::vector<SyncedRecord> batch = {Rec("issue", "x", "h")};
                    return s.records().UpsertBatch("b", c.id, batch);
                  }),
                  kNotFound);
  UCF_ASSERT_OK_AND_ASSIGN(RecordChanges foreign, Read([&](Session& s) {
                             return s.records().ListChanges("b", c.id, {}, 0, 100);
                           }));
  EXPECT_TRUE(foreign.items.empty());
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.records().Get("b", c.id, "issue", "1"); }),
                  kNotFound);
}

TEST_P(StorageContractTest, RecordsLargeBatchInOneTransaction) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  std::vector<SyncedRecord> batch;
  for (int i = 0; i < 2000; ++i) batch.push_back(Rec("issue", std::to_string(i), "h"));
  UCF_ASSERT_OK_AND_ASSIGN(UpsertBatchResult r, Write([&](Session& s) {
                             return s.records().UpsertBatch("a", c.id, batch);
                           }));
  EXPECT_EQ(r.changed, 2000);
  UCF_ASSERT_OK_AND_ASSIGN(
      r, Write([&](Session& s) { return s.records().UpsertBatch("a", c.id, batch); }));
  EXPECT_EQ(r.unchanged, 2000);
  UCF_ASSERT_OK_AND_ASSIGN(RecordChanges tail, Read([&](Session& s) {
                             return s.records().ListChanges("a", c.id, {}, 1990, 100);
                           }));
  EXPECT_EQ(tail.items.size(), 10u);
  EXPECT_EQ(tail.last_seq, 2000);
}

// A batch is decided record by record, in order, whatever the statements behind it: mixed models,
// chunk boundaries, an id twice in one batch, a deleted record seen again, unchanged records
// between changed ones.
TEST_P(StorageContractTest, RecordsBatchDecidesEachRecordInOrder) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  auto upsert = [&](const std::vector<SyncedRecord>& batch) {
    return Write([&](Session& s) { return s.records().UpsertBatch("a", c.id, batch); });
  };
  std::vector<SyncedRecord> batch;
  for (int i = 0; i < 250; ++i) batch.push_back(Rec(i % 50 == 49 ? "comment" : "issue", std::to_string(i), "h1"));
  UCF_ASSERT_OK_AND_ASSIGN(UpsertBatchResult r1, upsert(batch));
  EXPECT_EQ(r1.changed, 250);
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.records().MarkDeleted("a", c.id, "issue", std::vector<std::string>{"3"}).status();
  }));  // seq 251

  clock_.Advance(seconds(5));
  // 0..149 again: 10 changed hash, "3" revived with its old hash, "7" twice (changed, then back).
  std::vector<SyncedRecord> again;
  for (int i = 0; i < 150; ++i) again.push_back(Rec(i % 50 == 49 ? "comment" : "issue", std::to_string(i), i % 15 == 0 ? "h2" : "h1"));
  again.push_back(Rec("issue", "7", "h3"));
  UCF_ASSERT_OK_AND_ASSIGN(UpsertBatchResult r2, upsert(again));
  EXPECT_EQ(r2.changed, 10 + 1 + 1);
  EXPECT_EQ(r2.unchanged, 150 - 10 - 1);
  UCF_ASSERT_OK_AND_ASSIGN(RecordChanges feed, Read([&](Session& s) {
                             return s.records().ListChanges("a", c.id, {}, 251, 100);
                           }));
  ASSERT_EQ(feed.items.size(), 12u);
  for (std::size_t i = 0; i < feed.items.size(); ++i) EXPECT_EQ(feed.items[i].seq, 252 + static_cast<std::int64_t>(i));
  UCF_ASSERT_OK_AND_ASSIGN(SyncedRecord three, Read([&](Session& s) { return s.records().Get("a", c.id, "issue", "3"); }));
  EXPECT_FALSE(three.deleted);
  EXPECT_EQ(three.seen_at, clock_.Now());
  UCF_ASSERT_OK_AND_ASSIGN(SyncedRecord seven, Read([&](Session& s) { return s.records().Get("a", c.id, "issue", "7"); }));
  EXPECT_EQ(seven.hash, "h3");
  EXPECT_EQ(seven.data.at("title"), "7@h3");
  EXPECT_EQ(seven.seen_at, clock_.Now());
  UCF_ASSERT_OK_AND_ASSIGN(SyncedRecord untouched, Read([&](Session& s) { return s.records().Get("a", c.id, "issue", "200"); }));
  EXPECT_LT(untouched.seen_at, clock_.Now());
  UCF_ASSERT_OK_AND_ASSIGN(SyncedRecord same, Read([&](Session& s) { return s.records().Get("a", c.id, "comment", "99"); }));
  EXPECT_EQ(same.seen_at, clock_.Now());
  EXPECT_EQ(same.seq, 100);
}

// Ids are matched by their exact text (PostgreSQL passes a page's ids as one JSON array: quotes,
// backslashes, braces, commas and non-ASCII must survive), only within the connection, and an
// unchanged page moves seen_at of exactly its records.
TEST_P(StorageContractTest, RecordsBatchMatchesIdsByExactText) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  ConnectionRecord other = AddConnection("a", "other");
  const std::vector<std::string> ids = {"plain", "quo\"te", "back\\slash", "{brace,comma}", "ünï 💡", "NULL", ""};
  auto batch = [&](const std::string& hash) {
    std::vector<SyncedRecord> out;
    for (const std::string& id : ids) out.push_back(Rec("issue", id, hash));
    return out;
  };
  auto upsert = [&](const ConnectionRecord& conn, const std::vector<SyncedRecord>& records) {
    return Write([&](Session& s) { return s.records().UpsertBatch("a", conn.id, records); });
  };
  UCF_ASSERT_OK_AND_ASSIGN(UpsertBatchResult first, upsert(c, batch("h1")));
  EXPECT_EQ(first.changed, static_cast<std::int64_t>(ids.size()));
  UCF_ASSERT_OK_AND_ASSIGN(UpsertBatchResult elsewhere, upsert(other, batch("h1")));
  EXPECT_EQ(elsewhere.changed, static_cast<std::int64_t>(ids.size()));  // another connection's ids are not these
  clock_.Advance(seconds(5));
  UCF_ASSERT_OK_AND_ASSIGN(UpsertBatchResult again, upsert(c, batch("h1")));
  EXPECT_EQ(again.changed, 0);
  EXPECT_EQ(again.unchanged, static_cast<std::int64_t>(ids.size()));
  for (const std::string& id : ids) {
    UCF_ASSERT_OK_AND_ASSIGN(SyncedRecord seen, Read([&](Session& s) { return s.records().Get("a", c.id, "issue", id); }));
    EXPECT_EQ(seen.seen_at, clock_.Now()) << id;
    UCF_ASSERT_OK_AND_ASSIGN(SyncedRecord kept, Read([&](Session& s) { return s.records().Get("a", other.id, "issue", id); }));
    EXPECT_LT(kept.seen_at, clock_.Now()) << id;
  }
  std::vector<SyncedRecord> changed = batch("h1");
  changed[1].hash = "h2";
  UCF_ASSERT_OK_AND_ASSIGN(UpsertBatchResult one, upsert(c, changed));
  EXPECT_EQ(one.changed, 1);
  EXPECT_EQ(one.unchanged, static_cast<std::int64_t>(ids.size()) - 1);
}

// PostgreSQL: a page's lookups probe the primary key once per id, and the last seq is one index
// read, even with no statistics on the table (a first sync), never a scan of the connection's records through records_seq and a filter
// (which made a first sync of N records O(N²): storage/sql/record_statements.hpp). The plans are
// checked by EXPLAIN ANALYZE inside a DO block that raises on a filtered or records_seq scan.
TEST_P(StorageContractTest, RecordsPagesProbeThePrimaryKeyOnPostgres) {
  if (GetParam() == Engine::kSqlite) GTEST_SKIP() << "PostgreSQL's planner only";
  // No statistics for the whole test, whenever autovacuum would have come by: the worst case.
  UCF_ASSERT_OK(RawExec("ALTER TABLE records SET (autovacuum_enabled = false)"));
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  for (int page = 0; page < 30; ++page) {
    std::vector<SyncedRecord> batch;
    for (int i = 0; i < 100; ++i) batch.push_back(Rec("issue", std::to_string(page * 100 + i), "h1"));
    UCF_ASSERT_OK(Write([&](Session& s) { return s.records().UpsertBatch("a", c.id, batch).status(); }));
  }
  std::string ids = "[";
  for (int i = 1000; i < 1100; ++i) core::StrAppend(&ids, i == 1000 ? "\"" : ",\"", i, "\"");
  ids += "]";
  // Raises when a line of the plan matches `forbidden` (a LIKE condition on `line`).
  auto check = [&](std::string_view statement, std::string_view args,
                   std::string_view forbidden = "line LIKE '%Rows Removed by Filter%' OR line LIKE '%records_seq%' "
                                                "OR line LIKE '%Seq Scan on records%'") {
    return RawExec(core::StrCat(
        "DO $check$ DECLARE line text; BEGIN "
        "FOR line IN EXECUTE 'EXPLAIN ANALYZE ' || $stmt$", statement, "$stmt$ USING ", args, " LOOP "
        "IF ", forbidden, " THEN RAISE EXCEPTION 'not the intended plan: %', line; END IF; "
        "END LOOP; END $check$"));
  };
  std::string common = core::StrCat("'a'::text, '", c.id, "'::text, 'issue'::text");
  UCF_EXPECT_OK(check(sql::kPgStoredHashes, core::StrCat(common, ", '", ids, "'::jsonb")));
  UCF_EXPECT_OK(check(sql::kPgTouchSeen, core::StrCat(common, ", now(), '", ids, "'::jsonb")));
  // The last seq: one backward read of records_seq, not an aggregate over the connection's records.
  UCF_EXPECT_OK(check(sql::kLastSeq, core::StrCat("'a'::text, '", c.id, "'::text"),
                      "line LIKE '%Aggregate%' OR line LIKE '%Sort%' OR line LIKE '%Seq Scan%' OR line LIKE '%records_pkey%'"));
  UCF_EXPECT_CODE(check(core::StrCat("SELECT MAX(seq) FROM records WHERE tenant_id = $1 AND connection_id = $2 AND seq >= 0"),
                        core::StrCat("'a'::text, '", c.id, "'::text"), "line LIKE '%rows=3000 %'"),
                  kInternal);
  // A page of the change feed (as SqlRecordStore::ListChanges builds it), of one model too: an
  // ordered read of records_seq, never a sort of the connection's records (which would make
  // reading the whole feed O(N²)).
  for (std::string_view model : {"", " AND model = $4"}) {
    UCF_EXPECT_OK(check(core::StrCat("SELECT seq FROM records WHERE tenant_id = $1 AND connection_id = $2 "
                                     "AND seq > $3 AND seq >= 0", model, " ORDER BY seq LIMIT 101"),
                        core::StrCat("'a'::text, '", c.id, "'::text, 1500::bigint", model.empty() ? "" : ", 'issue'::text"),
                        "line LIKE '%Sort%' OR line LIKE '%Seq Scan%' OR line LIKE '%records_pkey%'"));
  }
  // The same probes with IN (…) take the filtered scan here: the check can tell them apart.
  UCF_EXPECT_CODE(check(core::StrCat("SELECT external_id FROM records WHERE tenant_id = $1 AND connection_id = $2 "
                                     "AND model = $3 AND seq >= 0 AND external_id IN ('1000', '1001')"),
                        common),
                  kInternal);
}

// A record written from its serialised data (no DOM: SyncedRecord::data_json) is stored as those
// bytes and reads back as the object they spell; `data` is ignored then.
TEST_P(StorageContractTest, RecordsStoreSerialisedDataAsGiven) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  SyncedRecord rec = Rec("issue", "1", "h1");
  rec.data = boost::json::object{{"ignored", true}};
  rec.data_json = R"({"title":"Ünïcode \"quoted\"","n":[1,2.5,null],"nested":{"ok":true}})";
  UCF_ASSERT_OK(Write([&](Session& s) { return s.records().UpsertBatch("a", c.id, {rec}).status(); }));
  UCF_ASSERT_OK_AND_ASSIGN(SyncedRecord read, Read([&](Session& s) { return s.records().Get("a", c.id, "issue", "1"); }));
  EXPECT_EQ(read.data, boost::json::parse(rec.data_json).as_object());
  EXPECT_TRUE(read.data_json.empty());
  EXPECT_EQ(read.hash, "h1");
}

TEST_P(StorageContractTest, ProviderWebhooks) {
  AddTenant("a");
  AddTenant("b");
  ConnectionRecord c = AddConnection("a", "main");
  WebhookRecord w{.tenant_id = "a",
                  .connection_id = c.id,
                  .connector_id = "github",
                  .provider_webhook_id = "gh-77",
                  .secret = "whsec-provider",
                  .events = {"issues", "issue_comment"},
                  .callback_url = "https://ucf.example/webhooks/github/" + c.id,
                  .expires_at = clock_.Now() + minutes(60)};
  UCF_ASSERT_OK_AND_ASSIGN(WebhookRecord stored,
                           Write([&](Session& s) { return s.webhooks().Create(w); }));
  EXPECT_TRUE(stored.id.starts_with("whk_"));
  EXPECT_EQ(stored.secret, "whsec-provider");
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    WebhookRecord foreign = w;
                    foreign.tenant_id = "b";
                    return s.webhooks().Create(foreign);
                  }),
                  kNotFound);

  UCF_ASSERT_OK_AND_ASSIGN(WebhookRecord got,
                           Read([&](Session& s) { return s.webhooks().Get("a", stored.id); }));
  EXPECT_EQ(got.events, (std::vector<std::string>{"issues", "issue_comment"}));
  EXPECT_EQ(got.expires_at, clock_.Now() + minutes(60));
  UCF_ASSERT_OK_AND_ASSIGN(auto of_a, Read([&](Session& s) { return s.webhooks().List("a", {}); }));
  EXPECT_EQ(of_a.size(), 1u);
  UCF_ASSERT_OK_AND_ASSIGN(auto of_conn, Read([&](Session& s) {
                             return s.webhooks().List("a", std::string_view(c.id));
                           }));
  EXPECT_EQ(of_conn.size(), 1u);
  UCF_ASSERT_OK_AND_ASSIGN(
      auto inbound, Read([&](Session& s) { return s.webhooks().ListForInbound("github", c.id); }));
  ASSERT_EQ(inbound.size(), 1u);
  EXPECT_EQ(inbound[0].tenant_id, "a");
  UCF_ASSERT_OK_AND_ASSIGN(auto wrong_connector, Read([&](Session& s) {
                             return s.webhooks().ListForInbound("jira", c.id);
                           }));
  EXPECT_TRUE(wrong_connector.empty());

  // Keep-alive: due webhooks across tenants, soonest first; expiry updates stay in the tenant.
  UCF_ASSERT_OK_AND_ASSIGN(auto not_due, Read([&](Session& s) {
                             return s.webhooks().ListDue(clock_.Now(), clock_.Now() + minutes(30), 10);
                           }));
  EXPECT_TRUE(not_due.empty());
  UCF_ASSERT_OK_AND_ASSIGN(auto due, Read([&](Session& s) {
                             return s.webhooks().ListDue(clock_.Now(), clock_.Now() + minutes(90), 10);
                           }));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, stored.id);
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.webhooks().UpdateExpiry("b", stored.id, clock_.Now() + minutes(600));
                  }),
                  kNotFound);
  UCF_EXPECT_OK(Write([&](Session& s) {
    return s.webhooks().UpdateExpiry("a", stored.id, clock_.Now() + minutes(600));
  }));
  UCF_ASSERT_OK_AND_ASSIGN(auto later, Read([&](Session& s) {
                             return s.webhooks().ListDue(clock_.Now(), clock_.Now() + minutes(90), 10);
                           }));
  EXPECT_TRUE(later.empty());

  UCF_EXPECT_CODE(Read([&](Session& s) { return s.webhooks().Get("b", stored.id); }), kNotFound);
  UCF_ASSERT_OK_AND_ASSIGN(auto of_b, Read([&](Session& s) { return s.webhooks().List("b", {}); }));
  EXPECT_TRUE(of_b.empty());
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.webhooks().Delete("b", stored.id); }),
                  kNotFound);
  UCF_EXPECT_OK(Write([&](Session& s) { return s.webhooks().Delete("a", stored.id); }));
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.webhooks().Delete("a", stored.id); }),
                  kNotFound);
}

TEST_P(StorageContractTest, SubscriptionsAndDeliveries) {
  AddTenant("a");
  AddTenant("b");
  UCF_ASSERT_OK_AND_ASSIGN(WebhookSubscriptionRecord all_events, Write([&](Session& s) {
                             return s.webhook_subscriptions().Create(
                                 {.tenant_id = "a", .url = "https://app/hook", .secret = "sub-1"});
                           }));
  EXPECT_TRUE(all_events.id.starts_with("wsub_"));
  EXPECT_TRUE(all_events.active);
  EXPECT_EQ(all_events.secret, "sub-1");
  clock_.Advance(seconds(1));
  UCF_ASSERT_OK_AND_ASSIGN(WebhookSubscriptionRecord jobs_only, Write([&](Session& s) {
                             return s.webhook_subscriptions().Create({.tenant_id = "a",
                                                                      .url = "https://app/jobs",
                                                                      .secret = "sub-2",
                                                                      .events = {"job.finished"}});
                           }));
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.webhook_subscriptions().Create({.tenant_id = "zz", .secret = "x"});
                  }),
                  kNotFound);

  auto for_event = [&](const std::string& event) {
    absl::StatusOr<std::vector<WebhookSubscriptionRecord>> subs =
        Read([&](Session& s) { return s.webhook_subscriptions().ListForEvent("a", event); });
    EXPECT_TRUE(subs.ok()) << subs.status();
    return subs.ok() ? subs->size() : 0u;
  };
  EXPECT_EQ(for_event("job.finished"), 2u);
  EXPECT_EQ(for_event("connection.created"), 1u);
  UCF_ASSERT_OK(Write(
      [&](Session& s) { return s.webhook_subscriptions().SetActive("a", all_events.id, false); }));
  EXPECT_EQ(for_event("connection.created"), 0u);
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.webhook_subscriptions().SetActive("b", jobs_only.id, false);
                  }),
                  kNotFound);
  UCF_ASSERT_OK_AND_ASSIGN(auto listed,
                           Read([&](Session& s) { return s.webhook_subscriptions().List("a"); }));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, all_events.id);
  EXPECT_FALSE(listed[0].active);
  EXPECT_EQ(listed[1].events, std::vector<std::string>{"job.finished"});
  UCF_EXPECT_CODE(
      Read([&](Session& s) { return s.webhook_subscriptions().Get("b", jobs_only.id); }),
      kNotFound);

  // Deliveries: queue three, claim the due ones, record outcomes, page the log.
  std::vector<std::string> delivery_ids;
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(seconds(1));
    WebhookDeliveryRecord d{.tenant_id = "a",
                            .subscription_id = jobs_only.id,
                            .event = "job.finished",
                            .payload = {{"jobId", "job_" + std::to_string(i)}}};
    if (i == 2) d.next_attempt_at = clock_.Now() + minutes(10);  // not due yet
    UCF_ASSERT_OK_AND_ASSIGN(WebhookDeliveryRecord stored,
                             Write([&](Session& s) { return s.webhook_deliveries().Create(d); }));
    EXPECT_EQ(stored.status, kDeliveryPending);
    delivery_ids.push_back(stored.id);
  }
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.webhook_deliveries().Create(
                        {.tenant_id = "b", .subscription_id = jobs_only.id, .event = "x"});
                  }),
                  kNotFound);

  UCF_ASSERT_OK_AND_ASSIGN(auto due, Write([&](Session& s) {
                             return s.webhook_deliveries().ClaimDue(clock_.Now(), seconds(30), 10);
                           }));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, delivery_ids[0]);
  EXPECT_EQ(due[1].id, delivery_ids[1]);
  EXPECT_EQ(due[0].next_attempt_at, clock_.Now() + seconds(30));
  UCF_ASSERT_OK_AND_ASSIGN(auto again, Write([&](Session& s) {
                             return s.webhook_deliveries().ClaimDue(clock_.Now(), seconds(30), 10);
                           }));
  EXPECT_TRUE(again.empty()) << "claimed deliveries are leased";

  UCF_ASSERT_OK_AND_ASSIGN(WebhookDeliveryRecord ok, Write([&](Session& s) {
                             return s.webhook_deliveries().Update(
                                 "a", delivery_ids[0],
                                 {.status = std::string(kDeliverySucceeded), .attempts = 1});
                           }));
  EXPECT_EQ(ok.status, kDeliverySucceeded);
  EXPECT_FALSE(ok.next_attempt_at.has_value());
  UCF_ASSERT_OK_AND_ASSIGN(WebhookDeliveryRecord retry, Write([&](Session& s) {
                             return s.webhook_deliveries().Update(
                                 "a", delivery_ids[1],
                                 {.status = std::string(kDeliveryPending),
                                  .attempts = 1,
                                  .next_attempt_at = clock_.Now() + minutes(1),
                                  .last_error = "HTTP 503"});
                           }));
  EXPECT_EQ(retry.last_error, "HTTP 503");
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.webhook_deliveries().Update("b", delivery_ids[1],
                                                         {.status = std::string(kDeliveryFailed)});
                  }),
                  kNotFound);
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.webhook_deliveries().Update("a", delivery_ids[1], {.status = "bogus"});
                  }),
                  kInvalidArgument);

  clock_.Advance(minutes(11));
  UCF_ASSERT_OK_AND_ASSIGN(due, Write([&](Session& s) {
                             return s.webhook_deliveries().ClaimDue(clock_.Now(), seconds(30), 10);
                           }));
  EXPECT_EQ(due.size(), 2u) << "the retry and the delayed one";

  UCF_ASSERT_OK_AND_ASSIGN(Page<WebhookDeliveryRecord> p1, Read([&](Session& s) {
                             return s.webhook_deliveries().List("a", {}, "", 2);
                           }));
  ASSERT_EQ(p1.items.size(), 2u);
  EXPECT_EQ(p1.items[0].id, delivery_ids[2]);
  ASSERT_TRUE(p1.next.has_value());
  UCF_ASSERT_OK_AND_ASSIGN(Page<WebhookDeliveryRecord> p2, Read([&](Session& s) {
                             return s.webhook_deliveries().List("a", std::string_view(jobs_only.id),
                                                                *p1.next, 2);
                           }));
  ASSERT_EQ(p2.items.size(), 1u);
  EXPECT_EQ(p2.items[0].id, delivery_ids[0]);
  EXPECT_FALSE(p2.next.has_value());
  UCF_ASSERT_OK_AND_ASSIGN(Page<WebhookDeliveryRecord> of_b, Read([&](Session& s) {
                             return s.webhook_deliveries().List("b", {}, "", 10);
                           }));
  EXPECT_TRUE(of_b.items.empty());
  UCF_EXPECT_CODE(
      Read([&](Session& s) { return s.webhook_deliveries().Get("b", delivery_ids[0]); }),
      kNotFound);

  // Deleting a subscription deletes its deliveries.
  UCF_EXPECT_CODE(
      Write([&](Session& s) { return s.webhook_subscriptions().Delete("b", jobs_only.id); }),
      kNotFound);
  UCF_EXPECT_OK(
      Write([&](Session& s) { return s.webhook_subscriptions().Delete("a", jobs_only.id); }));
  UCF_EXPECT_CODE(
      Read([&](Session& s) { return s.webhook_deliveries().Get("a", delivery_ids[0]); }),
      kNotFound);
}

}  // namespace
}  // namespace ucf::storage::test_support
