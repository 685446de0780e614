// Contract: secrets at rest, key rotation, restarts, tenant isolation of connections, schema
// migrations, and opening databases.

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "ucf/core/ids.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/storage/open/contract_test_fixture.hpp"
#include "ucf/storage/open/open_database.hpp"

namespace ucf::storage::test_support {
namespace {

using std::chrono::minutes;

// One known value for every secret column, written through the stores; `visible` is written to
// non-secret columns and must show up in raw dumps (proof that the scan would find text).
struct SeededSecrets {
  std::string visible;
  std::vector<std::string> secrets;
  std::string connection_id;
  std::string webhook_id;
  std::string subscription_id;
};

SeededSecrets SeedSecrets(Database& db, core::TimePoint now) {
  std::string tag = core::NewId("m").substr(2);
  SeededSecrets seeded;
  seeded.visible = "VISIBLE-" + tag;
  auto secret = [&](std::string_view what) {
    seeded.secrets.push_back(core::StrCat("SECRET-", what, "-", tag));
    return seeded.secrets.back();
  };
  absl::Status status = db.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    UCF_RETURN_IF_ERROR(s.tenants().Create({.id = "sec", .name = seeded.visible}).status());
    UCF_RETURN_IF_ERROR(s.connector_settings()
                            .Upsert({.tenant_id = "sec",
                                     .connector_id = "jira",
                                     .oauth_client_id = seeded.visible,
                                     .oauth_client_secret = secret("client-secret")})
                            .status());
    ConnectionRecord c{.tenant_id = "sec",
                       .connector_id = "jira",
                       .name = seeded.visible,
                       .auth_method = "api_key"};
    c.config["email"] = seeded.visible;
    c.secret_config["apiToken"] = secret("api-token");
    c.secret_config["password"] = secret("password");
    UCF_ASSIGN_OR_RETURN(ConnectionRecord stored, s.connections().Create(c));
    seeded.connection_id = stored.id;
    UCF_RETURN_IF_ERROR(s.tokens()
                            .Put({.tenant_id = "sec",
                                  .connection_id = stored.id,
                                  .access_token = secret("access-token"),
                                  .refresh_token = secret("refresh-token")})
                            .status());
    UCF_RETURN_IF_ERROR(s.oauth_states()
                            .Create({.state_hash = "hash-" + tag,
                                     .tenant_id = "sec",
                                     .connector_id = "jira",
                                     .redirect_uri = "http://localhost/cb",
                                     .code_verifier = secret("pkce-verifier"),
                                     .expires_at = now + minutes(10)})
                            .status());
    UCF_ASSIGN_OR_RETURN(WebhookRecord hook,
                         s.webhooks().Create({.tenant_id = "sec",
                                              .connection_id = stored.id,
                                              .connector_id = "jira",
                                              .provider_webhook_id = "p1",
                                              .secret = secret("provider-webhook"),
                                              .callback_url = "https://x/" + seeded.visible}));
    seeded.webhook_id = hook.id;
    UCF_ASSIGN_OR_RETURN(WebhookSubscriptionRecord sub,
                         s.webhook_subscriptions().Create({.tenant_id = "sec",
                                                           .url = "https://app/" + seeded.visible,
                                                           .secret = secret("subscription")}));
    seeded.subscription_id = sub.id;
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  return seeded;
}

// Reads every seeded secret back through the stores.
absl::StatusOr<std::vector<std::string>> ReadSecrets(Database& db, const SeededSecrets& seeded,
                                                     core::TimePoint now) {
  std::vector<std::string> out;
  absl::Status status = db.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(ConnectorSettingsRecord settings,
                         s.connector_settings().Get("sec", "jira"));
    out.push_back(settings.oauth_client_secret.value_or(""));
    UCF_ASSIGN_OR_RETURN(ConnectionRecord c, s.connections().Get("sec", seeded.connection_id));
    out.push_back(std::string(c.secret_config.at("apiToken").as_string()));
    out.push_back(std::string(c.secret_config.at("password").as_string()));
    UCF_ASSIGN_OR_RETURN(TokenRecord token, s.tokens().GetCurrent("sec", seeded.connection_id));
    out.push_back(token.access_token);
    out.push_back(token.refresh_token.value_or(""));
    return absl::OkStatus();
  });
  UCF_RETURN_IF_ERROR(status);
  // The state is consumed in a transaction that then rolls back, so it survives for later reads.
  std::string tag = seeded.visible.substr(std::string("VISIBLE-").size());
  status = db.Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(OAuthStateRecord state, s.oauth_states().Consume("hash-" + tag, now));
    out.push_back(state.code_verifier);
    UCF_ASSIGN_OR_RETURN(WebhookRecord hook, s.webhooks().Get("sec", seeded.webhook_id));
    out.push_back(hook.secret.value_or(""));
    UCF_ASSIGN_OR_RETURN(WebhookSubscriptionRecord sub,
                         s.webhook_subscriptions().Get("sec", seeded.subscription_id));
    out.push_back(sub.secret);
    return absl::AbortedError("roll back the consumed state");
  });
  if (status.code() != absl::StatusCode::kAborted) return status;
  return out;
}

