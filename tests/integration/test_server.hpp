#pragma once
// Starts the whole application in-process on a free port with its log captured, for integration
// tests that talk HTTP to it.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/log_capture.hpp"
#include "tests/support/test_http.hpp"
#include "boost/json/object.hpp"
#include "ucf/app/application.hpp"
#include "ucf/config/loader.hpp"

namespace ucf::testing {

// The `data` object of a success envelope (expects ok: true).
boost::json::object EnvelopeData(const TestResponse& r);
// The error code of an error envelope (expects ok: false).
std::string EnvelopeErrorCode(const TestResponse& r);
// error.details.field of an error envelope; "" when there is none (or it is no envelope).
std::string EnvelopeErrorField(const TestResponse& r);

// A suite's authenticated call: (method, path, body) → response.
using CallFn = std::function<TestResponse(const std::string&, const std::string&, const std::string&)>;
// Queues a sync (POST /api/connections/{id}/sync with `body`) through `call`, polls the job every
// 100 ms until it ends (at most `max_polls` times) and expects 202, then "succeeded". Returns the
// job's last state ({} when it was not queued).
boost::json::object RunSyncJob(const CallFn& call, const std::string& connection_id,
                               const std::string& body, int max_polls = 600);

class TestServer {
 public:
  // `vars` are configuration variables layered over the defaults (UCF_PORT=0, LOG_JSON=true and a
  // fresh data dir unless given).
  explicit TestServer(std::map<std::string, std::string> vars = {});
  ~TestServer();

  std::string Url(const std::string& path) const;
  TestResponse Get(const std::string& path, const std::vector<std::string>& headers = {}) const {
    return Fetch("GET", Url(path), headers);
  }
  // `auth` is a bearer credential ("" for none); `tenant` an X-Tenant-Id value ("" for none).
  TestResponse Call(const std::string& method, const std::string& path, const std::string& auth,
                    const std::string& body = {}, const std::string& tenant = {},
                    std::vector<std::string> headers = {}) const;
  // Creates tenant `tenant` with the admin token and returns a new API key of it ("" and a test
  // failure when either step fails).
  std::string TenantKey(const std::string& admin_token, const std::string& tenant) const;
  // Every page of a listing (`limit` per page, following `next`); fails the test on a non-200 page.
  // `pages` (optional) receives how many pages there were.
  std::vector<boost::json::object> AllPages(const std::string& path, const std::string& auth, int limit,
                                            int* pages = nullptr) const;
  std::string Log() const { return capture_->Text(); }
  app::Application& app() { return *app_; }
  const std::string& data_dir() const { return data_dir_; }

 private:
  std::string data_dir_;
  std::shared_ptr<LogCapture> capture_;
  std::unique_ptr<app::Application> app_;
};

}  // namespace ucf::testing
