// Issue 3 end to end: keys across restarts, `ucf rotate-keys`, `ucf migrate`, `ucf keygen`,
// production key policy, and health reporting a real database round trip.

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>
#include <fstream>

#include "boost/json/parse.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/pg_database.hpp"
#include "tests/support/subprocess.hpp"
#include "ucf/app/storage_setup.hpp"
#include "ucf/config/loader.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/crypto/fernet.hpp"

namespace ucf {
namespace {

struct TempDir {
  TempDir() {
    char t[] = "/tmp/ucf-life-XXXXXX";
    path = mkdtemp(t);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string path;
};

config::Config ConfigFor(const std::string& data_dir, const std::string& keys) {
  config::EnvSource source;
  source.environment = {{"UCF_DATA_DIR", data_dir}};
  if (!keys.empty()) source.environment["ENCRYPTION_KEY"] = keys;
  return config::LoadConfig(source).value();
}

constexpr char kSecretToken[] = "access-SECRET-5e1b07";
constexpr char kSecretRefresh[] = "refresh-SECRET-9a2c11";
constexpr char kSecretConfig[] = "config-SECRET-77d4e0";

// Stores a tenant, a connection with a secret config field, and a token.
void WriteSecrets(storage::Database& db) {
  ASSERT_TRUE(db.Transact(storage::TxMode::kWrite, [](storage::Session& s) -> absl::Status {
                UCF_RETURN_IF_ERROR(s.tenants().Create({"acme", "Acme", {}}).status());
                storage::ConnectionRecord c;
                c.tenant_id = "acme";
                c.connector_id = "jira";
                c.name = "main";
                c.auth_method = "api_key";
                c.secret_config = {{"api_token", kSecretConfig}};
                UCF_ASSIGN_OR_RETURN(auto created, s.connections().Create(c));
                storage::TokenRecord t;
                t.tenant_id = "acme";
                t.connection_id = created.id;
                t.access_token = kSecretToken;
                t.refresh_token = std::string(kSecretRefresh);
                return s.tokens().Put(t).status();
              }).ok());
}

// Reads the secrets back; an error when any cannot be decrypted.
absl::Status ReadSecrets(storage::Database& db) {
  return db.Transact(storage::TxMode::kRead, [](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(auto c, s.connections().GetByName("acme", "jira", "main"));
    if (c.secret_config["api_token"] != kSecretConfig) return absl::InternalError("config differs");
    UCF_ASSIGN_OR_RETURN(auto t, s.tokens().GetCurrent("acme", c.id));
    if (t.access_token != kSecretToken || t.refresh_token != kSecretRefresh) {
      return absl::InternalError("token differs");
    }
    return absl::OkStatus();
  });
}

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(StorageLifecycleTest, DevelopmentKeyIsKeptSoARestartReadsEverySecret) {
  TempDir dir;
  core::SystemClock clock;
  {
    auto opened = app::OpenStorage(ConfigFor(dir.path, ""), clock).value();
    EXPECT_FALSE(opened.key_warning.empty());
    WriteSecrets(*opened.db);
  }
  auto key_file = std::filesystem::path(dir.path) / "encryption.key";
  ASSERT_TRUE(std::filesystem::exists(key_file));
  EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto reopened = app::OpenStorage(ConfigFor(dir.path, ""), clock).value();
  EXPECT_TRUE(reopened.key_warning.empty());
  EXPECT_TRUE(ReadSecrets(*reopened.db).ok());
  std::string raw = FileBytes(dir.path + "/ucf.db") + FileBytes(dir.path + "/ucf.db-wal");
  for (const char* secret : {kSecretToken, kSecretRefresh, kSecretConfig}) {
    EXPECT_EQ(raw.find(secret), std::string::npos) << secret << " stored in plain text";
  }
}

TEST(StorageLifecycleTest, RotateKeysCommandThenOldKeyCanBeRemoved) {
  TempDir dir;
  core::SystemClock clock;
  std::string k1 = crypto::Fernet::GenerateKey(), k2 = crypto::Fernet::GenerateKey();
  {
    auto opened = app::OpenStorage(ConfigFor(dir.path, k1), clock).value();
    WriteSecrets(*opened.db);
  }
  {
    // Without rotation the new key alone cannot read what the old one sealed.
    auto only_new = app::OpenStorage(ConfigFor(dir.path, k2), clock).value();
    EXPECT_FALSE(ReadSecrets(*only_new.db).ok());
  }
  testing::Subprocess rotate({UCF_BINARY, "rotate-keys", "--env-file", "/nonexistent",
                              "--batch-size", "1"},
                             {{"UCF_DATA_DIR", dir.path}, {"ENCRYPTION_KEY", k2 + "," + k1}});
  ASSERT_EQ(rotate.Wait(30'000), 0) << rotate.Output();
  EXPECT_NE(rotate.Output().find("rotated 3 secret values"), std::string::npos) << rotate.Output();
  EXPECT_EQ(rotate.Output().find(k1), std::string::npos);
  // Running it again finds nothing left to do (resumable, idempotent).
  testing::Subprocess again({UCF_BINARY, "rotate-keys", "--env-file", "/nonexistent"},
                            {{"UCF_DATA_DIR", dir.path}, {"ENCRYPTION_KEY", k2 + "," + k1}});
  ASSERT_EQ(again.Wait(30'000), 0) << again.Output();
  EXPECT_NE(again.Output().find("rotated 0 secret values"), std::string::npos) << again.Output();

  auto only_new = app::OpenStorage(ConfigFor(dir.path, k2), clock).value();
  EXPECT_TRUE(ReadSecrets(*only_new.db).ok());
}

TEST(StorageLifecycleTest, MigrateAndKeygenCommands) {
  TempDir dir;
  testing::Subprocess migrate({UCF_BINARY, "migrate", "--env-file", "/nonexistent"},
                              {{"UCF_DATA_DIR", dir.path}});
  ASSERT_EQ(migrate.Wait(30'000), 0) << migrate.Output();
  EXPECT_NE(migrate.Output().find("database (sqlite) is at schema version"), std::string::npos);
  testing::Subprocess twice({UCF_BINARY, "migrate", "--env-file", "/nonexistent"},
                            {{"UCF_DATA_DIR", dir.path}});
  EXPECT_EQ(twice.Wait(30'000), 0) << twice.Output();

  testing::Subprocess keygen({UCF_BINARY, "keygen"}, {});
  ASSERT_EQ(keygen.Wait(), 0);
  std::string key = keygen.Output();
  while (!key.empty() && key.back() == '\n') key.pop_back();
  EXPECT_TRUE(crypto::Fernet::FromKey(key).ok()) << key;
}

TEST(StorageLifecycleTest, ProductionRefusesToStartWithoutAValidKey) {
  TempDir dir;
  for (std::string key : {"", "not-a-fernet-key"}) {
    // A public URL is required in production too; given here so only the key is missing.
    std::map<std::string, std::string> env{{"UCF_DATA_DIR", dir.path}, {"UCF_ENV", "production"},
                                           {"UCF_PORT", "0"},
                                           {"UCF_PUBLIC_URL", "https://ucf.example.com"}};
    if (!key.empty()) env["ENCRYPTION_KEY"] = key;
    testing::Subprocess serve({UCF_BINARY, "serve", "--env-file", "/nonexistent"}, env);
    EXPECT_NE(serve.Wait(), 0);
    std::string out = serve.Output();
    EXPECT_NE(out.find("ENCRYPTION_KEY"), std::string::npos) << out;
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
    if (!key.empty()) {
      EXPECT_EQ(out.find(key), std::string::npos);
    }
  }
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(dir.path) / "encryption.key"));
}

TEST(StorageLifecycleTest, HealthReportsARealRoundTrip) {
  testing::ScratchPostgresDatabase pg;
  if (pg.url().empty()) GTEST_SKIP() << pg.error();
  testing::TestServer server(std::map<std::string, std::string>{{"DATABASE_URL", pg.url()}});
  auto up = boost::json::parse(server.Get("/").body);
  EXPECT_EQ(up.at("data").at("database"), "connected");
  EXPECT_EQ(server.Get("/readyz").status, 200);
  pg.Drop();
  // The health monitor probes every second; the next probe sees the database gone.
  std::string state;
  for (int i = 0; i < 50 && state != "error"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto down = server.Get("/");
    EXPECT_EQ(down.status, 200);
    state = std::string(boost::json::parse(down.body).at("data").at("database").as_string());
  }
  EXPECT_EQ(state, "error");
  auto ready = server.Get("/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(testing::EnvelopeErrorCode(ready), "unavailable");
  // Issue #9: PostgreSQL's own error text (database and user names, SQL state) went to anyone
  // asking /readyz; it belongs in the log only.
  EXPECT_EQ(boost::json::parse(ready.body).at("error").at("message"),
            "not ready: the database is unavailable");
  std::string log = server.Log();
  std::size_t failed = log.find("database health check failed");
  ASSERT_NE(failed, std::string::npos) << log;
  std::string line = log.substr(failed, log.find('\n', failed) - failed);
  EXPECT_NE(line.find("\"error\":"), std::string::npos) << line;
  for (const std::string& body : {ready.body, server.Get("/").body}) {
    EXPECT_EQ(body.find("FATAL"), std::string::npos) << body;
    EXPECT_EQ(body.find("postgres"), std::string::npos) << body;
    EXPECT_EQ(body.find("terminat"), std::string::npos) << body;
    EXPECT_EQ(body.find("does not exist"), std::string::npos) << body;
  }
}

}  // namespace
}  // namespace ucf
