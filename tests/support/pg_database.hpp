#pragma once
// A fresh PostgreSQL database per test on the throwaway cluster the test command starts
// (UCF_TEST_POSTGRES_URL). Dropped when the object goes away.

#include <optional>
#include <string>

#include "boost/json/object.hpp"

namespace ucf::testing {

class ScratchPostgresDatabase {
 public:
  // Empty (url() == "") when UCF_TEST_POSTGRES_URL is unset or the database cannot be created;
  // error() says why.
  ScratchPostgresDatabase();
  ~ScratchPostgresDatabase();

  const std::string& url() const { return url_; }
  // Drops the database now, disconnecting its clients (to simulate a database that went away).
  void Drop();
  const std::string& error() const { return error_; }
  // Runs `sql` (one or more statements) as the cluster's superuser in this database: "" when it
  // worked, else the error. Value: the single value of a one-row, one-column query, or
  // "error: …".
  std::string Exec(const std::string& sql) const;
  std::string Value(const std::string& sql) const;
  // The postgres connector's config for this database: {host, port, database, user, password,
  // sslmode: disable} (url() is postgresql://user@host:port/db).
  boost::json::object ConnectorConfig(const std::string& password) const;

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
  std::string error_;
};

}  // namespace ucf::testing
