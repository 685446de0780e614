// Contract: connections (CRUD, upsert under concurrency, keyset pagination) and transactions.

#include <atomic>
#include <chrono>
#include <set>
#include <thread>
#include <tuple>
#include <vector>

#include "boost/json/parse.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/storage/open/contract_test_fixture.hpp"

namespace ucf::storage::test_support {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

ConnectionRecord NewConnection(const std::string& tenant, const std::string& name) {
  ConnectionRecord c;
  c.tenant_id = tenant;
  c.connector_id = "jira";
  c.name = name;
  c.auth_method = "oauth2";
  c.status = ConnectionStatus::kPending;
  c.config["baseUrl"] = "https://acme.atlassian.net";
  c.secret_config["apiToken"] = "tok-" + name;
  c.metadata["cloudId"] = "c-1";
  return c;
}

TEST_P(StorageContractTest, ConnectionsCrud) {
  AddTenant("a");
  UCF_ASSERT_OK_AND_ASSIGN(ConnectionRecord created, Write([&](Session& s) {
                             return s.connections().Create(NewConnection("a", "main"));
                           }));
  EXPECT_TRUE(created.id.starts_with("con_"));
  EXPECT_EQ(created.created_at, clock_.Now());
  EXPECT_EQ(created.updated_at, clock_.Now());
  EXPECT_EQ(created.status, ConnectionStatus::kPending);
  EXPECT_EQ(created.secret_config.at("apiToken"), "tok-main");
  EXPECT_FALSE(created.last_validated_at.has_value());

  UCF_EXPECT_CODE(
      Write([&](Session& s) { return s.connections().Create(NewConnection("a", "main")); }),
      kAlreadyExists);
  UCF_EXPECT_CODE(
      Write([&](Session& s) { return s.connections().Create(NewConnection("missing", "main")); }),
      kNotFound);

  UCF_ASSERT_OK_AND_ASSIGN(ConnectionRecord got,
                           Read([&](Session& s) { return s.connections().Get("a", created.id); }));
  EXPECT_EQ(got.name, "main");
  EXPECT_EQ(got.connector_id, "jira");
  EXPECT_EQ(got.auth_method, "oauth2");
  EXPECT_EQ(got.config, created.config);
  EXPECT_EQ(got.secret_config, created.secret_config);
  EXPECT_EQ(got.metadata.at("cloudId"), "c-1");
  UCF_ASSERT_OK_AND_ASSIGN(
      got, Read([&](Session& s) { return s.connections().GetByName("a", "jira", "main"); }));
  EXPECT_EQ(got.id, created.id);
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.connections().Get("a", "con_nope"); }),
                  kNotFound);

  clock_.Advance(seconds(10));
  ConnectionUpdate update;
  update.status = ConnectionStatus::kConnected;
  update.config = boost::json::object{{"baseUrl", "https://other.atlassian.net"}};
  update.secret_config = boost::json::object{{"apiToken", "rotated"}};
  update.last_validated_at = clock_.Now();
  UCF_ASSERT_OK_AND_ASSIGN(ConnectionRecord updated, Write([&](Session& s) {
                             return s.connections().Update("a", created.id, update);
                           }));
  EXPECT_EQ(updated.status, ConnectionStatus::kConnected);
  EXPECT_EQ(updated.config.at("baseUrl"), "https://other.atlassian.net");
  EXPECT_EQ(updated.secret_config.at("apiToken"), "rotated");
  EXPECT_EQ(updated.metadata.at("cloudId"), "c-1") << "unset fields keep their value";
  EXPECT_EQ(updated.last_validated_at, clock_.Now());
  EXPECT_EQ(updated.updated_at, clock_.Now());
  EXPECT_EQ(updated.created_at, created.created_at);

  // Renaming onto another connection of the same connector collides.
  UCF_ASSERT_OK(
      Write([&](Session& s) { return s.connections().Create(NewConnection("a", "second")); }));
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.connections().Update("a", created.id, {.name = "second"});
                  }),
                  kAlreadyExists);
  UCF_ASSERT_OK_AND_ASSIGN(updated, Write([&](Session& s) {
                             return s.connections().Update("a", created.id, {.name = "renamed"});
                           }));
  EXPECT_EQ(updated.name, "renamed");
  UCF_EXPECT_CODE(
      Write([&](Session& s) { return s.connections().Update("a", "con_nope", {.name = "x"}); }),
      kNotFound);

  UCF_EXPECT_OK(Write([&](Session& s) { return s.connections().Delete("a", created.id); }));
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.connections().Delete("a", created.id); }),
                  kNotFound);
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.connections().Get("a", created.id); }),
                  kNotFound);
}

