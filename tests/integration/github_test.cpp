// GitHub end to end through UCF's HTTP API (issue 10): connect with a personal access token
// (checked with GET /user), browse repositories → issues → issue → comments across Link-header
// pages, search, create an issue and a comment, bad input refused before any upstream call, the
// primary and secondary rate limits, repository webhooks registered, delivered (X-Hub-Signature-256
// verified), refused when forged and removed, and one sync whose records show in the change feed.
// Every request and answer passes a Stoplight Prism proxy holding GitHub's published OpenAPI
// description (tests/peers/github), so a contract violation fails the test.

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/saas_server.hpp"
#include "tests/support/mini_browser.hpp"
#include "tests/support/oidc_peer.hpp"
#include "tests/support/saas_peer.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/webhooks/webhook_signature.hpp"

namespace ucf {
namespace {

using testing::SaasPeer;
using testing::TestResponse;

constexpr char kAdmin[] = "admin-token-for-github-tests-0123456";
constexpr char kToken[] = "ghp_alice_token";

boost::json::object Data(const TestResponse& r) { return testing::EnvelopeData(r); }
std::string Json(const boost::json::object& o) { return boost::json::serialize(o); }

std::string FieldOf(const TestResponse& r) { return testing::EnvelopeErrorField(r); }

class GitHubTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!SaasPeer::Installed()) return;
    auto peer = SaasPeer::Start("github/start.mjs", {{"GH_EXIT_WITH_PARENT", "1"}});
    ASSERT_TRUE(peer.ok()) << peer.status();
    peer_ = peer->release();
  }
  static void TearDownTestSuite() {
    delete peer_;
    peer_ = nullptr;
  }

  void SetUp() override {
    if (!SaasPeer::Installed()) GTEST_SKIP() << "tests/peers/node_modules missing (npm ci in tests/peers)";
    ASSERT_NE(peer_, nullptr) << "the GitHub peer did not start";
    ASSERT_TRUE(peer_->Control("POST", "/__test/reset").ok());
    boost::json::object github{{"id", "github"},
                               {"displayName", "GitHub"},
                               {"description", "The fake GitHub behind Prism (tests/peers/github)."},
                               {"authMethods", boost::json::array{"personal_token"}},
                               {"apiBaseUrl", peer_->url("api")}};
    saas_ = std::make_unique<testing::SaasServer>(kAdmin, boost::json::array{github});
    ASSERT_TRUE(saas_->ok());
  }

  TestResponse Call(const std::string& method, const std::string& path, const std::string& body = {}) {
    return saas_->Call(method, path, body);
  }

  std::string Connect() {
    auto r = Call("POST", "/api/connectors/github/connect/callback",
                  Json({{"name", "gh"}, {"method", "personal_token"}, {"apiKey", kToken}}));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? std::string(Data(r)["connectionId"].as_string()) : "";
  }

  std::vector<boost::json::object> AllPages(const std::string& path, int limit, int* pages = nullptr) {
    return saas_->AllPages(path, limit, pages);
  }

  int FakeRequests(const std::string& path) {
    auto stats = peer_->Control("GET", "/__test/stats");
    EXPECT_TRUE(stats.ok()) << stats.status();
    if (!stats.ok()) return -1;
    const auto* n = stats->as_object().at("by_path").as_object().if_contains(path);
    return n ? static_cast<int>(n->as_int64()) : 0;
  }

  // The query string of the fake's latest request to `path` ("" when none).
  std::string LastQuery(const std::string& path) {
    auto stats = peer_->Control("GET", "/__test/stats");
    EXPECT_TRUE(stats.ok()) << stats.status();
    if (!stats.ok()) return "";
    const auto* q = stats->as_object().at("last_query").as_object().if_contains(path);
    return q && q->is_string() ? std::string(q->as_string()) : "";
  }

  boost::json::object RunSync(const std::string& id, const std::string& model) {
    return saas_->RunSync(id, Json({{"model", model}}));
  }

  static SaasPeer* peer_;
  std::unique_ptr<testing::SaasServer> saas_;
};

SaasPeer* GitHubTest::peer_ = nullptr;

