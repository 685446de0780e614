#include "ucf/connectors/github/github_connector.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/connectors/atlassian/test_support.hpp"
#include "ucf/connectors/fake_api_client.hpp"
#include "ucf/connectors/github/github_requests.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::github {
namespace {

using atlassian::testing::FieldOf;
using atlassian::testing::ParseUrl;

constexpr char kBase[] = "https://api.github.com";

// The octokit fixture recorded against api.github.com (../shared/contracts/github).
boost::json::array OctokitFixture(std::string_view name) {
  return boost::json::parse(atlassian::testing::ReadFile(
                                core::StrCat(UCF_SOURCE_DIR, "/../shared/contracts/github/octokit-fixtures/", name)))
      .as_array();
}

http::UpstreamResponse Json(int status, std::string body, http::Headers headers = {}) {
  headers.Set("Content-Type", "application/json");
  return http::UpstreamResponse{status, std::move(headers), std::move(body)};
}

class GitHubConnectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<Connector> connector_ = MakeGitHubConnector();
  FakeApiClient api_{kBase, "conn-1"};
};

// Checks the request of a sync listing (issues or comments changed since 2026-01-02T21:07:45.5Z,
// floored to the second: GitHub takes YYYY-MM-DDTHH:MM:SSZ): `path`, oldest change first,
// `per_page` a page. Returns the parsed URL for the listing's own parameters.
atlassian::testing::RequestUrl ExpectChangedSinceListing(const RecordedCall& call, std::string_view path,
                                                         std::string_view per_page) {
  auto url = ParseUrl(call.url);
  EXPECT_EQ(url.path, path) << call.url;
  EXPECT_EQ(url.query["since"], "2026-01-02T21:07:45Z") << call.url;
  EXPECT_EQ(url.query["sort"], "updated") << call.url;
  EXPECT_EQ(url.query["direction"], "asc") << call.url;
  EXPECT_EQ(url.query["per_page"], per_page) << call.url;
  return url;
}

TEST_F(GitHubConnectorTest, DescribesItself) {
  const ConnectorDescription& d = connector_->Describe();
  EXPECT_EQ(d.id, "github");
  EXPECT_EQ(d.group, "saas");
  EXPECT_EQ(d.sync_models, (std::vector<std::string>{"repositories", "issues", "comments"}));
  EXPECT_TRUE(d.Offers("webhooks"));
  EXPECT_TRUE(d.Offers("create_comment"));
  ASSERT_EQ(d.credential_fields.size(), 1u);
  EXPECT_TRUE(d.credential_fields[0].secret());
  EXPECT_NE(d.description.find("pull requests left out"), std::string::npos);
}

TEST_F(GitHubConnectorTest, CheckCredentialsReadsTheUserAndSendsTheApiVersion) {
  api_.EnqueueJson(200, R"({"login":"octocat","id":1,"name":"The Octocat","email":null})");
  auto account = connector_->CheckCredentials(api_);
  ASSERT_TRUE(account.ok()) << account.status();
  EXPECT_EQ(account->account_id, "1");
  EXPECT_EQ(account->display_name, "The Octocat");
  EXPECT_EQ(account->email, "");
  EXPECT_EQ(account->extra.at("login"), "octocat");
  ASSERT_EQ(api_.calls().size(), 1u);
  EXPECT_EQ(api_.calls()[0].url, "https://api.github.com/user");
  EXPECT_EQ(api_.calls()[0].headers.Get("X-GitHub-Api-Version"), "2022-11-28");
}