TEST_P(StorageContractTest, ConnectionsUpsertKeepsIdentity) {
  AddTenant("a");
  UCF_ASSERT_OK_AND_ASSIGN(ConnectionUpsertResult first, Write([&](Session& s) {
                             return s.connections().Upsert(NewConnection("a", "main"));
                           }));
  EXPECT_TRUE(first.created);

  clock_.Advance(seconds(1));
  ConnectionRecord again = NewConnection("a", "main");
  again.status = ConnectionStatus::kConnected;
  again.config["baseUrl"] = "https://new.example";
  again.secret_config["apiToken"] = "second";
  UCF_ASSERT_OK_AND_ASSIGN(ConnectionUpsertResult second,
                           Write([&](Session& s) { return s.connections().Upsert(again); }));
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.connection.id, first.connection.id);
  EXPECT_EQ(second.connection.created_at, first.connection.created_at);
  EXPECT_EQ(second.connection.updated_at, clock_.Now());
  EXPECT_EQ(second.connection.status, ConnectionStatus::kConnected);
  EXPECT_EQ(second.connection.config.at("baseUrl"), "https://new.example");
  EXPECT_EQ(second.connection.secret_config.at("apiToken"), "second");
}

TEST_P(StorageContractTest, ConcurrentUpsertsLeaveOneRow) {
  AddTenant("a");
  constexpr int kThreads = 8;
  std::atomic<int> created{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  std::set<std::string> ids;
  std::mutex ids_mu;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ConnectionRecord c = NewConnection("a", "shared");
      c.metadata["writer"] = i;
      absl::StatusOr<ConnectionUpsertResult> r =
          Write([&](Session& s) { return s.connections().Upsert(c); });
      if (!r.ok()) {
        ADD_FAILURE() << r.status();
        ++failed;
        return;
      }
      if (r->created) ++created;
      std::lock_guard<std::mutex> lock(ids_mu);
      ids.insert(r->connection.id);
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(ids.size(), 1u);
  UCF_ASSERT_OK_AND_ASSIGN(Page<ConnectionRecord> page, Read([&](Session& s) {
                             return s.connections().List("a", {}, "", 100);
                           }));
  EXPECT_EQ(page.items.size(), 1u);
}

TEST_P(StorageContractTest, ConnectionsKeysetPagination) {
  AddTenant("a");
  AddTenant("b");
  std::vector<std::string> expected;
  for (int i = 0; i < 25; ++i) {
    // Pairs share a timestamp, so the id breaks ties.
    if (i % 2 == 0) clock_.Advance(milliseconds(1));
    ConnectionRecord c = NewConnection("a", "c" + std::to_string(i));
    if (i % 5 == 0) c.connector_id = "github";
    if (i % 3 == 0) c.status = ConnectionStatus::kError;
    UCF_ASSERT_OK_AND_ASSIGN(ConnectionRecord stored,
                             Write([&](Session& s) { return s.connections().Create(c); }));
    expected.push_back(stored.id);
  }
  AddConnection("b", "other");

  std::vector<std::string> seen;
  std::vector<std::pair<core::TimePoint, std::string>> keys;
  std::string cursor;
  int pages = 0;
  do {
    UCF_ASSERT_OK_AND_ASSIGN(Page<ConnectionRecord> page, Read([&](Session& s) {
                               return s.connections().List("a", {}, cursor, 10);
                             }));
    ++pages;
    for (const ConnectionRecord& c : page.items) {
      EXPECT_EQ(c.tenant_id, "a");
      seen.push_back(c.id);
      keys.emplace_back(c.created_at, c.id);
    }
    // A row added between pages (newer than every listed one) shows up at the end, once.
    if (pages == 1) {
      clock_.Advance(seconds(1));
      expected.push_back(AddConnection("a", "late", "jira").id);
    }
    cursor = page.next.value_or("");
    if (page.next.has_value()) {
      EXPECT_EQ(page.items.size(), 10u);
    }
  } while (!cursor.empty());
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), expected.size());
  // Oldest first, ties broken by id: strictly increasing keys, so no repeats across pages.
  for (std::size_t i = 0; i + 1 < keys.size(); ++i) EXPECT_LT(keys[i], keys[i + 1]);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()),
            std::set<std::string>(expected.begin(), expected.end()));

  UCF_ASSERT_OK_AND_ASSIGN(Page<ConnectionRecord> github, Read([&](Session& s) {
                             return s.connections().List("a", {.connector_id = "github"}, "", 50);
                           }));
  EXPECT_EQ(github.items.size(), 5u);
  EXPECT_FALSE(github.next.has_value());
  UCF_ASSERT_OK_AND_ASSIGN(Page<ConnectionRecord> errors, Read([&](Session& s) {
                             return s.connections().List("a", {.status = ConnectionStatus::kError},
                                                         "", 50);
                           }));
  EXPECT_EQ(errors.items.size(), 9u);
  for (const ConnectionRecord& c : errors.items) EXPECT_EQ(c.status, ConnectionStatus::kError);
  UCF_ASSERT_OK_AND_ASSIGN(
      Page<ConnectionRecord> both, Read([&](Session& s) {
        return s.connections().List(
            "a", {.connector_id = "github", .status = ConnectionStatus::kError}, "", 50);
      }));
  EXPECT_EQ(both.items.size(), 2u);  // i = 0 and 15

  UCF_EXPECT_CODE(Read([&](Session& s) { return s.connections().List("a", {}, "garbage!", 10); }),
                  kInvalidArgument);
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.connections().List("a", {}, "YWJj", 10); }),
                  kInvalidArgument);
}

