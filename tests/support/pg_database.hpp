#pragma once
// A fresh PostgreSQL database per test on the throwaway cluster the test command starts
// (UCF_TEST_POSTGRES_URL). Dropped when the object goes away.

#include <optional>
#include <string>

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

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
  std::string error_;
};

}  // namespace ucf::testing