// The five recorded pages of octokit/fixtures "paginate-issues": Link rel="next" is followed
// (pages 2.. use the /repositories/{id}/issues form) until the last page, which has none.
TEST_F(GitHubConnectorTest, ListItemsFollowsLinkHeadersAcrossTheOctokitFixturePages) {
  boost::json::array exchanges = OctokitFixture("paginate-issues.normalized-fixture.json");
  api_.SetHandler([&](const RecordedCall& call) {
    for (const auto& e : exchanges) {
      const auto& x = e.as_object();
      std::string path(x.at("path").as_string());
      std::string target = call.url.substr(std::string(kBase).size());
      bool first = path.find("/repos/") == 0 && target.find("/repos/octokit-fixture-org/paginate-issues/issues?") == 0;
      if (first || target == path) {
        http::Headers headers;
        for (const auto& [k, v] : x.at("headers").as_object()) {
          if (v.is_string()) headers.Set(k, std::string(v.as_string()));
        }
        return Json(static_cast<int>(x.at("status").as_int64()), boost::json::serialize(x.at("response")), headers);
      }
    }
    return Json(404, R"({"message":"Not Found"})");
  });
  std::vector<std::string> ids;
  std::string cursor;
  int pages = 0;
  for (; pages < 10; ++pages) {
    auto page = connector_->ListItems(
        api_, {.container_id = "octokit-fixture-org/paginate-issues", .q = "", .page = {.cursor = cursor, .limit = 3}});
    ASSERT_TRUE(page.ok()) << page.status();
    for (const Item& item : page->items) ids.push_back(item.id);
    if (!page->next) break;
    cursor = *page->next;
  }
  EXPECT_EQ(pages + 1, 5);
  ASSERT_EQ(ids.size(), 13u);
  EXPECT_EQ(ids.front(), "octokit-fixture-org:paginate-issues:13");
  EXPECT_EQ(ids.back(), "octokit-fixture-org:paginate-issues:1");
  auto calls = api_.calls();
  ASSERT_EQ(calls.size(), 5u);
  auto first = ParseUrl(calls[0].url);
  EXPECT_EQ(first.path, "/repos/octokit-fixture-org/paginate-issues/issues");
  EXPECT_EQ(first.query["per_page"], "3");
  EXPECT_EQ(first.query["state"], "all");
  EXPECT_EQ(ParseUrl(calls[4].url).path, "/repositories/1000/issues");
}

TEST_F(GitHubConnectorTest, MapsIssuesAndLeavesPullRequestsOut) {
  api_.EnqueueJson(200, R"([
    {"number":3,"title":"Zoë — 日本","state":"open","html_url":"https://github.com/o/r/issues/3",
     "user":{"login":"alice"},"assignee":null,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-03T03:04:05Z",
     "body":"hello"},
    {"number":2,"title":"a PR","state":"open","pull_request":{"url":"https://api.github.com/repos/o/r/pulls/2"}},
    {"title":"no number"}
  ])");
  auto page = connector_->ListItems(api_, {.container_id = "o/r", .q = "", .page = {}});
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->items.size(), 1u);
  const Item& item = page->items[0];
  EXPECT_EQ(item.id, "o:r:3");
  EXPECT_EQ(item.name, "Zoë — 日本");
  EXPECT_EQ(item.container_id, "o/r");
  EXPECT_EQ(item.meta.key, "o/r#3");
  EXPECT_EQ(item.meta.status, "open");
  EXPECT_EQ(item.meta.author, "alice");
  EXPECT_FALSE(item.meta.assignee.has_value());
  EXPECT_EQ(item.meta.updated, "2026-01-03T03:04:05Z");
  EXPECT_FALSE(item.body.has_value());
  EXPECT_FALSE(page->next.has_value());

  api_.EnqueueJson(200, R"({"number":2,"title":"a PR","pull_request":{}})");
  EXPECT_EQ(connector_->GetItem(api_, "o:r:2").status().code(), absl::StatusCode::kNotFound);
  api_.EnqueueJson(200, R"({"number":3,"title":"t","body":"the body"})");
  auto one = connector_->GetItem(api_, "o/r#3");
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->body, "the body");
  EXPECT_EQ(api_.calls().back().url, "https://api.github.com/repos/o/r/issues/3");
}

TEST_F(GitHubConnectorTest, SyncListingAsksForIssuesUpdatedSinceTheMarkerOldestFirst) {
  ASSERT_NE(connector_->Describe().ChangeMarkerOf("issues"), nullptr);
  EXPECT_EQ(connector_->Describe().ChangeMarkerOf("issues")->field, "updated");
  api_.EnqueueJson(200, R"([
    {"number":7,"title":"older","state":"open","updated_at":"2026-01-02T21:07:45Z"},
    {"number":4,"title":"newer","state":"closed","updated_at":"2026-01-05T08:00:00Z"}
  ])");
  ItemQuery query{.container_id = "o/r", .q = "ignored by sync listings", .page = {.cursor = "", .limit = 30}};
  // 2026-01-02T21:07:45.5Z: floored to the second (GitHub takes YYYY-MM-DDTHH:MM:SSZ).
  query.changed_since = core::TimePoint(std::chrono::milliseconds(1767388065500));
  auto page = connector_->ListItems(api_, query);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(api_.calls().size(), 1u);
  auto url = ExpectChangedSinceListing(api_.calls()[0], "/repos/o/r/issues", "30");
  EXPECT_EQ(url.query["state"], "all");
  EXPECT_EQ(url.query.count("q"), 0u);
  // The provider's order is kept: oldest change first, so the sync marker can advance page by page.
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, "o:r:7");
  EXPECT_EQ(page->items[1].id, "o:r:4");

  // Without a marker: the browse order, newest first, no `since`.
  api_.EnqueueJson(200, "[]");
  ASSERT_TRUE(connector_->ListItems(api_, {.container_id = "o/r", .q = "", .page = {}}).ok());
  auto browse = ParseUrl(api_.calls()[1].url);
  EXPECT_EQ(browse.query["direction"], "desc");
  EXPECT_EQ(browse.query.count("since"), 0u);
}