// ListStored is List's page as stored text: the same rows, cursors and filters; JSON and timestamps
// that parse to the record's values; only the names of the secret fields, never their values.
TEST_P(StorageContractTest, ConnectionsListedAsStoredMatchTheRecords) {
  AddTenant("a");
  AddTenant("b");
  for (int i = 0; i < 7; ++i) {
    if (i % 2 == 0) clock_.Advance(milliseconds(1));
    ConnectionRecord c = NewConnection("a", "s" + std::to_string(i));
    if (i % 3 == 0) c.secret_config = {};
    if (i % 2 == 1) c.status = ConnectionStatus::kError;
    if (i == 1) {
      c.metadata["n"] = 1.5;
      c.metadata["s"] = "a\nb";
      c.last_validated_at = clock_.Now() - milliseconds(120);
    }
    UCF_ASSERT_OK(Write([&](Session& s) { return s.connections().Create(c); }).status());
  }
  AddConnection("b", "other");
  for (const ConnectionFilter& filter :
       {ConnectionFilter{}, ConnectionFilter{.connector_id = "jira"},
        ConnectionFilter{.status = ConnectionStatus::kError}}) {
    std::string cursor;
    int rows = 0;
    do {
      UCF_ASSERT_OK_AND_ASSIGN(Page<ConnectionRecord> records, Read([&](Session& s) {
                                 return s.connections().List("a", filter, cursor, 3);
                               }));
      UCF_ASSERT_OK_AND_ASSIGN(Page<StoredConnection> stored, Read([&](Session& s) {
                                 return s.connections().ListStored("a", filter, cursor, 3);
                               }));
      EXPECT_EQ(stored.next, records.next);
      ASSERT_EQ(stored.items.size(), records.items.size());
      for (std::size_t i = 0; i < stored.items.size(); ++i) {
        const StoredConnection& t = stored.items[i];
        const ConnectionRecord& r = records.items[i];
        EXPECT_EQ(t.id, r.id);
        EXPECT_EQ(t.tenant_id, "a");
        EXPECT_EQ(t.connector_id, r.connector_id);
        EXPECT_EQ(t.name, r.name);
        EXPECT_EQ(t.auth_method, r.auth_method);
        EXPECT_EQ(t.status, r.status);
        EXPECT_EQ(boost::json::parse(t.config_json), boost::json::value(r.config));
        EXPECT_EQ(boost::json::parse(t.metadata_json), boost::json::value(r.metadata));
        std::vector<std::string> names;
        for (const auto& field : r.secret_config) names.emplace_back(field.key());
        EXPECT_EQ(t.secret_fields, names);
        for (const std::string& text : {t.config_json, t.metadata_json}) {
          EXPECT_EQ(text.find("tok-"), std::string::npos);
        }
        EXPECT_EQ(core::ParseRfc3339(t.created_at).value(), r.created_at);
        EXPECT_EQ(core::ParseRfc3339(t.updated_at).value(), r.updated_at);
        ASSERT_EQ(t.last_validated_at.has_value(), r.last_validated_at.has_value());
        if (t.last_validated_at) {
          EXPECT_EQ(core::ParseRfc3339(*t.last_validated_at).value(), *r.last_validated_at);
        }
        ++rows;
      }
      cursor = records.next.value_or("");
    } while (!cursor.empty());
    EXPECT_GT(rows, 0);
  }
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.connections().ListStored("a", {}, "garbage!", 10); }),
                  kInvalidArgument);
}

