#include "ucf/connectors/jira/jira_connector.hpp"

#include <gtest/gtest.h>

#include "boost/json/serialize.hpp"
#include "ucf/connectors/atlassian/test_support.hpp"
#include "ucf/connectors/jira/fixture.hpp"
#include "ucf/connectors/fake_api_client.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::jira {
namespace {

using atlassian::testing::FieldOf;
using atlassian::testing::ParseJson;
using atlassian::testing::ParseUrl;

using testing::Fixture;

class JiraConnectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<Connector> connector_ = MakeJiraConnector();
  FakeApiClient api_{"https://acme.atlassian.net", "conn-1"};
};

TEST_F(JiraConnectorTest, DescribesItself) {
  const ConnectorDescription& d = connector_->Describe();
  EXPECT_EQ(d.id, "jira");
  EXPECT_EQ(d.group, "saas");
  EXPECT_EQ(d.resources, (std::vector<std::string>{"containers", "items", "item", "comments",
                                                   "create_item", "create_comment", "webhooks"}));
  EXPECT_EQ(d.sync_models, (std::vector<std::string>{"projects", "issues", "comments"}));
  ASSERT_EQ(d.config_fields.size(), 1u);
  EXPECT_EQ(d.config_fields[0].name, "baseUrl");
  ASSERT_EQ(d.credential_fields.size(), 2u);
  EXPECT_EQ(d.credential_fields[1].name, "apiKey");
  EXPECT_TRUE(d.credential_fields[1].secret());
  EXPECT_EQ(FieldOf(connector_->ValidateConfig(
                ParseJson(R"({"baseUrl":"https://acme.atlassian.net/jira"})").as_object())),
            "baseUrl");
  EXPECT_TRUE(connector_->ValidateConfig({}).ok());
}

TEST_F(JiraConnectorTest, CheckCredentialsCallsMyself) {
  api_.EnqueueJson(200, Fixture("myself.json"));
  auto account = connector_->CheckCredentials(api_);
  ASSERT_TRUE(account.ok()) << account.status();
  EXPECT_EQ(account->account_id, "5b10a2844c20165700ede21g");
  EXPECT_EQ(account->display_name, "Zoë Kraus — 日本");
  EXPECT_EQ(account->email, "zoe@example.com");
  EXPECT_EQ(account->extra.at("site").as_string(), "https://acme.atlassian.net");
  ASSERT_EQ(api_.calls().size(), 1u);
  EXPECT_EQ(api_.calls()[0].method, "GET");
  EXPECT_EQ(api_.calls()[0].url, "https://acme.atlassian.net/rest/api/3/myself");
}

TEST_F(JiraConnectorTest, CheckCredentialsPropagatesUnauthenticated) {
  api_.EnqueueJson(401, R"({"errorMessages":["Client must be authenticated"]})");
  EXPECT_EQ(connector_->CheckCredentials(api_).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(JiraConnectorTest, ListContainersPagesByOffset) {
  api_.EnqueueJson(200, Fixture("project_search_page1.json"));
  api_.EnqueueJson(200, Fixture("project_search_page2.json"));
  api_.EnqueueJson(200, Fixture("project_search_page3.json"));

  auto page1 = connector_->ListContainers(api_, {.cursor = "", .limit = 2});
  ASSERT_TRUE(page1.ok()) << page1.status();
  ASSERT_EQ(page1->items.size(), 2u);
  EXPECT_EQ(page1->items[0].id, "10000");
  EXPECT_EQ(page1->items[0].label, "Example");
  EXPECT_EQ(page1->items[0].type, "software");
  EXPECT_EQ(page1->items[0].meta.at("key").as_string(), "EX");
  EXPECT_EQ(page1->items[0].meta.at("url").as_string(), "https://acme.atlassian.net/browse/EX");
  EXPECT_EQ(page1->items[1].label, "Alphabetical — 日本");
  EXPECT_EQ(page1->items[0].raw.at("style").as_string(), "classic");
  ASSERT_TRUE(page1->next.has_value());
  EXPECT_EQ(*page1->next, "2");

  auto page2 = connector_->ListContainers(api_, {.cursor = *page1->next, .limit = 2});
  ASSERT_TRUE(page2.ok()) << page2.status();
  EXPECT_EQ(page2->items[1].type, "");
  EXPECT_EQ(page2->next, "4");

  auto page3 = connector_->ListContainers(api_, {.cursor = *page2->next, .limit = 2});
  ASSERT_TRUE(page3.ok()) << page3.status();
  ASSERT_EQ(page3->items.size(), 1u);
  // No self URL on this project: the browse link comes from the connection's site.
  EXPECT_EQ(page3->items[0].meta.at("url").as_string(), "https://acme.atlassian.net/browse/LAST");
  EXPECT_FALSE(page3->next.has_value());

  auto calls = api_.calls();
  ASSERT_EQ(calls.size(), 3u);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    auto url = ParseUrl(calls[i].url);
    EXPECT_EQ(url.path, "/rest/api/3/project/search");
    EXPECT_EQ(url.query["startAt"], core::StrCat(i * 2));
    EXPECT_EQ(url.query["maxResults"], "2");
  }
}

TEST_F(JiraConnectorTest, ListContainersRejectsForeignCursorsAndCapsTheLimit) {
  for (std::string_view bad : {"abc", "-2", "1.5", "2x", " 2"}) {
    auto result = connector_->ListContainers(api_, {.cursor = std::string(bad), .limit = 10});
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(FieldOf(result.status()), "cursor") << bad;
  }
  EXPECT_TRUE(api_.calls().empty());
  api_.EnqueueJson(200, Fixture("project_search_page3.json"));
  ASSERT_TRUE(connector_->ListContainers(api_, {.cursor = "", .limit = 200}).ok());
  EXPECT_EQ(ParseUrl(api_.calls()[0].url).query["maxResults"], "100");
}

TEST_F(JiraConnectorTest, ListItemsQuotesJqlAndFollowsNextPageToken) {
  api_.EnqueueJson(200, Fixture("search_jql_page1.json"));
  api_.EnqueueJson(200, Fixture("search_jql_page2.json"));
  ItemQuery query{
      .container_id = "EX", .q = R"(say "hi" C:\temp)", .page = {.cursor = "", .limit = 2}};

  auto page1 = connector_->ListItems(api_, query);
  ASSERT_TRUE(page1.ok()) << page1.status();
  ASSERT_EQ(page1->items.size(), 2u);
  const Item& first = page1->items[0];
  EXPECT_EQ(first.id, "EX-2");
  EXPECT_EQ(first.name, "Zoë — 日本 checkout breaks");
  EXPECT_EQ(first.container_id, "10000");
  EXPECT_EQ(first.meta.key, "EX-2");
  EXPECT_EQ(first.meta.status, "In Progress");
  EXPECT_EQ(first.meta.url, "https://acme.atlassian.net/browse/EX-2");
  EXPECT_EQ(first.meta.author, "Mia Krystof");
  EXPECT_FALSE(first.meta.assignee.has_value());  // "assignee": null
  EXPECT_EQ(first.meta.created, "2023-06-24T19:24:50.000Z");
  EXPECT_EQ(first.meta.updated, "2023-06-25T06:00:00.123Z");
  EXPECT_EQ(first.meta.parent_id, "EX-1");
  EXPECT_FALSE(first.meta.version.has_value());
  EXPECT_FALSE(first.body.has_value());
  EXPECT_EQ(page1->items[1].meta.assignee, "Jane Doe");
  EXPECT_FALSE(page1->items[1].meta.author.has_value());  // "reporter": null
  ASSERT_TRUE(page1->next.has_value());
  EXPECT_EQ(*page1->next, "CAEaAggD-token/1+x=");

  query.page.cursor = *page1->next;
  auto page2 = connector_->ListItems(api_, query);
  ASSERT_TRUE(page2.ok()) << page2.status();
  ASSERT_EQ(page2->items.size(), 1u);
  EXPECT_EQ(page2->items[0].container_id, "EX");  // no fields.project: the container asked for
  EXPECT_FALSE(page2->items[0].meta.status.has_value());
  EXPECT_FALSE(page2->next.has_value());

  auto calls = api_.calls();
  ASSERT_EQ(calls.size(), 2u);
  auto url1 = ParseUrl(calls[0].url);
  EXPECT_EQ(url1.path, "/rest/api/3/search/jql");
  EXPECT_EQ(url1.query["jql"],
            R"(project = "EX" AND text ~ "say \"hi\" C:\\temp" ORDER BY updated DESC)");
  EXPECT_EQ(url1.query["fields"],
            "summary,status,assignee,reporter,created,updated,parent,issuetype,project");
  EXPECT_EQ(url1.query["maxResults"], "2");
  EXPECT_EQ(url1.query.count("nextPageToken"), 0u);
  // The query is fully percent-encoded: no raw quote, space or backslash reaches the URL.
  EXPECT_EQ(url1.encoded_query.find_first_of("\" \\"), std::string::npos) << url1.encoded_query;
  auto url2 = ParseUrl(calls[1].url);
  EXPECT_EQ(url2.query["nextPageToken"], "CAEaAggD-token/1+x=");
  EXPECT_NE(url2.encoded_query.find("nextPageToken=CAEaAggD-token%2F1%2Bx%3D"), std::string::npos);
}

TEST_F(JiraConnectorTest, ChangedSinceListsOldestChangeFirstFromAnEarlierMinute) {
  EXPECT_EQ(connector_->Describe().ChangeMarkerOf("issues")->field, "updated");
  EXPECT_EQ(connector_->Describe().ChangeMarkerOf("comments"), nullptr);
  api_.EnqueueJson(200, Fixture("search_jql_page2.json"));
  ItemQuery query;
  query.container_id = "ENG";
  query.q = "ignored by sync listings";
  // 2026-01-02T21:07:45.5Z: floored to the minute, minus the 12 h zone margin.
  query.changed_since = core::TimePoint(std::chrono::milliseconds(1767388065500));
  ASSERT_TRUE(connector_->ListItems(api_, query).ok());
  EXPECT_EQ(ParseUrl(api_.calls()[0].url).query["jql"],
            R"(project = "ENG" AND updated >= "2026-01-02 09:07" ORDER BY updated ASC, key ASC)");
}

TEST_F(JiraConnectorTest, ListItemsWithoutQueryOrContainer) {
  api_.EnqueueJson(200, Fixture("search_jql_page2.json"));
  ASSERT_TRUE(connector_->ListItems(api_, {.container_id = "10000"}).ok());
  EXPECT_EQ(ParseUrl(api_.calls()[0].url).query["jql"],
            R"(project = "10000" ORDER BY updated DESC)");

  auto missing = connector_->ListItems(api_, {.container_id = "  "});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(missing.status()), "containerId");
  EXPECT_EQ(api_.calls().size(), 1u);
}

// The spec requires nothing: no `issues` is an empty page, an issue without key is listed by id,
// one with neither is left out; only bodies the spec does not allow are Internal (naming the path).
TEST_F(JiraConnectorTest, ListItemsMapsSparseBodiesAndRejectsUnreadableOnes) {
  api_.EnqueueJson(200, R"({"isLast":true})");
  auto no_issues = connector_->ListItems(api_, {.container_id = "EX"});
  ASSERT_TRUE(no_issues.ok()) << no_issues.status();
  EXPECT_TRUE(no_issues->items.empty());

  api_.EnqueueJson(200, R"({"issues":[{"id":"1","key":"EX-1"},{"id":"2","fields":{}},{"fields":{}}]})");
  auto sparse = connector_->ListItems(api_, {.container_id = "EX"});
  ASSERT_TRUE(sparse.ok()) << sparse.status();
  ASSERT_EQ(sparse->items.size(), 2u);
  EXPECT_EQ(sparse->items[1].id, "2");
  EXPECT_FALSE(sparse->items[1].meta.key.has_value());

  api_.EnqueueJson(200, R"({"issues":[{"id":"1"},7]})");
  auto not_object = connector_->ListItems(api_, {.container_id = "EX"});
  EXPECT_EQ(not_object.status().code(), absl::StatusCode::kInternal);
  EXPECT_NE(core::ToStd(not_object.status().message()).find("'issues[1]'"), std::string_view::npos)
      << not_object.status();

  api_.EnqueueJson(200, "<html>oops</html>");
  EXPECT_EQ(connector_->ListItems(api_, {.container_id = "EX"}).status().code(),
            absl::StatusCode::kInternal);
}

// Issue 9, hole 8: an itemId of ".." reached Jira as a dot segment (/rest/api/3/issue/.. is
// /rest/api/3/). Ids are keys or numbers; anything else is refused before any call.
TEST_F(JiraConnectorTest, IdsThatCouldChangeThePathAreRefusedBeforeAnyCall) {
  for (const char* bad : {"..", ".", "../../myself", "ENG-1/comment", "ENG%2F1", "ENG 1"}) {
    EXPECT_EQ(FieldOf(connector_->GetItem(api_, bad).status()), "itemId") << bad;
    EXPECT_EQ(FieldOf(connector_->ListComments(api_, bad, {}).status()), "itemId") << bad;
    EXPECT_EQ(FieldOf(connector_->CreateComment(api_, {bad, "hi"}).status()), "itemId") << bad;
    EXPECT_EQ(FieldOf(connector_->ListItems(api_, {.container_id = bad}).status()), "containerId") << bad;
    EXPECT_EQ(FieldOf(connector_->CreateItem(api_, {.container_id = bad, .title = "t"}).status()),
              "containerId")
        << bad;
  }
  EXPECT_TRUE(api_.calls().empty());
}

TEST_F(JiraConnectorTest, GetItemFlattensTheAdfDescription) {
  api_.EnqueueJson(200, Fixture("issue_get.json"));
  auto item = connector_->GetItem(api_, "EX-2");
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_EQ(item->id, "EX-2");
  EXPECT_EQ(item->container_id, "10000");
  ASSERT_TRUE(item->body.has_value());
  EXPECT_EQ(*item->body,
            "Hi @Zoë, see runbook (https://acme.atlassian.net/wiki/x)\n日本 — thanks\n\n"
            "1. open cart\n  - with 2 items\n2. pay\n\nERROR 500\n  at checkout");
  auto url = ParseUrl(api_.calls()[0].url);
  EXPECT_EQ(url.path, "/rest/api/3/issue/EX-2");
  EXPECT_EQ(
      url.query["fields"],
      "summary,status,assignee,reporter,created,updated,parent,issuetype,project,description");
}

TEST_F(JiraConnectorTest, GetItemMapsNotFound) {
  api_.EnqueueJson(
      404,
      R"({"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}})");
  auto item = connector_->GetItem(api_, "EX-404");
  EXPECT_EQ(item.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ParseUrl(api_.calls()[0].url).path, "/rest/api/3/issue/EX-404");
  // A key that would need encoding is not a key: refused before any call.
  EXPECT_EQ(FieldOf(connector_->GetItem(api_, "A B/../1?x").status()), "itemId");

  auto empty = connector_->GetItem(api_, "");
  EXPECT_EQ(FieldOf(empty.status()), "itemId");
  EXPECT_EQ(api_.calls().size(), 1u);
}

TEST_F(JiraConnectorTest, OAuthGatewayConnectionsHaveNoBrowseLinks) {
  FakeApiClient gateway("https://api.atlassian.com/ex/jira/11223344-aaaa", "conn-2");
  gateway.EnqueueJson(
      200,
      R"({"id":"1","key":"EX-1","self":"https://api.atlassian.com/ex/jira/11223344-aaaa/rest/api/3/issue/1","fields":{"summary":"s","description":null}})");
  auto item = connector_->GetItem(gateway, "EX-1");
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_FALSE(item->meta.url.has_value());
  EXPECT_EQ(item->body, "");
  EXPECT_EQ(gateway.calls()[0].url.rfind(
                "https://api.atlassian.com/ex/jira/11223344-aaaa/rest/api/3/issue/EX-1?", 0),
            0u);
}

TEST_F(JiraConnectorTest, ListCommentsPagesByStartAtAndTotal) {
  api_.EnqueueJson(200, Fixture("comments_page1.json"));
  api_.EnqueueJson(200, Fixture("comments_page2.json"));
  auto page1 = connector_->ListComments(api_, "EX-2", {.cursor = "", .limit = 2});
  ASSERT_TRUE(page1.ok()) << page1.status();
  ASSERT_EQ(page1->items.size(), 2u);
  EXPECT_EQ(page1->items[0].id, "10000");
  EXPECT_EQ(page1->items[0].author, "Mia Krystof");
  EXPECT_EQ(page1->items[0].text, "Looks like Zoë — 日本");
  EXPECT_EQ(page1->items[0].created, "2021-01-17T12:34:00.000Z");
  EXPECT_EQ(page1->items[0].updated, "2021-01-18T23:45:00.000Z");
  EXPECT_FALSE(page1->items[1].author.has_value());
  EXPECT_EQ(page1->items[1].text, "");
  EXPECT_FALSE(page1->items[1].updated.has_value());
  EXPECT_EQ(page1->next, "2");

  auto page2 = connector_->ListComments(api_, "EX-2", {.cursor = "2", .limit = 2});
  ASSERT_TRUE(page2.ok()) << page2.status();
  EXPECT_EQ(page2->items[0].text, "- done");
  EXPECT_FALSE(page2->next.has_value());

  auto url1 = ParseUrl(api_.calls()[0].url);
  EXPECT_EQ(url1.path, "/rest/api/3/issue/EX-2/comment");
  EXPECT_EQ(url1.query["startAt"], "0");
  EXPECT_EQ(url1.query["maxResults"], "2");
  EXPECT_EQ(url1.query["orderBy"], "created");
  EXPECT_EQ(ParseUrl(api_.calls()[1].url).query["startAt"], "2");
}

TEST_F(JiraConnectorTest, CreateItemSendsAdf) {
  api_.EnqueueJson(201, Fixture("create_issue.json"));
  NewItem item{.container_id = "ED",
               .title = "Zoë — 日本",
               .body = "first line\nsecond\n\nnext para",
               .fields = ParseJson(R"({"issuetype":"Bug","labels":["ucf"]})").as_object()};
  auto created = connector_->CreateItem(api_, item);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->id, "ED-24");
  EXPECT_EQ(created->name, "Zoë — 日本");
  EXPECT_EQ(created->container_id, "ED");
  EXPECT_EQ(created->meta.url, "https://acme.atlassian.net/browse/ED-24");

  auto calls = api_.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].method, "POST");
  EXPECT_EQ(calls[0].url, "https://acme.atlassian.net/rest/api/3/issue");
  auto sent = ParseJson(calls[0].body).as_object();
  const auto& fields = sent.at("fields").as_object();
  EXPECT_EQ(boost::json::serialize(fields.at("project")), R"({"key":"ED"})");
  EXPECT_EQ(fields.at("summary").as_string(), "Zoë — 日本");
  EXPECT_EQ(boost::json::serialize(fields.at("issuetype")), R"({"name":"Bug"})");
  EXPECT_EQ(boost::json::serialize(fields.at("labels")), R"(["ucf"])");
  EXPECT_EQ(
      boost::json::serialize(fields.at("description")),
      R"({"type":"doc","version":1,"content":[)"
      R"({"type":"paragraph","content":[{"type":"text","text":"first line"},{"type":"hardBreak"},)"
      R"({"type":"text","text":"second"}]},)"
      R"({"type":"paragraph","content":[{"type":"text","text":"next para"}]}]})");
}