TEST_F(GitHubConnectorTest, CommentSyncAsksTheRepositoryForCommentsUpdatedSinceItsOwnMarker) {
  ASSERT_NE(connector_->Describe().ChangeMarkerOf("comments"), nullptr);
  http::Headers link;
  link.Set("Link", R"(<https://api.github.com/repos/o/r/issues/comments?page=2>; rel="next")");
  api_.EnqueueJson(200, R"([
    {"id":11,"body":"old","updated_at":"2026-01-02T21:07:45Z",
     "issue_url":"https://api.github.com/repos/o/r/issues/7"},
    {"id":12,"body":"no issue","updated_at":"2026-01-03T00:00:00Z"},
    {"id":13,"body":"new","updated_at":"2026-01-05T08:00:00Z",
     "issue_url":"https://api.github.com/repos/o/r/issues/4"}
  ])", link);
  auto page = connector_->ListChangedComments(api_, "o/r", core::TimePoint(std::chrono::milliseconds(1767388065500)),
                                              {.cursor = "", .limit = 50});
  ASSERT_TRUE(page.ok()) << page.status();
  ExpectChangedSinceListing(api_.calls()[0], "/repos/o/r/issues/comments", "50");
  ASSERT_EQ(page->items.size(), 2u) << "a comment naming no issue cannot be addressed";
  EXPECT_EQ(page->items[0].item_id, "o:r:7");
  EXPECT_EQ(page->items[1].item_id, "o:r:4");
  ASSERT_TRUE(page->next.has_value());
  // The next page is followed; a cursor of another listing is refused.
  api_.EnqueueJson(200, "[]");
  EXPECT_TRUE(connector_->ListChangedComments(api_, "o/r", {}, {.cursor = *page->next, .limit = 50}).ok());
  auto other = connector_->ListChangedComments(api_, "o/r", {}, {.cursor = "https://api.github.com/user/repos?page=2", .limit = 50});
  EXPECT_EQ(FieldOf(other.status()), "cursor");
  EXPECT_EQ(FieldOf(connector_->ListChangedComments(api_, "o/../r", {}, {}).status()), "containerId");
}

TEST_F(GitHubConnectorTest, SearchQuotesTheTextSoNoQualifierCanBeAdded) {
  api_.EnqueueJson(200, R"({"total_count":0,"incomplete_results":false,"items":[]})");
  auto page = connector_->ListItems(
      api_, {.container_id = "o/r", .q = "crash\" repo:evil/secret is:pr \\ \n", .page = {.cursor = "", .limit = 500}});
  ASSERT_TRUE(page.ok()) << page.status();
  auto url = ParseUrl(api_.calls()[0].url);
  EXPECT_EQ(url.path, "/search/issues");
  EXPECT_EQ(url.query["q"], "\"crash  repo:evil/secret is:pr\" repo:o/r is:issue");
  EXPECT_EQ(url.query["per_page"], "100");
  // Hostile input, each as one phrase: never more than one pair of quotes from the user's text.
  for (std::string_view hostile : {"\"\"\"", "a\"b\"c", "\" OR repo:x/y \"", "\\\"", "\x01\x7f\""}) {
    auto q = SearchQuery(RepoRef{"o", "r"}, hostile);
    ASSERT_TRUE(q.ok());
    std::string_view text(*q);
    std::size_t quotes = std::count(text.begin(), text.end(), '"');
    EXPECT_TRUE(quotes == 0 || quotes == 2) << *q;
    EXPECT_TRUE(text.ends_with(" repo:o/r is:issue") || text == "repo:o/r is:issue") << *q;
    if (quotes == 2) {
      EXPECT_EQ(text.find("\" repo:o/r is:issue"), text.rfind('"')) << *q;
    }
  }
  EXPECT_EQ(FieldOf(SearchQuery(RepoRef{"o", "r"}, std::string(300, 'a')).status()), "q");
}

