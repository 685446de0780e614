#include "tests/support/pg_database.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <random>

namespace ucf::testing {
namespace {

std::string ExecSql(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* res = PQexec(conn, sql.c_str());
    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) {
      error = PQerrorMessage(conn);
    }
    PQclear(res);
  }
  PQfinish(conn);
  return error;
}

}  // namespace

ScratchPostgresDatabase::ScratchPostgresDatabase() {
  const char* server = std::getenv("UCF_TEST_POSTGRES_URL");
  if (server == nullptr || *server == '\0') {
    error_ = "UCF_TEST_POSTGRES_URL is not set (scripts/test.sh starts a cluster and sets it)";
    return;
  }
  server_url_ = server;
  std::random_device rd;
  name_ = "ucf_it_" + std::to_string(rd()) + std::to_string(rd());
  error_ = ExecSql(server_url_, "CREATE DATABASE " + name_);
  if (!error_.empty()) return;
  // Replace the database name (the path of the URL) with ours.
  size_t scheme = server_url_.find("://");
  size_t slash = server_url_.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  size_t query = server_url_.find('?');
  std::string base = slash == std::string::npos ? server_url_.substr(0, query) : server_url_.substr(0, slash);
  url_ = base + "/" + name_ + (query == std::string::npos ? "" : server_url_.substr(query));
}

void ScratchPostgresDatabase::Drop() {
  if (!url_.empty()) ExecSql(server_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

ScratchPostgresDatabase::~ScratchPostgresDatabase() { Drop(); }

std::string ScratchPostgresDatabase::Exec(const std::string& sql) const {
  return url_.empty() ? error_ : ExecSql(url_, sql);
}

std::string ScratchPostgresDatabase::Value(const std::string& sql) const {
  PGconn* conn = PQconnectdb(url_.c_str());
  PGresult* res = PQexec(conn, sql.c_str());
  std::string out = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && PQnfields(res) == 1
                        ? PQgetvalue(res, 0, 0)
                        : std::string("error: ") + PQerrorMessage(conn);
  PQclear(res);
  PQfinish(conn);
  return out;
}

boost::json::object ScratchPostgresDatabase::ConnectorConfig(const std::string& password) const {
  std::string rest = url_.substr(url_.find("://") + 3);
  std::string user = rest.substr(0, rest.find('@'));
  rest = rest.substr(rest.find('@') + 1);
  std::string host = rest.substr(0, rest.find(':'));
  int port = std::stoi(rest.substr(rest.find(':') + 1));
  std::string database = rest.substr(rest.find('/') + 1);
  database = database.substr(0, database.find('?'));
  return {{"host", host}, {"port", port}, {"database", database}, {"user", user},
          {"password", password}, {"sslmode", "disable"}};
}

}  // namespace ucf::testing
