#include "tests/integration/test_server.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "boost/json/parse.hpp"

namespace ucf::testing {

boost::json::object EnvelopeData(const TestResponse& r) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(r.body, ec);
  if (ec || !parsed.is_object()) {
    ADD_FAILURE() << "not a JSON envelope: " << r.body;
    return {};
  }
  auto env = parsed.as_object();
  EXPECT_EQ(env["ok"], true) << r.body;
  return env["data"].is_object() ? env["data"].as_object() : boost::json::object{};
}

std::string EnvelopeErrorCode(const TestResponse& r) {
  auto env = boost::json::parse(r.body).as_object();
  EXPECT_EQ(env["ok"], false) << r.body;
  return std::string(env["error"].as_object()["code"].as_string());
}

TestServer::TestServer(std::map<std::string, std::string> vars) {
  char dir[] = "/tmp/ucf-it-XXXXXX";
  data_dir_ = mkdtemp(dir);
  config::EnvSource source;
  source.environment = {{"UCF_PORT", "0"}, {"LOG_JSON", "true"}, {"UCF_DATA_DIR", data_dir_},
                        {"UCF_ADMIN_TOKEN", "integration-admin-token-0000"}};
  for (auto& [k, v] : vars) source.environment[k] = v;
  auto config = config::LoadConfig(source);
  if (!config.ok()) {
    ADD_FAILURE() << "config: " << config.status();
    return;
  }
  capture_ = std::make_shared<LogCapture>();
  auto app = app::Application::Create(std::move(*config), {capture_});
  if (!app.ok()) {
    ADD_FAILURE() << "create: " << app.status();
    return;
  }
  app_ = std::move(*app);
  absl::Status started = app_->Start();
  if (!started.ok()) ADD_FAILURE() << "start: " << started;
}

TestServer::~TestServer() {
  app_.reset();
  std::error_code ec;
  std::filesystem::remove_all(data_dir_, ec);
}

TestResponse TestServer::Call(const std::string& method, const std::string& path,
                              const std::string& auth, const std::string& body,
                              const std::string& tenant, std::vector<std::string> headers) const {
  if (!auth.empty()) headers.push_back("Authorization: Bearer " + auth);
  if (!tenant.empty()) headers.push_back("X-Tenant-Id: " + tenant);
  if (!body.empty()) headers.push_back("Content-Type: application/json");
  return Fetch(method, Url(path), headers, body);
}

std::string TestServer::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(app_->port()) + path;
}

}  // namespace ucf::testing