TEST_P(StorageContractTest, SecretsAreNeverStoredInPlainText) {
  SeededSecrets seeded = SeedSecrets(db(), clock_.Now());
  ASSERT_EQ(seeded.secrets.size(), 8u);
  UCF_ASSERT_OK_AND_ASSIGN(std::vector<std::string> read, ReadSecrets(db(), seeded, clock_.Now()));
  EXPECT_EQ(read, seeded.secrets);

  auto check = [&](const std::string& dump, std::string_view when) {
    EXPECT_NE(dump.find(seeded.visible), std::string::npos)
        << when << ": the scan does not see stored text at all";
    for (const std::string& secret : seeded.secrets) {
      EXPECT_EQ(dump.find(secret), std::string::npos) << when << ": found " << secret;
      // Also no recognisable fragment (e.g. inside JSON).
      EXPECT_EQ(dump.find(secret.substr(0, secret.size() - 4)), std::string::npos) << when;
    }
  };
  UCF_ASSERT_OK_AND_ASSIGN(std::string open_dump, RawDump());
  check(open_dump, "while open");
  Close();  // SQLite checkpoints the WAL into the main file on close
  UCF_ASSERT_OK_AND_ASSIGN(std::string closed_dump, RawDump());
  check(closed_dump, "after close");
}

TEST_P(StorageContractTest, RestartKeepsEverySecretReadable) {
  SeededSecrets seeded = SeedSecrets(db(), clock_.Now());
  UCF_ASSERT_OK(Reopen(Key1()));
  UCF_ASSERT_OK_AND_ASSIGN(std::vector<std::string> read, ReadSecrets(db(), seeded, clock_.Now()));
  EXPECT_EQ(read, seeded.secrets);
}