TEST_F(GitHubTest, PersonalTokenConnectBrowseCreateAndSync) {
  // A token GitHub refuses is not stored.
  auto refused = Call("POST", "/api/connectors/github/connect/callback",
                      Json({{"name", "bad"}, {"method", "personal_token"}, {"apiKey", "ghp_wrong"}}));
  EXPECT_GE(refused.status, 400) << refused.body;
  EXPECT_LT(refused.status, 500) << refused.body;
  std::string id = Connect();
  ASSERT_FALSE(id.empty());
  auto connection = Data(Call("GET", "/api/connections/" + id));
  EXPECT_EQ(connection["status"], "connected") << boost::json::serialize(connection);

  // Containers: the three repositories alice reaches, two per page.
  int pages = 0;
  auto repos = AllPages("/api/connections/" + id + "/containers", 2, &pages);
  ASSERT_EQ(repos.size(), 3u);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(repos[0]["id"], "acme-org/platform");
  EXPECT_EQ(repos[1]["id"], "alice/docs.site");
  EXPECT_EQ(repos[2]["id"], "alice/octo-app");
  EXPECT_EQ(repos[2]["type"], "private");

  // Items: 12 issues in octo-app (its 3 pull requests left out), five per page.
  auto issues = AllPages("/api/connections/" + id + "/items?containerId=alice/octo-app", 5, &pages);
  EXPECT_EQ(issues.size(), 12u);
  EXPECT_EQ(pages, 3);
  for (const auto& issue : issues) {
    std::string item_id(issue.at("id").as_string());
    EXPECT_TRUE(item_id.starts_with("alice:octo-app:")) << item_id;
    EXPECT_NE(item_id, "alice:octo-app:5") << "pull request 5 is not an item";
  }
  EXPECT_EQ(issues[0]["meta"].as_object()["updated"], "2026-01-01T09:01:54Z");  // most recent first

  // Search: the phrase is quoted; a qualifier in the text cannot reach another repository.
  auto found = Data(Call("GET", "/api/connections/" + id + "/items?containerId=alice/octo-app&q=needle"));
  ASSERT_EQ(found["items"].as_array().size(), 1u);
  EXPECT_EQ(found["items"].as_array()[0].at("id"), "alice:octo-app:3");
  auto smuggled = Data(Call("GET", "/api/connections/" + id + "/items?containerId=alice/octo-app&q=" +
                                       "%22%20repo:acme-org/platform%20%22"));
  EXPECT_EQ(smuggled["items"].as_array().size(), 0u);

  // One item with its body, and its comments across pages.
  auto item = Call("GET", "/api/connections/" + id + "/items/alice:octo-app:7");
  ASSERT_EQ(item.status, 200) << item.body;
  EXPECT_EQ(Data(item)["name"], "Zoë \"quotes\" & 日本語");
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/items/alice:octo-app:5").status, 404) << "a pull request";
  auto comments = AllPages("/api/connections/" + id + "/items/alice:octo-app:1/comments", 2, &pages);
  ASSERT_EQ(comments.size(), 5u);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(comments[1]["text"], "Comment 2 — ünïcode");
  EXPECT_EQ(comments[0]["author"], "bob");

  // Bad input: 400 naming the field, and nothing reaches GitHub.
  int before = FakeRequests("/repos/alice/octo-app/issues");
  auto no_title = Call("POST", "/api/connections/" + id + "/items", Json({{"containerId", "alice/octo-app"}, {"title", " "}}));
  EXPECT_EQ(no_title.status, 400);
  EXPECT_EQ(FieldOf(no_title), "title");
  auto bad_repo = Call("POST", "/api/connections/" + id + "/items", Json({{"containerId", "alice/../x"}, {"title", "t"}}));
  EXPECT_EQ(FieldOf(bad_repo), "containerId");
  auto bad_field = Call("POST", "/api/connections/" + id + "/items",
                        Json({{"containerId", "alice/octo-app"}, {"title", "t"}, {"fields", {{"state", "closed"}}}}));
  EXPECT_EQ(FieldOf(bad_field), "fields.state");
  EXPECT_EQ(FieldOf(Call("GET", "/api/connections/" + id + "/items/alice:octo-app:x1")), "itemId");
  EXPECT_EQ(FakeRequests("/repos/alice/octo-app/issues"), before);

  // Create an issue and a comment on it.
  auto created = Call("POST", "/api/connections/" + id + "/items",
                      Json({{"containerId", "alice/octo-app"}, {"title", "Created through UCF"}, {"body", "from the test"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string new_id(Data(created)["id"].as_string());
  EXPECT_EQ(new_id, "alice:octo-app:16");
  auto comment = Call("POST", "/api/connections/" + id + "/items/" + new_id + "/comments", Json({{"text", "first!"}}));
  ASSERT_EQ(comment.status, 201) << comment.body;
  EXPECT_EQ(Data(comment)["text"], "first!");

  // One sync of the issues: every repository's issues land in the change feed.
  auto run = RunSync(id, "issues");
  // `fetched` counts every object read: 3 repositories + 13 issues in octo-app + 1 in docs.site.
  EXPECT_EQ(run["counts"].as_object()["fetched"], 3 + 14);
  auto feed = Call("GET", "/api/connections/" + id + "/records?model=issues&limit=200");
  ASSERT_EQ(feed.status, 200) << feed.body;
  auto records = Data(feed)["items"].as_array();
  ASSERT_EQ(records.size(), 14u);
  bool seen = false;
  for (const auto& r : records) seen = seen || r.at("externalId") == boost::json::value(new_id);
  EXPECT_TRUE(seen) << "the created issue is in the feed";
  EXPECT_EQ(records[0].at("model"), "issues");
  // Comments come from each repository's comment listing (GET /repos/{o}/{r}/issues/comments,
  // sort=updated, oldest first, since its own marker), not through the issues:
  // 3 repositories + 5 comments on issue 1 + 1 on the new issue.
  auto again = RunSync(id, "comments");
  EXPECT_EQ(again["counts"].as_object()["fetched"], 3 + 6) << boost::json::serialize(again);
  std::string comments_resume(Data(Call("GET", "/api/connections/" + id + "/records?model=comments&limit=200"))["resume"].as_string());

  // Incremental: after one issue changed (a comment on issue 7 bumps its updated_at), the next
  // runs ask GitHub only for issues updated since their marker (`since`, oldest first): they read
  // far fewer records, and the change feed after the first run shows only issue 7.
  std::string resume(Data(feed)["resume"].as_string());
  auto comment7 = Call("POST", "/api/connections/" + id + "/items/alice:octo-app:7/comments", Json({{"text", "bump"}}));
  ASSERT_EQ(comment7.status, 201) << comment7.body;
  auto second = RunSync(id, "issues");
  // octo-app: issue 7 and the newest issue of the first run (its marker, "at or after"); docs.site:
  // its only issue, for the same reason.
  EXPECT_EQ(second["counts"].as_object()["fetched"], 3 + 3) << boost::json::serialize(second);  // + repositories
  EXPECT_EQ(second["counts"].as_object()["changed"], 1) << boost::json::serialize(second);
  auto changed = Data(Call("GET", "/api/connections/" + id + "/records?model=issues&limit=200&cursor=" + resume));
  ASSERT_EQ(changed["items"].as_array().size(), 1u) << boost::json::serialize(changed);
  EXPECT_EQ(changed["items"].as_array()[0].at("externalId"), "alice:octo-app:7");
  int issue_listings = FakeRequests("/repos/alice/octo-app/issues");
  auto comments_again = RunSync(id, "comments");
  // Only comments updated since the marker are read: 3 repositories + the comment on issue 7 +
  // the newest of the first run (on the new issue: its marker, "at or after").
  EXPECT_EQ(comments_again["counts"].as_object()["fetched"], 3 + 2) << boost::json::serialize(comments_again);
  EXPECT_EQ(comments_again["counts"].as_object()["changed"], 1) << boost::json::serialize(comments_again);
  EXPECT_EQ(FakeRequests("/repos/alice/octo-app/issues"), issue_listings) << "no issue listing for comments";
  std::string asked = LastQuery("/repos/alice/octo-app/issues/comments");
  EXPECT_NE(asked.find("since=2026-"), std::string::npos) << asked;
  EXPECT_NE(asked.find("sort=updated"), std::string::npos) << asked;
  EXPECT_NE(asked.find("direction=asc"), std::string::npos) << asked;
  auto new_comments = Data(Call("GET", "/api/connections/" + id + "/records?model=comments&limit=200&cursor=" + comments_resume));
  ASSERT_EQ(new_comments["items"].as_array().size(), 1u) << boost::json::serialize(new_comments);
  auto bump = new_comments["items"].as_array()[0].as_object();
  EXPECT_EQ(bump["data"].as_object()["text"], "bump");
  EXPECT_EQ(bump["data"].as_object()["itemId"], "alice:octo-app:7");
}

TEST_F(GitHubTest, PrimaryAndSecondaryRateLimits) {
  std::string id = Connect();
  ASSERT_FALSE(id.empty());
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string containers = "/api/connections/" + id + "/containers";
  auto fault = [&](int status, boost::json::object headers) {
    boost::json::object f{{"path_prefix", "/user/repos"}, {"status", status}, {"headers", std::move(headers)},
                          {"body", {{"message", "API rate limit exceeded"}, {"documentation_url", "https://docs.github.com/rest"}}}};
    ASSERT_TRUE(peer_->Control("POST", "/__test/faults", Json(f)).ok());
  };
  // Primary limit exhausted, reset in a moment: UCF waits for the reset and retries.
  fault(403, {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", std::to_string(now + 1)}});
  int before = FakeRequests("/user/repos");
  EXPECT_EQ(Call("GET", containers).status, 200);
  EXPECT_EQ(FakeRequests("/user/repos"), before + 2);
  // Reset an hour away: 429 rate_limited with Retry-After, at once.
  fault(403, {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", std::to_string(now + 3600)}});
  auto limited = Call("GET", containers);
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(testing::EnvelopeErrorCode(limited), "rate_limited");
  auto retry_after = core::ParseInt64(limited.headers.Get("Retry-After").value_or(""));
  ASSERT_TRUE(retry_after.has_value()) << limited.body;
  EXPECT_GT(*retry_after, 3000);
  // Secondary limit (403 with retry-after, remaining not 0): waited out when short …
  fault(403, {{"retry-after", "1"}});
  EXPECT_EQ(Call("GET", containers).status, 200);
  // … and 429 with GitHub's Retry-After when long.
  fault(429, {{"retry-after", "120"}});
  auto secondary = Call("GET", containers);
  EXPECT_EQ(secondary.status, 429) << secondary.body;
  EXPECT_EQ(secondary.headers.Get("Retry-After").value_or(""), "120");
  // A plain 403 (no rate limit) is a permission error, not retried.
  ASSERT_TRUE(peer_->Control("POST", "/__test/faults",
                             Json({{"path_prefix", "/user/repos"}, {"status", 403},
                                   {"body", {{"message", "Resource not accessible by personal access token"},
                                             {"documentation_url", "https://docs.github.com/rest"}}}})).ok());
  before = FakeRequests("/user/repos");
  EXPECT_EQ(Call("GET", containers).status, 403);
  EXPECT_EQ(FakeRequests("/user/repos"), before + 1);
}

// Bad input on the routes that create a connection or write its config: 400 naming the field,
// nothing stored or changed, and the token never reaches GitHub.
TEST_F(GitHubTest, BadConnectAndConfigInputIs400NamingTheFieldAndChangesNothing) {
  std::string id = Connect();
  ASSERT_FALSE(id.empty());
  auto before = Data(Call("GET", "/api/connections/" + id));
  int checks = FakeRequests("/user");
  struct Case {
    std::string method, path;
    boost::json::object body;
    std::string field;
  } cases[] = {
      {"POST", "/api/connectors/github/connect/callback", {{"name", "x"}, {"method", "personal_token"}}, "apiKey"},
      {"POST", "/api/connectors/github/connect/callback", {{"name", "x"}, {"method", "basic"}, {"apiKey", kToken}}, "method"},
      {"POST", "/api/connectors/github/connect/callback", {{"name", "../x"}, {"method", "personal_token"}, {"apiKey", kToken}}, "name"},
      {"POST", "/api/connectors/github/connect/callback",
       {{"name", "x"}, {"method", "personal_token"}, {"apiKey", kToken}, {"config", {{"apiBaseUrl", "https://evil.example"}}}},
       "config.apiBaseUrl"},
      {"POST", "/api/connections", {{"connectorId", "github"}, {"name", "x"}, {"config", {{"owner", "alice"}}}}, "config.owner"},
      {"PATCH", "/api/connections/" + id, {{"config", {{"baseUrl", "https://evil.example"}}}}, "config.baseUrl"},
  };
  for (const Case& c : cases) {
    auto r = Call(c.method, c.path, Json(c.body));
    EXPECT_EQ(r.status, 400) << c.method << " " << c.path << " " << r.body;
    EXPECT_EQ(FieldOf(r), c.field) << r.body;
    EXPECT_EQ(r.body.find(kToken), std::string::npos) << r.body;
  }
  EXPECT_EQ(Data(Call("GET", "/api/connections"))["items"].as_array().size(), 1u);
  EXPECT_EQ(FakeRequests("/user"), checks) << "no refused form reached GitHub";
  auto after = Data(Call("GET", "/api/connections/" + id));
  EXPECT_EQ(after["config"], before["config"]);
  EXPECT_EQ(after["status"], "connected");
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/containers").status, 200);
}

// validate: {"valid": false} only when GitHub refuses the token; a rate limit or an outage says
// nothing about it and answers as the failure it is, leaving the connection connected.
TEST_F(GitHubTest, ValidateSaysInvalidOnlyForARefusedToken) {
  std::string id = Connect();
  ASSERT_FALSE(id.empty());
  const std::string validate = "/api/connections/" + id + "/validate";
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto fault = [&](int status, boost::json::object headers, const std::string& message) {
    boost::json::object f{{"path_prefix", "/user"}, {"status", status}, {"headers", std::move(headers)},
                          {"body", {{"message", message}, {"documentation_url", "https://docs.github.com/rest"}}}};
    ASSERT_TRUE(peer_->Control("POST", "/__test/faults", Json(f)).ok());
  };
  fault(403, {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", std::to_string(now + 3600)}}, "API rate limit exceeded");
  auto limited = Call("POST", validate);
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(testing::EnvelopeErrorCode(limited), "rate_limited") << limited.body;
  EXPECT_TRUE(limited.headers.Get("Retry-After").has_value()) << limited.body;
  fault(503, {}, "Service unavailable");
  auto down = Call("POST", validate);
  EXPECT_TRUE(down.status == 502 || down.status == 503) << down.body;
  std::string lower = core::ToLower(down.body);
  EXPECT_NE(lower.find("github"), std::string::npos) << "the provider is named: " << down.body;
  EXPECT_EQ(Data(Call("GET", "/api/connections/" + id))["status"], "connected");
  // The token refused: the verdict, 200 valid false.
  fault(401, {}, "Bad credentials");
  auto refused = Call("POST", validate);
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(Data(refused)["valid"], false) << refused.body;
  auto fine = Call("POST", validate);
  ASSERT_EQ(fine.status, 200) << fine.body;
  EXPECT_EQ(Data(fine)["valid"], true) << fine.body;
}

TEST_F(GitHubTest, RepositoryWebhooksAreSignedVerifiedAndRemoved) {
  std::string id = Connect();
  ASSERT_FALSE(id.empty());
  auto no_repo = Call("POST", "/api/connectors/github/webhooks", Json({{"connectionId", id}}));
  EXPECT_EQ(no_repo.status, 400);
  EXPECT_EQ(FieldOf(no_repo), "filter");
  auto registered = Call("POST", "/api/connectors/github/webhooks", Json({{"connectionId", id}, {"filter", "alice/octo-app"}}));
  ASSERT_EQ(registered.status, 201) << registered.body;
  std::string webhook_id(Data(registered)["webhookId"].as_string());
  EXPECT_TRUE(std::string(Data(registered)["providerWebhookId"].as_string()).starts_with("alice/octo-app:"));

  // GitHub pings the new hook, then reports the issue created through UCF; both are signed.
  auto created = Call("POST", "/api/connections/" + id + "/items", Json({{"containerId", "alice/octo-app"}, {"title", "Hook me"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  int delivered = 0;
  boost::json::array deliveries;
  for (int i = 0; i < 100 && delivered < 2; ++i) {
    auto d = peer_->Control("GET", "/__test/deliveries");
    ASSERT_TRUE(d.ok()) << d.status();
    deliveries = d->as_array();
    delivered = 0;
    for (const auto& x : deliveries) delivered += x.at("state") == "delivered" ? 1 : 0;
    if (delivered < 2) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(delivered, 2) << boost::json::serialize(deliveries);
  auto received = Data(Call("GET", "/api/audit-logs?action=webhook.received&targetId=" + id))["items"].as_array();
  ASSERT_EQ(received.size(), 2u);
  std::set<std::string> events;
  for (const auto& r : received) {
    auto details = r.at("details").as_object();
    EXPECT_EQ(details["scheme"], "hub-signature");
    events.insert(std::string(details["githubEvent"].as_string()));
  }
  EXPECT_EQ(events, (std::set<std::string>{"ping", "issues"}));

  // Unsigned, forged, replayed or SHA-1-only deliveries: 401, nothing recorded.
  const std::string inbound = "/webhooks/github/" + id;
  const auto& last = deliveries.back().as_object();
  std::string body(last.at("body").as_string());
  std::vector<std::string> replay_headers;
  for (const auto& [k, v] : last.at("headers").as_object()) {
    if (k != "Content-Type") replay_headers.push_back(std::string(k) + ": " + std::string(v.as_string()));
  }
  EXPECT_EQ(saas_->server().Call("POST", inbound, "", body, "", replay_headers).status, 401) << "replayed delivery";
  EXPECT_EQ(saas_->server().Call("POST", inbound, "", body).status, 401);
  EXPECT_EQ(saas_->server().Call("POST", inbound, "", body, "",
                                 {"X-Hub-Signature-256: " + webhooks::HubSignature("guessed-secret", body),
                                  "X-GitHub-Delivery: fresh-guid", "X-GitHub-Event: issues"}).status, 401);
  EXPECT_EQ(saas_->server().Call("POST", inbound, "", body, "",
                                 {"X-Hub-Signature: " + std::string(last.at("headers").at("X-Hub-Signature").as_string()),
                                  "X-GitHub-Delivery: other-guid"}).status, 401);
  EXPECT_EQ(Data(Call("GET", "/api/audit-logs?action=webhook.received&targetId=" + id))["items"].as_array().size(), 2u);

  // Keep-alive (GitHub hooks do not expire: a check) and removal at GitHub.
  EXPECT_EQ(Call("POST", "/api/connectors/github/webhooks/refresh").status, 200);
  ASSERT_EQ(peer_->Control("GET", "/__test/hooks")->as_array().size(), 1u);
  auto removed = Call("DELETE", "/api/connectors/github/webhooks/" + webhook_id);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(peer_->Control("GET", "/__test/hooks")->as_array().size(), 0u);
  EXPECT_EQ(saas_->server().Call("POST", inbound, "", "{}").status, 404);
}

// Issue 12: a verified GitHub delivery queues an incremental sync of the model it touches
// ("issues" → issues, "issue_comment" → comments), de-duplicated: while that model's run is queued
// or running (here: retrying the provider's 503s), a further delivery is answered with that run.
TEST_F(GitHubTest, VerifiedDeliveriesQueueOneIncrementalSyncPerModel) {
  std::string id = Connect();
  ASSERT_FALSE(id.empty());
  auto registered = Call("POST", "/api/connectors/github/webhooks", Json({{"connectionId", id}, {"filter", "alice/octo-app"}}));
  ASSERT_EQ(registered.status, 201) << registered.body;
  auto hooks = peer_->Control("GET", "/__test/hooks");
  ASSERT_TRUE(hooks.ok()) << hooks.status();
  ASSERT_EQ(hooks->as_array().size(), 1u);
  const std::string secret(hooks->as_array()[0].at("secret").as_string());
  const std::string inbound = "/webhooks/github/" + id;
  auto deliver = [&](const std::string& event, const std::string& guid, const std::string& with_secret) {
    std::string body = Json({{"action", "edited"},
                             {"issue", {{"number", 1}}},
                             {"repository", {{"full_name", "alice/octo-app"}}}});
    return server_->Call("POST", inbound, "", body, "",
                         {"X-Hub-Signature-256: " + webhooks::HubSignature(with_secret, body),
                          "X-GitHub-Delivery: " + guid, "X-GitHub-Event: " + event});
  };
  // The issue listing answers 503 a few times: the run waits out the back-offs, so it is still
  // running when the next delivery arrives.
  ASSERT_TRUE(peer_->Control("POST", "/__test/faults",
                             Json({{"path_prefix", "/repos/alice/octo-app/issues"}, {"status", 503}, {"count", 3},
                                   {"body", {{"message", "Service Unavailable"}}}})).ok());
  auto first = deliver("issues", "delivery-1", secret);
  ASSERT_EQ(first.status, 200) << first.body;
  auto first_sync = Data(first)["sync"].as_object();
  ASSERT_TRUE(first_sync.contains("jobId")) << first.body;
  EXPECT_EQ(first_sync["model"], "issues");
  EXPECT_EQ(first_sync["deduplicated"], false);
  auto second = deliver("issues", "delivery-2", secret);
  ASSERT_EQ(second.status, 200) << second.body;
  auto second_sync = Data(second)["sync"].as_object();
  EXPECT_EQ(second_sync["jobId"], first_sync["jobId"]) << second.body;
  EXPECT_EQ(second_sync["deduplicated"], true);
  auto comments = deliver("issue_comment", "delivery-3", secret);
  ASSERT_EQ(comments.status, 200) << comments.body;
  auto comments_sync = Data(comments)["sync"].as_object();
  EXPECT_EQ(comments_sync["model"], "comments");
  EXPECT_NE(comments_sync["jobId"], first_sync["jobId"]);
  // A forged delivery queues nothing.
  EXPECT_EQ(deliver("issues", "delivery-4", "guessed-secret").status, 401);

  const std::string job_id(first_sync["jobId"].as_string());
  boost::json::object job;
  for (int i = 0; i < 600; ++i) {
    job = Data(Call("GET", "/api/jobs/" + job_id));
    if (job["status"] != "queued" && job["status"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(job["status"], "succeeded") << Json(job);
  EXPECT_EQ(job["params"].at("model"), "issues");
  EXPECT_FALSE(job["params"].at("full").as_bool());
  auto jobs = Data(Call("GET", "/api/jobs?connectionId=" + id))["items"].as_array();
  EXPECT_EQ(jobs.size(), 2u) << "three verified deliveries of two models: two runs";
}

// The OAuth app way: a real OAuth server (oidc-provider stands in for github.com's, PKCE S256)
// issues the token; the fake GitHub accepts it after introspection; the connection browses.
TEST_F(GitHubTest, OAuthAppConnectsAndBrowses) {
  auto oidc = testing::OidcPeer::Start({});
  ASSERT_TRUE(oidc.ok()) << oidc.status();
  ASSERT_TRUE(peer_->Control("POST", "/__test/config",
                             Json({{"introspection", {{"url", (*oidc)->issuer() + "/token/introspection"},
                                                      {"client_id", testing::kPeerClientId},
                                                      {"client_secret", testing::kPeerClientSecret}}}})).ok());
  auto catalog = boost::json::parse((*oidc)->CatalogJson("github")).as_object();
  auto& github = catalog["providers"].as_array()[0].as_object();
  github["apiBaseUrl"] = peer_->url("api");
  github["authMethods"] = boost::json::array{"oauth2", "personal_token"};
  saas_.reset();  // the next server, with the OAuth catalog
  saas_ = std::make_unique<testing::SaasServer>(kAdmin, catalog["providers"].as_array());
  ASSERT_TRUE(saas_->ok());

  ASSERT_EQ(Call("PATCH", "/api/connectors/github",
                 Json({{"oauthClientId", testing::kPeerClientId}, {"oauthClientSecret", testing::kPeerClientSecret}})).status, 200);
  auto started = Call("POST", "/api/connectors/github/connect", Json({{"method", "oauth2"}, {"redirectUri", testing::kPeerRedirectUri}}));
  ASSERT_EQ(started.status, 200) << started.body;
  testing::MiniBrowser browser;
  auto callback = browser.Authorize(std::string(Data(started)["authUrl"].as_string()), testing::kPeerRedirectUri);
  ASSERT_TRUE(callback.ok()) << callback.status();
  auto q = testing::QueryOf(*callback);
  auto done = Call("POST", "/api/connectors/github/connect/callback", Json({{"code", q["code"]}, {"state", q["state"]}}));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Data(done)["status"], "connected") << done.body;
  std::string id(Data(done)["connectionId"].as_string());
  EXPECT_EQ(AllPages("/api/connections/" + id + "/containers", 50).size(), 3u);
  auto item = Call("GET", "/api/connections/" + id + "/items/alice:octo-app:3");
  EXPECT_EQ(item.status, 200) << item.body;
  EXPECT_TRUE(peer_->Control("POST", "/__test/config", R"({"introspection":null})").ok());
}

}  // namespace
}  // namespace ucf
