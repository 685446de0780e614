#include "tests/support/saas_peer.hpp"

#include <signal.h>

#include <filesystem>

#include "boost/json/parse.hpp"
#include "tests/support/node_peer.hpp"
#include "tests/support/test_http.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::testing {

bool SaasPeer::Installed() {
  return std::filesystem::exists(PeersDir() / "node_modules/@stoplight/prism-cli/package.json");
}

absl::StatusOr<std::unique_ptr<SaasPeer>> SaasPeer::Start(const std::string& script,
                                                          std::map<std::string, std::string> env,
                                                          int timeout_ms) {
  auto process = std::make_unique<Subprocess>(
      std::vector<std::string>{FindNode(), (PeersDir() / script).string()}, std::move(env));
  std::unique_ptr<SaasPeer> peer(new SaasPeer(std::move(process)));
  auto ready = WaitForReadyJson(*peer->process_, script, timeout_ms);
  if (!ready.ok()) return ready.status();
  peer->urls_ = *ready;
  return peer;
}

SaasPeer::~SaasPeer() {
  if (process_ && process_->Signal(SIGTERM, 5'000) < 0) process_->Signal(SIGKILL, 3'000);
}

std::string SaasPeer::url(const std::string& key) const {
  const boost::json::value* v = urls_.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "";
}

absl::StatusOr<boost::json::value> SaasPeer::Control(const std::string& method, const std::string& path,
                                                     const std::string& json_body) const {
  std::vector<std::string> headers = {"Accept: application/json"};
  if (!json_body.empty()) headers.emplace_back("Content-Type: application/json");
  TestResponse response = Fetch(method, url("fake") + path, headers, json_body);
  if (response.status < 200 || response.status >= 300) {
    return absl::InternalError(core::StrCat(method, " ", path, " answered ", response.status, ": ",
                                            response.body, response.error));
  }
  if (response.body.empty()) return boost::json::value(nullptr);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(response.body, ec);
  if (ec) return absl::InternalError(core::StrCat(method, " ", path, ": unreadable JSON"));
  return v;
}

}  // namespace ucf::testing