TEST_F(GitHubConnectorTest, BadInputIsRefusedBeforeAnyCall) {
  for (std::string_view bad : {"", "o", "o/", "/r", "o/r/x", "o/..", "ö/r", "o r/x", "o/r?x=1"}) {
    EXPECT_EQ(FieldOf(connector_->ListItems(api_, {.container_id = std::string(bad)}).status()), "containerId") << bad;
    EXPECT_EQ(FieldOf(connector_->CreateItem(api_, {.container_id = std::string(bad), .title = "t"}).status()),
              "containerId") << bad;
  }
  for (std::string_view bad : {"", "o:r", "o:r:0", "o:r:-1", "o:r:1x", "o/r#", "o:r:1:2", "o/../r#1", "o:r:01"}) {
    EXPECT_EQ(FieldOf(connector_->GetItem(api_, bad).status()), "itemId") << bad;
    EXPECT_EQ(FieldOf(connector_->ListComments(api_, bad, {}).status()), "itemId") << bad;
  }
  EXPECT_EQ(FieldOf(connector_->CreateItem(api_, {.container_id = "o/r", .title = "  "}).status()), "title");
  NewItem with_bad_field{.container_id = "o/r", .title = "t"};
  with_bad_field.fields["state"] = "closed";
  EXPECT_EQ(FieldOf(connector_->CreateItem(api_, with_bad_field).status()), "fields.state");
  with_bad_field.fields = {{"labels", "bug"}};
  EXPECT_EQ(FieldOf(connector_->CreateItem(api_, with_bad_field).status()), "fields.labels");
  EXPECT_EQ(FieldOf(connector_->CreateComment(api_, {.item_id = "o:r:1", .text = " "}).status()), "text");
  // A cursor of another listing or another host.
  for (std::string_view cursor : {"https://evil.example/user/repos?page=2", "https://api.github.com/repos/x/y/issues?page=2",
                                  "/user/repos?page=2"}) {
    EXPECT_EQ(FieldOf(connector_->ListContainers(api_, {.cursor = std::string(cursor)}).status()), "cursor") << cursor;
  }
  EXPECT_EQ(FieldOf(connector_->ListItems(api_, {.container_id = "o/r", .page = {.cursor = "https://api.github.com/user/repos?page=2"}})
                        .status()),
            "cursor");
  EXPECT_TRUE(api_.calls().empty());
}

TEST_F(GitHubConnectorTest, CreatesIssuesAndComments) {
  api_.EnqueueJson(201, R"({"number":42,"title":"New","state":"open","body":"b","user":{"login":"me"}})");
  NewItem item{.container_id = "o/r", .title = "New", .body = "b"};
  item.fields["labels"] = boost::json::array{"bug"};
  auto created = connector_->CreateItem(api_, item);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->id, "o:r:42");
  EXPECT_EQ(api_.calls()[0].url, "https://api.github.com/repos/o/r/issues");
  EXPECT_EQ(boost::json::parse(api_.calls()[0].body),
            boost::json::parse(R"({"title":"New","body":"b","labels":["bug"]})"));

  api_.EnqueueJson(201, R"({"id":7,"body":"hi","user":{"login":"me"},"created_at":"2026-01-01T00:00:00Z"})");
  auto comment = connector_->CreateComment(api_, {.item_id = "o:r:42", .text = "hi"});
  ASSERT_TRUE(comment.ok()) << comment.status();
  EXPECT_EQ(comment->id, "7");
  EXPECT_EQ(comment->author, "me");
  EXPECT_EQ(api_.calls()[1].url, "https://api.github.com/repos/o/r/issues/42/comments");

  // The octokit "errors" fixture: GitHub's 422 body becomes InvalidArgument with its message.
  boost::json::object error = OctokitFixture("errors.normalized-fixture.json")[0].as_object();
  api_.EnqueueJson(422, boost::json::serialize(error.at("response")));
  auto refused = connector_->CreateItem(api_, {.container_id = "o/r", .title = "x"});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("Validation Failed"), std::string::npos);
}