TEST_P(StorageContractTest, RotateSecretsThenDropTheOldKey) {
  SeededSecrets seeded = SeedSecrets(db(), clock_.Now());
  // A second tenant with more rows, so batches span tables and rows.
  AddTenant("t2");
  for (int i = 0; i < 5; ++i) {
    ConnectionRecord c = AddConnection("t2", "c" + std::to_string(i));
    UCF_ASSERT_OK(Write([&](Session& s) {
      return s.tokens().Put({.tenant_id = "t2", .connection_id = c.id, .access_token = "a"});
    }));
  }

  UCF_ASSERT_OK(Reopen(core::StrCat(Key2(), ",", Key1())));
  UCF_ASSERT_OK_AND_ASSIGN(RotationReport first, db().RotateSecrets(2));
  // 7 seeded values (the connection's two secrets share one sealed secret_config) + 5 access
  // tokens. The 5 extra connections have no secret fields, so they store no sealed value at all.
  EXPECT_EQ(first.values_rotated, 12);
  EXPECT_EQ(first.values_current, 0);
  EXPECT_GT(first.batches, 6);
  UCF_ASSERT_OK_AND_ASSIGN(RotationReport second, db().RotateSecrets(100));
  EXPECT_EQ(second.values_rotated, 0) << "rotation is idempotent";
  EXPECT_EQ(second.values_current, 12);
  UCF_EXPECT_CODE(db().RotateSecrets(0), kInvalidArgument);

  UCF_ASSERT_OK(Reopen(Key2()));
  UCF_ASSERT_OK_AND_ASSIGN(std::vector<std::string> read, ReadSecrets(db(), seeded, clock_.Now()));
  EXPECT_EQ(read, seeded.secrets);

  // With only the old key nothing opens any more, and the error names the column, not the value.
  UCF_ASSERT_OK(Reopen(Key1()));
  absl::StatusOr<ConnectionRecord> c =
      Read([&](Session& s) { return s.connections().Get("sec", seeded.connection_id); });
  ASSERT_EQ(c.status().code(), absl::StatusCode::kDataLoss) << c.status();
  EXPECT_NE(c.status().message().find("connections.secret_config"), absl::string_view::npos);
  for (const std::string& secret : seeded.secrets) {
    EXPECT_EQ(c.status().message().find(secret), absl::string_view::npos);
  }
  absl::StatusOr<RotationReport> stuck = db().RotateSecrets(10);
  EXPECT_EQ(stuck.status().code(), absl::StatusCode::kDataLoss);
}

TEST_P(StorageContractTest, OtherTenantCannotSeeOrTouchConnections) {
  AddTenant("a");
  AddTenant("b");
  ConnectionRecord mine = AddConnection("a", "main");
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.connections().Get("b", mine.id); }), kNotFound);
  UCF_EXPECT_CODE(
      Read([&](Session& s) { return s.connections().GetByName("b", "github", "main"); }),
      kNotFound);
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.connections().Update("b", mine.id,
                                                  {.status = ConnectionStatus::kRevoked});
                  }),
                  kNotFound);
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.connections().Delete("b", mine.id); }),
                  kNotFound);
  UCF_ASSERT_OK_AND_ASSIGN(Page<ConnectionRecord> of_b, Read([&](Session& s) {
                             return s.connections().List("b", {}, "", 100);
                           }));
  EXPECT_TRUE(of_b.items.empty());
  // Tenant b may use the same connector and name: the key includes the tenant.
  ConnectionRecord theirs = AddConnection("b", "main");
  EXPECT_NE(theirs.id, mine.id);
  UCF_ASSERT_OK_AND_ASSIGN(ConnectionRecord still,
                           Read([&](Session& s) { return s.connections().Get("a", mine.id); }));
  EXPECT_EQ(still.status, ConnectionStatus::kConnected);
  EXPECT_EQ(still.updated_at, mine.updated_at);
}

TEST_P(StorageContractTest, MigrationsAreIdempotent) {
  EXPECT_EQ(db().Engine(), GetParam() == Engine::kSqlite ? "sqlite" : "postgresql");
  UCF_EXPECT_OK(db().Ping());
  EXPECT_GE(db().LatestSchemaVersion(), 1);
  UCF_ASSERT_OK_AND_ASSIGN(int version, db().SchemaVersion());
  EXPECT_EQ(version, db().LatestSchemaVersion());
  AddTenant("keep");
  UCF_EXPECT_OK(db().Migrate());
  UCF_ASSERT_OK(Reopen(Key1()));
  UCF_ASSERT_OK(Reopen(Key1(), /*migrate=*/false));
  UCF_ASSERT_OK_AND_ASSIGN(version, db().SchemaVersion());
  EXPECT_EQ(version, db().LatestSchemaVersion());
  UCF_EXPECT_OK(Read([&](Session& s) { return s.tenants().Get("keep"); }));
}

