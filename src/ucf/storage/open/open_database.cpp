#include "ucf/storage/open/open_database.hpp"

#include <filesystem>
#include <system_error>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/storage/postgres/postgres_driver.hpp"
#include "ucf/storage/sql/migrator.hpp"
#include "ucf/storage/sql/sql_database.hpp"
#include "ucf/storage/sqlite/sqlite_driver.hpp"

namespace ucf::storage {
namespace {

absl::StatusOr<std::unique_ptr<sql::Driver>> OpenDriver(const DatabaseOptions& options) {
  if (options.url.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.data_dir, ec);
    if (ec) {
      return absl::UnavailableError(
          core::StrCat("cannot create data directory ", options.data_dir, ": ", ec.message()));
    }
    sqlite::SqliteDriverOptions sqlite_options;
    sqlite_options.path = (std::filesystem::path(options.data_dir) / "ucf.db").string();
    sqlite_options.max_readers = options.sqlite_readers;
    sqlite_options.acquire_timeout = options.acquire_timeout;
    UCF_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::SqliteDriver> driver,
                         sqlite::SqliteDriver::Open(sqlite_options));
    return std::unique_ptr<sql::Driver>(std::move(driver));
  }
  if (core::StartsWith(options.url, "postgresql://") ||
      core::StartsWith(options.url, "postgres://")) {
    postgres::PostgresDriverOptions pg_options;
    pg_options.url = options.url;
    pg_options.max_connections = options.max_connections;
    pg_options.acquire_timeout = options.acquire_timeout;
    UCF_ASSIGN_OR_RETURN(std::unique_ptr<postgres::PostgresDriver> driver,
                         postgres::PostgresDriver::Open(pg_options));
    return std::unique_ptr<sql::Driver>(std::move(driver));
  }
  // Only the scheme: the rest of the URL may hold a password.
  std::string_view scheme = std::string_view(options.url).substr(0, options.url.find(':'));
  return absl::InvalidArgumentError(
      core::StrCat("DATABASE_URL scheme '", scheme,
                   "' is not supported (use postgresql:// or leave it unset "
                   "for SQLite)"));
}

absl::Status CheckSchemaIsLatest(Database& db) {
  UCF_ASSIGN_OR_RETURN(int version, db.SchemaVersion());
  int latest = db.LatestSchemaVersion();
  if (version > latest) return sql::SchemaTooNewError(version, latest);
  if (version < latest) {
    return absl::FailedPreconditionError(core::StrCat("database schema version ", version,
                                                      " is older than this UCF binary needs (",
                                                      latest, "); run `ucf migrate`"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenDatabase(const DatabaseOptions& options,
                                                       const crypto::SecretCipher& cipher,
                                                       const core::Clock& clock) {
  UCF_ASSIGN_OR_RETURN(std::unique_ptr<sql::Driver> driver, OpenDriver(options));
  auto db = std::make_unique<sql::SqlDatabase>(std::move(driver), cipher, clock);
  if (options.migrate) {
    UCF_RETURN_IF_ERROR(db->Migrate());
  } else {
    UCF_RETURN_IF_ERROR(CheckSchemaIsLatest(*db));
  }
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace ucf::storage

namespace ucf::storage {

Maintenance* MaintenanceOf(Database& db) {
  auto* sql = dynamic_cast<sql::SqlDatabase*>(&db);
  return sql == nullptr ? nullptr : &sql->maintenance();
}

}  // namespace ucf::storage

namespace ucf::storage {
namespace {

class PgChangeListener final : public ChangeListener {
 public:
  explicit PgChangeListener(std::unique_ptr<postgres::PgConnection> conn) : conn_(std::move(conn)) {}
  absl::StatusOr<std::vector<std::string>> Wait(std::chrono::milliseconds timeout) override {
    return conn_->WaitForNotifications(timeout);
  }

 private:
  std::unique_ptr<postgres::PgConnection> conn_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<ChangeListener>> OpenChangeListener(const DatabaseOptions& options,
                                                                   std::string_view channel) {
  if (!core::StartsWith(options.url, "postgresql://") && !core::StartsWith(options.url, "postgres://")) {
    return std::unique_ptr<ChangeListener>();
  }
  UCF_ASSIGN_OR_RETURN(std::unique_ptr<postgres::PgConnection> conn,
                       postgres::PgConnection::Connect(options.url, options.acquire_timeout));
  UCF_RETURN_IF_ERROR(conn->Listen(channel));
  return std::unique_ptr<ChangeListener>(new PgChangeListener(std::move(conn)));
}

}  // namespace ucf::storage
