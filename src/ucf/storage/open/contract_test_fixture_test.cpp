// The fixture of the storage contract suite (see contract_test_fixture.hpp) and its instantiation
// over both engines.

#include "ucf/storage/open/contract_test_fixture.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ucf/core/ids.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/crypto/fernet.hpp"
#include "ucf/storage/open/open_database.hpp"
#include "ucf/storage/postgres/pg_connection.hpp"
#include "ucf/storage/sqlite/sqlite_connection.hpp"

namespace ucf::storage::test_support {
namespace {

constexpr std::string_view kPgDump = "/usr/lib/postgresql/15/bin/pg_dump";

// `url` with its database replaced by `name`.
std::string WithDatabase(const std::string& url, const std::string& name) {
  std::size_t authority = url.find("://");
  authority = authority == std::string::npos ? 0 : authority + 3;
  std::size_t query = url.find('?', authority);
  std::size_t path = url.find('/', authority);
  std::size_t end_of_host = std::min(path, query);
  if (end_of_host == std::string::npos) end_of_host = url.size();
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return core::StrCat(url.substr(0, end_of_host), "/", name, tail);
}

absl::StatusOr<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

absl::StatusOr<std::string> RunCommand(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return absl::InternalError("popen failed");
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int rc = ::pclose(pipe);
  if (rc != 0) return absl::InternalError(core::StrCat("command failed: ", command));
  return out;
}

}  // namespace

std::string EngineName(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::kSqlite ? "sqlite" : "postgresql";
}

void PrintTo(Engine engine, std::ostream* os) {
  *os << (engine == Engine::kSqlite ? "sqlite" : "postgresql");
}

const std::string& Key1() {
  static const std::string key = crypto::Fernet::GenerateKey();
  return key;
}
const std::string& Key2() {
  static const std::string key = crypto::Fernet::GenerateKey();
  return key;
}
const std::string& Key3() {
  static const std::string key = crypto::Fernet::GenerateKey();
  return key;
}

void StorageContractTest::SetUp() {
  clock_.Set(core::ParseRfc3339("2026-01-01T00:00:00Z").value());
  if (GetParam() == Engine::kSqlite) {
    std::string pattern = (std::filesystem::path(::testing::TempDir()) / "ucf_storage_XXXXXX");
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  } else {
    const char* url = std::getenv("UCF_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') {
      GTEST_SKIP() << "UCF_TEST_POSTGRES_URL is not set; start a server with "
                      "scripts/pg_cluster.sh start <dir> and export its URL";
    }
    server_url_ = url;
  }
  UseFreshDatabase();
  if (HasFatalFailure()) return;
  UCF_ASSERT_OK(Reopen(Key1()));
}

void StorageContractTest::UseFreshDatabase() {
  std::string name = core::StrCat("ucf_t_", core::NewId("db").substr(3));
  if (GetParam() == Engine::kSqlite) {
    options_.data_dir = (std::filesystem::path(dir_) / name).string();
    return;
  }
  auto admin = postgres::PgConnection::Connect(server_url_, std::chrono::seconds(10));
  UCF_ASSERT_OK(admin);
  UCF_ASSERT_OK((*admin)->ExecScript(core::StrCat("CREATE DATABASE ", name)));
  databases_.push_back(name);
  options_.url = WithDatabase(server_url_, name);
}

void StorageContractTest::TearDown() {
  Close();
  if (!databases_.empty()) {
    auto admin = postgres::PgConnection::Connect(server_url_, std::chrono::seconds(10));
    for (const std::string& name : databases_) {
      if (!admin.ok()) break;
      (*admin)
          ->ExecScript(core::StrCat("DROP DATABASE IF EXISTS ", name, " WITH (FORCE)"))
          .IgnoreError();
    }
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

void StorageContractTest::Close() { db_.reset(); }

absl::Status StorageContractTest::Reopen(const std::string& keys, bool migrate) {
  Close();
  UCF_ASSIGN_OR_RETURN(cipher_, crypto::KeyRing::FromList(keys, clock_));
  options_.migrate = migrate;
  UCF_ASSIGN_OR_RETURN(db_, OpenDatabase(options_, *cipher_, clock_));
  return absl::OkStatus();
}

absl::Status StorageContractTest::RawExec(std::string_view sql) {
  if (GetParam() == Engine::kSqlite) {
    UCF_ASSIGN_OR_RETURN(auto conn,
                         sqlite::SqliteConnection::Open(
                             (std::filesystem::path(options_.data_dir) / "ucf.db").string(),
                             sqlite::ConnectionRole::kWriter, std::chrono::seconds(10)));
    return conn->ExecScript(sql);
  }
  UCF_ASSIGN_OR_RETURN(auto conn,
                       postgres::PgConnection::Connect(options_.url, std::chrono::seconds(10)));
  return conn->ExecScript(sql);
}

absl::StatusOr<std::string> StorageContractTest::RawDump() {
  if (GetParam() == Engine::kSqlite) {
    std::filesystem::path db_file = std::filesystem::path(options_.data_dir) / "ucf.db";
    UCF_ASSIGN_OR_RETURN(std::string bytes, ReadFile(db_file));
    absl::StatusOr<std::string> wal = ReadFile(db_file.string() + "-wal");
    if (wal.ok()) bytes += *wal;
    return bytes;
  }
  return RunCommand(core::StrCat(kPgDump, " --no-owner '", options_.url, "'"));
}

void StorageContractTest::AddTenant(const std::string& id) {
  TenantRecord tenant{.id = id, .name = core::StrCat("Tenant ", id)};
  UCF_EXPECT_OK(Write([&](Session& s) { return s.tenants().Create(tenant); }));
}

ConnectionRecord StorageContractTest::AddConnection(const std::string& tenant,
                                                    const std::string& name,
                                                    const std::string& connector) {
  ConnectionRecord c;
  c.tenant_id = tenant;
  c.connector_id = connector;
  c.name = name;
  c.auth_method = "api_key";
  c.status = ConnectionStatus::kConnected;
  absl::StatusOr<ConnectionRecord> stored =
      Write([&](Session& s) { return s.connections().Create(c); });
  EXPECT_TRUE(stored.ok()) << stored.status();
  return stored.ok() ? *stored : c;
}

INSTANTIATE_TEST_SUITE_P(Engines, StorageContractTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

}  // namespace ucf::storage::test_support