TEST_F(JiraConnectorTest, CreateItemDefaultsAndValidation) {
  api_.EnqueueJson(201, Fixture("create_issue.json"));
  ASSERT_TRUE(connector_->CreateItem(api_, {.container_id = "10000", .title = "t"}).ok());
  auto fields = ParseJson(api_.calls()[0].body).at("fields").as_object();
  EXPECT_EQ(boost::json::serialize(fields.at("project")), R"({"id":"10000"})");
  EXPECT_EQ(boost::json::serialize(fields.at("issuetype")), R"({"name":"Task"})");

  EXPECT_EQ(FieldOf(connector_->CreateItem(api_, {.container_id = "", .title = "t"}).status()),
            "containerId");
  EXPECT_EQ(FieldOf(connector_->CreateItem(api_, {.container_id = "EX", .title = " "}).status()),
            "title");
  EXPECT_EQ(FieldOf(connector_
                        ->CreateItem(api_, {.container_id = "EX",
                                            .title = "t",
                                            .fields = ParseJson(R"({"issuetype":7})").as_object()})
                        .status()),
            "fields.issuetype");
  EXPECT_EQ(FieldOf(connector_
                        ->CreateItem(api_, {.container_id = "EX",
                                            .title = "t",
                                            .fields = ParseJson(R"({"summary":"x"})").as_object()})
                        .status()),
            "fields.summary");
  EXPECT_EQ(api_.calls().size(), 1u);

  api_.EnqueueJson(400, R"({"errorMessages":["Field 'priority' is required"],"errors":{}})");
  EXPECT_EQ(connector_->CreateItem(api_, {.container_id = "EX", .title = "t"}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(JiraConnectorTest, CreateCommentSendsAdfAndMapsTheComment) {
  api_.EnqueueJson(201, Fixture("create_comment.json"));
  auto comment =
      connector_->CreateComment(api_, {.item_id = "EX-2", .text = "Zoë — 日本\nsecond line"});
  ASSERT_TRUE(comment.ok()) << comment.status();
  EXPECT_EQ(comment->id, "10000");
  EXPECT_EQ(comment->author, "Mia Krystof");
  EXPECT_EQ(comment->text, "Zoë — 日本\nsecond line");
  auto call = api_.calls()[0];
  EXPECT_EQ(call.method, "POST");
  EXPECT_EQ(call.url, "https://acme.atlassian.net/rest/api/3/issue/EX-2/comment");
  EXPECT_EQ(
      call.body,
      R"({"body":{"type":"doc","version":1,"content":[{"type":"paragraph","content":[)"
      R"({"type":"text","text":"Zoë — 日本"},{"type":"hardBreak"},{"type":"text","text":"second line"}]}]}})");

  EXPECT_EQ(FieldOf(connector_->CreateComment(api_, {.item_id = "EX-2", .text = "\n"}).status()),
            "text");
  EXPECT_EQ(FieldOf(connector_->CreateComment(api_, {.item_id = "", .text = "x"}).status()),
            "itemId");
  api_.EnqueueJson(404, R"({"errorMessages":["Issue does not exist"]})");
  EXPECT_EQ(connector_->CreateComment(api_, {.item_id = "NOPE-1", .text = "x"}).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace ucf::connectors::jira
