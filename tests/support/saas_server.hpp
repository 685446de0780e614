#pragma once
// SaasServer: what a suite driving a SaaS connector against its fake needs from UCF — the whole
// application in-process (TestServer) with a provider catalog of its own (the given entries,
// written to a temporary catalog file that is removed with the server), an admin token, private
// upstreams allowed (the fakes listen on 127.0.0.1) and one tenant with an API key, plus the
// tenant's calls. Used by the GitHub and Salesforce suites; built into ucf_integration_test.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "boost/json/array.hpp"
#include "boost/json/object.hpp"
#include "tests/integration/test_server.hpp"

namespace ucf::testing {

class SaasServer {
 public:
  // `providers`: catalog entries ({"id", "displayName", "authMethods", "apiBaseUrl", …}). `vars`
  // are layered over the ones above. A failed start or tenant creation fails the test; ok() says
  // whether the server is usable.
  SaasServer(const std::string& admin_token, const boost::json::array& providers,
             std::map<std::string, std::string> vars = {}, const std::string& tenant = "acme");
  ~SaasServer();
  SaasServer(const SaasServer&) = delete;
  SaasServer& operator=(const SaasServer&) = delete;

  bool ok() const { return server_ != nullptr && !key_.empty(); }

  // A call as the tenant (its API key).
  TestResponse Call(const std::string& method, const std::string& path, const std::string& body = {}) const {
    return server_->Call(method, path, key_, body);
  }
  CallFn Caller() const;
  // Every page of a listing as the tenant (TestServer::AllPages).
  std::vector<boost::json::object> AllPages(const std::string& path, int limit, int* pages = nullptr) const {
    return server_->AllPages(path, key_, limit, pages);
  }
  // Queues a sync with `body` and waits for it to succeed (RunSyncJob).
  boost::json::object RunSync(const std::string& connection_id, const std::string& body) const {
    return RunSyncJob(Caller(), connection_id, body);
  }

  TestServer& server() { return *server_; }
  const std::string& key() const { return key_; }

 private:
  std::filesystem::path catalog_;
  std::unique_ptr<TestServer> server_;
  std::string key_;
};

}  // namespace ucf::testing
