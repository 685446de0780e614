#include "tests/support/saas_server.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

#include "boost/json/serialize.hpp"

namespace ucf::testing {

SaasServer::SaasServer(const std::string& admin_token, const boost::json::array& providers,
                       std::map<std::string, std::string> vars, const std::string& tenant) {
  static std::atomic<int> serial{0};
  catalog_ = std::filesystem::temp_directory_path() /
             ("ucf-catalog-" + std::to_string(::getpid()) + "-" + std::to_string(serial++) + ".json");
  std::ofstream(catalog_) << boost::json::serialize(boost::json::object{{"version", 1}, {"providers", providers}});
  vars.emplace("UCF_ADMIN_TOKEN", admin_token);
  vars.emplace("UCF_PROVIDERS_FILE", catalog_.string());
  vars.emplace("UCF_ALLOW_PRIVATE_UPSTREAMS", "true");
  server_ = std::make_unique<TestServer>(std::move(vars));
  key_ = server_->TenantKey(admin_token, tenant);
  EXPECT_FALSE(key_.empty()) << "tenant " << tenant << " or its API key could not be made";
}

SaasServer::~SaasServer() {
  server_.reset();
  std::error_code ignored;
  std::filesystem::remove(catalog_, ignored);
}

CallFn SaasServer::Caller() const {
  return [this](const std::string& m, const std::string& p, const std::string& b) { return Call(m, p, b); };
}

}  // namespace ucf::testing
