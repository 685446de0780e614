#include "tests/integration/test_server.hpp"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"

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

std::string EnvelopeErrorField(const TestResponse& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object()) return "";
  const auto* error = v.as_object().if_contains("error");
  if (!error || !error->is_object()) return "";
  const auto* details = error->as_object().if_contains("details");
  if (!details || !details->is_object()) return "";
  const auto* field = details->as_object().if_contains("field");
  return field && field->is_string() ? std::string(field->as_string()) : "";
}

boost::json::object RunSyncJob(const CallFn& call, const std::string& connection_id,
                               const std::string& body, int max_polls) {
  TestResponse queued = call("POST", "/api/connections/" + connection_id + "/sync", body);
  EXPECT_EQ(queued.status, 202) << queued.body;
  if (queued.status != 202) return {};
  std::string job(EnvelopeData(queued)["id"].as_string());
  boost::json::object state;
  for (int i = 0; i < max_polls; ++i) {
    state = EnvelopeData(call("GET", "/api/jobs/" + job, ""));
    if (state["status"] == "succeeded" || state["status"] == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(state["status"], "succeeded") << boost::json::serialize(state);
  return state;
}

std::vector<boost::json::object> TestServer::AllPages(const std::string& path, const std::string& auth, int limit,
                                                      int* pages) const {
  std::vector<boost::json::object> out;
  std::string cursor;
  for (int page = 0; page < 50; ++page) {
    std::string sep = path.find('?') == std::string::npos ? "?" : "&";
    auto r = Call("GET", path + sep + "limit=" + std::to_string(limit) + (cursor.empty() ? "" : "&cursor=" + cursor), auth);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    if (r.status != 200) break;
    auto d = EnvelopeData(r);
    for (auto& item : d["items"].as_array()) out.push_back(item.as_object());
    if (pages) *pages = page + 1;
    if (d["next"].is_null()) break;
    cursor = std::string(d["next"].as_string());
  }
  return out;
}

std::string TestServer::TenantKey(const std::string& admin_token, const std::string& tenant) const {
  auto created = Call("POST", "/api/tenants", admin_token, R"({"id":")" + tenant + R"(","name":")" + tenant + R"("})");
  EXPECT_EQ(created.status, 201) << created.body;
  auto key = Call("POST", "/api/api-keys", admin_token, R"({"name":"k"})", tenant);
  EXPECT_EQ(key.status, 201) << key.body;
  if (created.status != 201 || key.status != 201) return "";
  return std::string(EnvelopeData(key)["key"].as_string());
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
