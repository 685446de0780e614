// Spec conformance of the GitHub connector: every operation runs many rounds against `prism mock
// --dynamic` of GitHub's published OpenAPI description (tests/peers/github/mock.mjs), so each
// round maps a different random answer the description allows (optional fields missing, nullable
// ones null, odd strings where URLs and names belong, Link headers to other hosts). Whatever the
// description allows must be mapped: an operation succeeds or, where OUR input rules refuse
// something (a next link to another host, a repository name GitHub would never send), answers a
// 4xx naming the field. Never Internal/Unknown. Bodies are seeded (GH_MOCK_SEED repeats a run).

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "tests/support/saas_peer.hpp"
#include "tests/support/recording_api_client.hpp"
#include "ucf/connections/connection_api_client.hpp"
#include "ucf/connectors/github/github_connector.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/client/curl_http_client.hpp"

namespace ucf {
namespace {

using testing::SaasPeer;

constexpr int kRounds = 25;

using testing::RecordingApiClient;

bool Acceptable(const absl::Status& status) {
  if (status.ok()) return true;
  if (status.code() != absl::StatusCode::kInvalidArgument && status.code() != absl::StatusCode::kNotFound) return false;
  std::optional<boost::json::object> details = core::GetDetails(status);
  return details && details->contains("field");
}

template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& r) {
  return r.status();
}

TEST(GitHubContractTest, MapsEverySpecValidAnswer) {
  if (!SaasPeer::Installed()) GTEST_SKIP() << "tests/peers/node_modules missing (npm ci in tests/peers)";
  auto mock = SaasPeer::Start("github/mock.mjs", {{"GH_EXIT_WITH_PARENT", "1"}});
  ASSERT_TRUE(mock.ok()) << mock.status();
  http::CurlHttpClient http{http::CurlHttpClientOptions{.allow_private_networks = true}};
  connections::ConnectionApiClient real(http, nullptr, {"GitHub", (*mock)->url("api"), "t", "con_contract"},
                                        {connections::ApiCredentials::Kind::kBearerStatic, "", "ghp_contract"});
  RecordingApiClient api(real);
  connectors::github::GitHubConnector github;
  const std::string seed = (*mock)->url("seed");
  auto check = [&](const std::string& what, int round, const absl::Status& status) {
    EXPECT_TRUE(Acceptable(status)) << what << " (round " << round << ", seed " << seed << "): " << status
                                    << "\nlast upstream call: " << api.Last();
  };
  int items_mapped = 0;
  for (int round = 0; round < kRounds; ++round) {
    check("CheckCredentials", round, StatusOf(github.CheckCredentials(api)));
    auto repos = github.ListContainers(api, {"", 30});
    check("ListContainers", round, repos.status());
    if (repos.ok() && repos->next) check("ListContainers next", round, StatusOf(github.ListContainers(api, {*repos->next, 30})));
    auto issues = github.ListItems(api, {"octocat/Hello-World", "", {"", 30}});
    check("ListItems", round, issues.status());
    if (issues.ok()) items_mapped += static_cast<int>(issues->items.size());
    if (issues.ok() && issues->next) {
      check("ListItems next", round, StatusOf(github.ListItems(api, {"octocat/Hello-World", "", {*issues->next, 30}})));
    }
    check("ListItems search", round, StatusOf(github.ListItems(api, {"octocat/Hello-World", "needle", {"", 30}})));
    check("GetItem", round, StatusOf(github.GetItem(api, "octocat:Hello-World:1347")));
    check("ListComments", round, StatusOf(github.ListComments(api, "octocat:Hello-World:1347", {"", 30})));
    check("CreateItem", round, StatusOf(github.CreateItem(api, {"octocat/Hello-World", "Spec round", "Body", {}})));
    check("CreateComment", round, StatusOf(github.CreateComment(api, {"octocat:Hello-World:1347", "A comment"})));
  }
  EXPECT_GT(items_mapped, 0) << "random issues that are not pull requests were mapped";
}

}  // namespace
}  // namespace ucf
