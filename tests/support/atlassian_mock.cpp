#include "tests/support/atlassian_mock.hpp"

#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <vector>

#include "tests/support/node_peer.hpp"

namespace ucf::testing {
namespace {

std::string Field(const boost::json::object& obj, const char* key) {
  const boost::json::value* v = obj.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

bool AtlassianSpecMock::Installed() {
  return std::filesystem::exists(PeersDir() / "node_modules/@stoplight/prism-cli/package.json");
}

absl::StatusOr<std::unique_ptr<AtlassianSpecMock>> AtlassianSpecMock::Start() {
  std::map<std::string, std::string> env{{"ATL_EXIT_WITH_PARENT", "1"}};
  if (const char* seed = std::getenv("ATL_MOCK_SEED")) env["ATL_MOCK_SEED"] = seed;
  auto process = std::make_unique<Subprocess>(
      std::vector<std::string>{FindNode(), (PeersDir() / "atlassian/mock.mjs").string()},
      std::move(env));
  std::unique_ptr<AtlassianSpecMock> mock(new AtlassianSpecMock(std::move(process)));
  auto ready = WaitForReadyJson(*mock->process_, "the Atlassian spec mock (tests/peers/atlassian/mock.mjs)",
                                180'000);
  if (!ready.ok()) return ready.status();
  mock->jira_url_ = Field(*ready, "jira");
  mock->confluence_url_ = Field(*ready, "confluence");
  mock->seed_ = Field(*ready, "seed");
  if (mock->jira_url_.empty() || mock->confluence_url_.empty()) {
    return absl::InternalError("incomplete READY line of the Atlassian spec mock");
  }
  return mock;
}

AtlassianSpecMock::~AtlassianSpecMock() {
  if (process_ && process_->Signal(SIGTERM, 5'000) < 0) process_->Signal(SIGKILL, 3'000);
}

}  // namespace ucf::testing