TEST_F(GitHubConnectorTest, ListsRepositoriesAndCommentsWithLinkPaging) {
  http::Headers link;
  link.Set("Link", R"(<https://api.github.com/user/repos?per_page=2&page=2>; rel="next", <https://api.github.com/user/repos?per_page=2&page=3>; rel="last")");
  api_.EnqueueJson(200, R"([{"full_name":"o/r","private":true,"html_url":"https://github.com/o/r","owner":{"login":"o"}},
                            {"name":"no full name"}])", link);
  api_.EnqueueJson(200, R"([{"full_name":"o/s","visibility":"internal"}])");
  auto page1 = connector_->ListContainers(api_, {.cursor = "", .limit = 2});
  ASSERT_TRUE(page1.ok()) << page1.status();
  ASSERT_EQ(page1->items.size(), 1u);
  EXPECT_EQ(page1->items[0].id, "o/r");
  EXPECT_EQ(page1->items[0].type, "private");
  EXPECT_EQ(page1->items[0].meta.at("owner"), "o");
  ASSERT_EQ(page1->next, "https://api.github.com/user/repos?per_page=2&page=2");
  auto page2 = connector_->ListContainers(api_, {.cursor = *page1->next, .limit = 2});
  ASSERT_TRUE(page2.ok()) << page2.status();
  EXPECT_EQ(page2->items[0].type, "internal");
  EXPECT_FALSE(page2->next.has_value());
  EXPECT_EQ(api_.calls()[1].url, *page1->next);

  api_.EnqueueJson(200, R"([{"id":1,"body":"first","user":{"login":"a"}},{"body":"no id"}])");
  auto comments = connector_->ListComments(api_, "o:r:5", {.cursor = "", .limit = 10});
  ASSERT_TRUE(comments.ok()) << comments.status();
  ASSERT_EQ(comments->items.size(), 1u);
  EXPECT_EQ(comments->items[0].text, "first");
  EXPECT_EQ(ParseUrl(api_.calls()[2].url).path, "/repos/o/r/issues/5/comments");
  // A list where the description promises an array: Internal, naming no secrets.
  api_.EnqueueJson(200, R"({"message":"not a list"})");
  EXPECT_EQ(connector_->ListComments(api_, "o:r:5", {}).status().code(), absl::StatusCode::kInternal);
}

TEST_F(GitHubConnectorTest, RegistersChecksAndRemovesRepositoryWebhooks) {
  WebhookRequest request{.callback_url = "https://ucf.example/webhooks/github/c1", .events = {},
                         .filter = "o/r", .secret = "s3cret"};
  api_.EnqueueJson(201, R"({"id":12345,"name":"web","active":true,"events":["issues","issue_comment"]})");
  auto registered = connector_->RegisterWebhook(api_, request);
  ASSERT_TRUE(registered.ok()) << registered.status();
  EXPECT_EQ(registered->provider_webhook_id, "o/r:12345");
  EXPECT_FALSE(registered->expires_at.has_value());
  auto sent = boost::json::parse(api_.calls()[0].body).as_object();
  EXPECT_EQ(api_.calls()[0].url, "https://api.github.com/repos/o/r/hooks");
  EXPECT_EQ(sent.at("config").at("secret"), "s3cret");
  EXPECT_EQ(sent.at("config").at("content_type"), "json");
  EXPECT_EQ(sent.at("events"), (boost::json::array{"issues", "issue_comment"}));

  api_.EnqueueJson(200, R"({"id":12345})");
  EXPECT_TRUE(connector_->RefreshWebhook(api_, *registered).ok());
  EXPECT_EQ(api_.calls()[1].url, "https://api.github.com/repos/o/r/hooks/12345");
  api_.EnqueueJson(204, "");
  EXPECT_TRUE(connector_->UnregisterWebhook(api_, *registered).ok());
  EXPECT_EQ(api_.calls()[2].method, "DELETE");
  api_.EnqueueJson(404, R"({"message":"Not Found"})");
  EXPECT_TRUE(connector_->UnregisterWebhook(api_, *registered).ok()) << "already gone";

  request.filter = "";
  EXPECT_EQ(FieldOf(connector_->RegisterWebhook(api_, request).status()), "filter");
  request.filter = "o/r";
  request.events = {"issues; drop"};
  EXPECT_EQ(FieldOf(connector_->RegisterWebhook(api_, request).status()), "events");
  EXPECT_EQ(api_.calls().size(), 4u);
}

}  // namespace
}  // namespace ucf::connectors::github