TEST_P(StorageContractTest, ConnectionsCountedPerConnectorAndStatus) {
  AddTenant("a");
  AddTenant("b");
  int n = 0;
  auto add = [&](const std::string& tenant, const std::string& connector, ConnectionStatus status) {
    ConnectionRecord c = NewConnection(tenant, "c" + std::to_string(n++));
    c.connector_id = connector;
    c.status = status;
    UCF_ASSERT_OK(Write([&](Session& s) { return s.connections().Create(c).status(); }));
  };
  for (int i = 0; i < 3; ++i) add("a", "jira", ConnectionStatus::kConnected);
  add("a", "jira", ConnectionStatus::kError);
  add("a", "github", ConnectionStatus::kPending);
  add("a", "github", ConnectionStatus::kPending);
  add("b", "jira", ConnectionStatus::kConnected);

  UCF_ASSERT_OK_AND_ASSIGN(std::vector<ConnectionCount> counts, Read([&](Session& s) {
                             return s.connections().CountByConnector("a");
                           }));
  std::vector<std::tuple<std::string, ConnectionStatus, std::int64_t>> got;
  for (const ConnectionCount& c : counts) got.emplace_back(c.connector_id, c.status, c.count);
  using T = std::tuple<std::string, ConnectionStatus, std::int64_t>;
  EXPECT_EQ(got, (std::vector<T>{T{"github", ConnectionStatus::kPending, 2},
                                 T{"jira", ConnectionStatus::kConnected, 3},
                                 T{"jira", ConnectionStatus::kError, 1}}));
  AddTenant("empty");
  UCF_ASSERT_OK_AND_ASSIGN(counts, Read([&](Session& s) {
                             return s.connections().CountByConnector("empty");
                           }));
  EXPECT_TRUE(counts.empty());
}

TEST_P(StorageContractTest, FailedTransactionPersistsNothing) {
  AddTenant("a");
  absl::Status status = db().Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(ConnectionRecord c, s.connections().Create(NewConnection("a", "tx")));
    UCF_RETURN_IF_ERROR(s.audit_logs()
                            .Append({.tenant_id = "a",
                                     .actor = "system",
                                     .action = "connection.created",
                                     .target_type = "connection",
                                     .target_id = c.id})
                            .status());
    return absl::FailedPreconditionError("provider said no");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "provider said no");
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.connections().GetByName("a", "jira", "tx"); }),
                  kNotFound);
  UCF_ASSERT_OK_AND_ASSIGN(Page<AuditLogRecord> audit,
                           Read([&](Session& s) { return s.audit_logs().List("a", {}, "", 10); }));
  EXPECT_TRUE(audit.items.empty());
}

TEST_P(StorageContractTest, IgnoredDatabaseErrorStillRollsBack) {
  AddTenant("a");
  // A duplicate audit id is a real database error (a unique-index violation). The function
  // swallows it and returns OK; the transaction must still roll back, on both engines alike.
  absl::Status status = db().Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(s.connections().Create(NewConnection("a", "one")).status());
    UCF_RETURN_IF_ERROR(s.audit_logs().Append({.id = "aud_dup", .tenant_id = "a"}).status());
    absl::Status dup = s.audit_logs().Append({.id = "aud_dup", .tenant_id = "a"}).status();
    EXPECT_EQ(dup.code(), absl::StatusCode::kAlreadyExists) << dup;
    absl::Status after = s.tenants().Get("a").status();
    EXPECT_EQ(after.code(), absl::StatusCode::kAborted) << "later statements fail too";
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.connections().GetByName("a", "jira", "one"); }),
                  kNotFound);
}

TEST_P(StorageContractTest, ReadTransactionRejectsWrites) {
  absl::Status status = Read(
      [&](Session& s) { return s.tenants().Create({.id = "ro", .name = "Read only"}).status(); });
  EXPECT_FALSE(status.ok());
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.tenants().Get("ro"); }), kNotFound);
}

TEST_P(StorageContractTest, LockKeyExcludesWriters) {
  std::atomic<int> inside{0};
  std::atomic<int> overlaps{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int round = 0; round < 5; ++round) {
        absl::Status st = db().Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
          UCF_RETURN_IF_ERROR(s.LockKey("refresh:con_1"));
          if (inside.fetch_add(1) != 0) ++overlaps;
          std::this_thread::sleep_for(milliseconds(2));
          inside.fetch_sub(1);
          return absl::OkStatus();
        });
        EXPECT_TRUE(st.ok()) << st;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(overlaps.load(), 0);
}

}  // namespace
}  // namespace ucf::storage::test_support