TEST_P(StorageContractTest, NewerSchemaIsRefused) {
  int latest = db().LatestSchemaVersion();
  int future = latest + 40;
  Close();
  UCF_ASSERT_OK(
      RawExec(core::StrCat("INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES (",
                           future,
                           ", 'from the future', "
                           "'2030-01-01T00:00:00Z')")));
  for (bool migrate : {true, false}) {
    absl::Status status = Reopen(Key1(), migrate);
    ASSERT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
    std::string message(status.message());
    EXPECT_NE(message.find(std::to_string(future)), std::string::npos) << message;
    EXPECT_NE(message.find("(" + std::to_string(latest) + ")"), std::string::npos) << message;
  }
  UCF_ASSERT_OK(RawExec(core::StrCat("DELETE FROM schema_migrations WHERE version = ", future)));
  UCF_EXPECT_OK(Reopen(Key1()));
}

TEST_P(StorageContractTest, InstancesStartingTogetherMigrateOnce) {
  Close();
  UseFreshDatabase();
  std::vector<std::thread> threads;
  std::vector<absl::Status> results(4);
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      absl::StatusOr<std::unique_ptr<Database>> opened = OpenDatabase(options_, *cipher_, clock_);
      results[i] = opened.status();
      if (!opened.ok()) return;
      results[i] = (*opened)->Transact(TxMode::kWrite, [&](Session& s) {
        return s.tenants().Create({.id = "t" + std::to_string(i), .name = "x"}).status();
      });
    });
  }
  for (std::thread& t : threads) t.join();
  for (const absl::Status& status : results) EXPECT_TRUE(status.ok()) << status;
  UCF_ASSERT_OK(Reopen(Key1(), /*migrate=*/false));
  UCF_ASSERT_OK_AND_ASSIGN(auto tenants, Read([&](Session& s) { return s.tenants().List(); }));
  EXPECT_EQ(tenants.size(), 4u);
}

TEST_P(StorageContractTest, TwoInstancesShareOneDatabase) {
  UCF_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Database> other,
                           OpenDatabase(options_, *cipher_, clock_));
  AddTenant("a");
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int i = 0; i < 6; ++i) {
    Database* instance = i % 2 ? other.get() : &db();
    threads.emplace_back([&, instance] {
      absl::Status st = instance->Transact(TxMode::kWrite, [&](Session& s) -> absl::Status {
        UCF_ASSIGN_OR_RETURN(ConnectionUpsertResult r,
                             s.connections().Upsert({.tenant_id = "a",
                                                     .connector_id = "jira",
                                                     .name = "shared",
                                                     .auth_method = "api_key"}));
        if (r.created) ++created;
        return absl::OkStatus();
      });
      EXPECT_TRUE(st.ok()) << st;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  UCF_EXPECT_OK(other->Transact(TxMode::kRead, [](Session& s) {
    return s.connections().GetByName("a", "jira", "shared").status();
  }));
}

TEST_P(StorageContractTest, SurvivesServerDroppingIdleConnections) {
  if (GetParam() != Engine::kPostgres) GTEST_SKIP() << "server connections: PostgreSQL only";
  AddTenant("a");
  // Fill the pool with several idle connections, then have the server kill them all.
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      UCF_EXPECT_OK(Read([&](Session& s) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return s.tenants().Get("a");
      }));
    });
  }
  for (std::thread& t : readers) t.join();
  UCF_ASSERT_OK(RawExec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"));
  for (int i = 0; i < 6; ++i) {
    UCF_EXPECT_OK(db().Ping());
    UCF_EXPECT_OK(Read([&](Session& s) { return s.tenants().Get("a"); }));
  }
}

TEST_P(StorageContractTest, OpenRejectsBadUrlsWithoutLeakingThem) {
  DatabaseOptions options;
  options.url = "mysql://ucf:hunter2@db.example/ucf";
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDatabase(options, *cipher_, clock_);
  EXPECT_EQ(db.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(db.status().message().find("hunter2"), absl::string_view::npos) << db.status();

  options.url = "postgresql://ucf:hunter2@127.0.0.1:1/ucf";
  options.acquire_timeout = std::chrono::seconds(2);
  db = OpenDatabase(options, *cipher_, clock_);
  EXPECT_EQ(db.status().code(), absl::StatusCode::kUnavailable) << db.status();
  EXPECT_EQ(db.status().message().find("hunter2"), absl::string_view::npos) << db.status();
}

}  // namespace
}  // namespace ucf::storage::test_support
