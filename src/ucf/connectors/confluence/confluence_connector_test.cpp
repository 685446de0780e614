#include "ucf/connectors/confluence/confluence_connector.hpp"

#include <gtest/gtest.h>

#include "boost/json/serialize.hpp"
#include "ucf/connectors/atlassian/test_support.hpp"
#include "ucf/connectors/fake_api_client.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connectors::confluence {
namespace {

using atlassian::testing::FieldOf;
using atlassian::testing::ParseJson;
using atlassian::testing::ParseUrl;

std::string Fixture(std::string_view name) {
  return atlassian::testing::ReadFile(
      core::StrCat(UCF_SOURCE_DIR, "/src/ucf/connectors/confluence/testdata/", name));
}

class ConfluenceConnectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<Connector> connector_ = MakeConfluenceConnector();
  FakeApiClient api_{"https://acme.atlassian.net", "conn-1"};
};

TEST_F(ConfluenceConnectorTest, DescribesItselfWithoutWebhooks) {
  const ConnectorDescription& d = connector_->Describe();
  EXPECT_EQ(d.id, "confluence");
  EXPECT_EQ(d.group, "saas");
  EXPECT_EQ(d.resources, (std::vector<std::string>{"containers", "items", "item", "comments",
                                                   "create_item", "create_comment"}));
  EXPECT_FALSE(d.Offers("webhooks"));
  EXPECT_EQ(d.sync_models, (std::vector<std::string>{"spaces", "pages", "comments"}));
  EXPECT_EQ(d.config_fields[0].name, "baseUrl");
  EXPECT_EQ(d.credential_fields[0].name, "email");
  EXPECT_EQ(d.credential_fields[1].name, "apiKey");
  EXPECT_EQ(FieldOf(connector_->ValidateConfig(
                ParseJson(R"({"baseUrl":"https://acme.atlassian.net/wiki"})").as_object())),
            "baseUrl");

  auto hook = connector_->RegisterWebhook(api_, {.callback_url = "https://h/x"});
  EXPECT_EQ(hook.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_TRUE(api_.calls().empty());
}

TEST_F(ConfluenceConnectorTest, CheckCredentialsListsOneSpace) {
  api_.EnqueueJson(200, Fixture("spaces_page2.json"));
  auto account = connector_->CheckCredentials(api_);
  ASSERT_TRUE(account.ok()) << account.status();
  EXPECT_EQ(account->account_id, "");
  EXPECT_EQ(account->extra.at("site").as_string(), "https://acme.atlassian.net/wiki");
  auto url = ParseUrl(api_.calls()[0].url);
  EXPECT_EQ(url.path, "/wiki/api/v2/spaces");
  EXPECT_EQ(url.query["limit"], "1");

  api_.EnqueueJson(401, "");
  EXPECT_EQ(connector_->CheckCredentials(api_).status().code(), absl::StatusCode::kUnauthenticated);
  // Every property is optional in the spec: a body without `results` still proves the credentials.
  api_.EnqueueJson(200, R"({"oops":1})");
  EXPECT_TRUE(connector_->CheckCredentials(api_).ok());
  api_.EnqueueJson(200, R"({"results":{}})");
  EXPECT_EQ(connector_->CheckCredentials(api_).status().code(), absl::StatusCode::kInternal);
}

TEST_F(ConfluenceConnectorTest, ListContainersFollowsTheLinksNextCursor) {
  api_.EnqueueJson(200, Fixture("spaces_page1.json"));
  api_.EnqueueJson(200, Fixture("spaces_page2.json"));
  auto page1 = connector_->ListContainers(api_, {.cursor = "", .limit = 2});
  ASSERT_TRUE(page1.ok()) << page1.status();
  ASSERT_EQ(page1->items.size(), 2u);
  const Container& eng = page1->items[0];
  EXPECT_EQ(eng.id, "98306");
  EXPECT_EQ(eng.label, "Engineering — 日本");
  EXPECT_EQ(eng.type, "global");
  EXPECT_EQ(eng.meta.at("key").as_string(), "ENG");
  EXPECT_EQ(eng.meta.at("url").as_string(), "https://acme.atlassian.net/wiki/spaces/ENG");
  EXPECT_TRUE(page1->items[1].meta.at("url").is_null());
  ASSERT_TRUE(page1->next.has_value());
  EXPECT_EQ(*page1->next, "eyJpZCI6OTg0MDB9+x");

  auto page2 = connector_->ListContainers(api_, {.cursor = *page1->next, .limit = 2});
  ASSERT_TRUE(page2.ok()) << page2.status();
  EXPECT_EQ(page2->items[0].meta.at("status").as_string(), "archived");
  EXPECT_FALSE(page2->next.has_value());

  auto url1 = ParseUrl(api_.calls()[0].url);
  EXPECT_EQ(url1.path, "/wiki/api/v2/spaces");
  EXPECT_EQ(url1.query["limit"], "2");
  EXPECT_EQ(url1.query.count("cursor"), 0u);
  auto url2 = ParseUrl(api_.calls()[1].url);
  EXPECT_EQ(url2.query["cursor"], "eyJpZCI6OTg0MDB9+x");
  EXPECT_NE(url2.encoded_query.find("cursor=eyJpZCI6OTg0MDB9%2Bx"), std::string::npos);
}

TEST_F(ConfluenceConnectorTest, ListContainersFallsBackToTheLinkHeader) {
  http::Headers headers;
  headers.Add(
      "Link",
      R"(</wiki/api/v2/spaces?cursor=hdr-1&limit=5>; rel="next", <https://acme.atlassian.net/wiki>; rel="base")");
  api_.EnqueueJson(200, R"({"results":[{"id":"1","name":"One","type":"global"}]})", headers);
  auto page = connector_->ListContainers(api_, {.cursor = "", .limit = 5});
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->next, "hdr-1");
  EXPECT_TRUE(page->items[0].meta.at("key").is_null());
  EXPECT_EQ(page->items[0].label, "One");
}

TEST_F(ConfluenceConnectorTest, ListItemsPagesThroughThreePages) {
  api_.EnqueueJson(200, Fixture("pages_page1.json"));
  api_.EnqueueJson(200, Fixture("pages_page2.json"));
  api_.EnqueueJson(200, Fixture("pages_page3.json"));
  ItemQuery query{.container_id = "98306", .page = {.cursor = "", .limit = 2}};

  auto page1 = connector_->ListItems(api_, query);
  ASSERT_TRUE(page1.ok()) << page1.status();
  ASSERT_EQ(page1->items.size(), 2u);
  const Item& runbook = page1->items[0];
  EXPECT_EQ(runbook.id, "557060");
  EXPECT_EQ(runbook.name, "Runbook — 日本");
  EXPECT_EQ(runbook.container_id, "98306");
  EXPECT_EQ(runbook.meta.status, "current");
  EXPECT_EQ(runbook.meta.url, "https://acme.atlassian.net/wiki/spaces/ENG/pages/557060/Runbook");
  EXPECT_EQ(runbook.meta.author, "5b10a2844c20165700ede21g");
  EXPECT_EQ(runbook.meta.created, "2024-02-01T10:00:00.000Z");
  EXPECT_EQ(runbook.meta.updated, "2024-03-05T08:30:00.000Z");
  EXPECT_EQ(runbook.meta.parent_id, "557059");
  EXPECT_EQ(runbook.meta.version, "7");
  EXPECT_FALSE(runbook.meta.key.has_value());
  EXPECT_FALSE(runbook.body.has_value());
  const Item& draft = page1->items[1];
  EXPECT_EQ(draft.meta.status, "draft");
  EXPECT_FALSE(draft.meta.url || draft.meta.author || draft.meta.created || draft.meta.updated ||
               draft.meta.parent_id || draft.meta.version);
  EXPECT_EQ(page1->next, "c2Vjb25k");

  query.page.cursor = *page1->next;
  auto page2 = connector_->ListItems(api_, query);
  ASSERT_TRUE(page2.ok()) << page2.status();
  EXPECT_EQ(page2->next, "dGhpcmQ");
  query.page.cursor = *page2->next;
  auto page3 = connector_->ListItems(api_, query);
  ASSERT_TRUE(page3.ok()) << page3.status();
  EXPECT_TRUE(page3->items.empty());
  EXPECT_FALSE(page3->next.has_value());

  auto calls = api_.calls();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(ParseUrl(calls[0].url).path, "/wiki/api/v2/spaces/98306/pages");
  EXPECT_EQ(ParseUrl(calls[0].url).query.count("cursor"), 0u);
  EXPECT_EQ(ParseUrl(calls[1].url).query["cursor"], "c2Vjb25k");
  EXPECT_EQ(ParseUrl(calls[2].url).query["cursor"], "dGhpcmQ");
  EXPECT_EQ(ParseUrl(calls[2].url).query["limit"], "2");
}

TEST_F(ConfluenceConnectorTest, ChangedSinceSortsByModificationAndDropsOlderPages) {
  EXPECT_EQ(connector_->Describe().ChangeMarkerOf("pages")->field, "lastModified");
  api_.EnqueueJson(200, Fixture("pages_page1.json"));
  ItemQuery query{.container_id = "98306", .page = {.cursor = "", .limit = 2}};
  auto all = connector_->ListItems(api_, query);
  ASSERT_TRUE(all.ok()) << all.status();
  api_.EnqueueJson(200, Fixture("pages_page1.json"));
  query.changed_since = core::ParseRfc3339("2024-03-05T08:30:00.000Z").value();
  auto changed = connector_->ListItems(api_, query);
  ASSERT_TRUE(changed.ok()) << changed.status();
  auto url = ParseUrl(api_.calls()[1].url);
  EXPECT_EQ(url.path, "/wiki/api/v2/spaces/98306/pages");
  EXPECT_EQ(url.query["sort"], "modified-date");
  ASSERT_EQ(changed->items.size(), all->items.size());  // modified exactly at the marker: kept
  api_.EnqueueJson(200, Fixture("pages_page1.json"));
  query.changed_since = core::ParseRfc3339("2024-03-06T00:00:00Z").value();
  changed = connector_->ListItems(api_, query);
  ASSERT_TRUE(changed.ok()) << changed.status();
  ASSERT_EQ(changed->items.size(), 1u);  // the older page is dropped, the one without a time kept
  EXPECT_EQ(changed->items[0].id, "557061");
  EXPECT_EQ(changed->next, all->next);
}

TEST_F(ConfluenceConnectorTest, ListItemsWithQueryFiltersByTitle) {
  api_.EnqueueJson(200, Fixture("pages_page3.json"));
  ASSERT_TRUE(connector_->ListItems(api_, {.container_id = "98306", .q = "Zoë & \"日本\""}).ok());
  auto url = ParseUrl(api_.calls()[0].url);
  EXPECT_EQ(url.path, "/wiki/api/v2/pages");
  EXPECT_EQ(url.query["space-id"], "98306");
  EXPECT_EQ(url.query["title"], "Zoë & \"日本\"");
  EXPECT_EQ(url.query["limit"], "50");
}

TEST_F(ConfluenceConnectorTest, ListItemsResolvesSpaceKeysAndRejectsOtherIds) {
  api_.EnqueueJson(200, Fixture("spaces_page2.json"));
  api_.EnqueueJson(200, Fixture("pages_page3.json"));
  ASSERT_TRUE(connector_->ListItems(api_, {.container_id = "OPS"}).ok());
  auto calls = api_.calls();
  ASSERT_EQ(calls.size(), 2u);
  auto lookup = ParseUrl(calls[0].url);
  EXPECT_EQ(lookup.path, "/wiki/api/v2/spaces");
  EXPECT_EQ(lookup.query["keys"], "OPS");
  EXPECT_EQ(ParseUrl(calls[1].url).path, "/wiki/api/v2/spaces/98500/pages");

  api_.EnqueueJson(200, R"({"results":[],"_links":{}})");
  auto unknown = connector_->ListItems(api_, {.container_id = "NOPE"});
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(FieldOf(unknown.status()), "containerId");

  for (std::string_view bad : {"", "  ", "a/b", "1 OR 2", "../98306"}) {
    auto result = connector_->ListItems(api_, {.container_id = std::string(bad)});
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(FieldOf(result.status()), "containerId") << bad;
  }
  EXPECT_EQ(api_.calls().size(), 3u);
}

TEST_F(ConfluenceConnectorTest, GetItemReturnsTheStorageBody) {
  api_.EnqueueJson(200, Fixture("page_get.json"));
  auto item = connector_->GetItem(api_, "557060");
  ASSERT_TRUE(item.ok()) << item.status();
  EXPECT_EQ(item->body, "<p>Zoë — 日本 &amp; friends</p><ul><li>step one</li></ul>");
  EXPECT_EQ(item->meta.url, "https://acme.atlassian.net/wiki/spaces/ENG/pages/557060/Runbook");
  auto url = ParseUrl(api_.calls()[0].url);
  EXPECT_EQ(url.path, "/wiki/api/v2/pages/557060");
  EXPECT_EQ(url.query["body-format"], "storage");
}

TEST_F(ConfluenceConnectorTest, GetItemErrors) {
  api_.EnqueueJson(404, R"({"errors":[{"status":404,"code":"NOT_FOUND","title":"Not Found"}]})");
  EXPECT_EQ(connector_->GetItem(api_, "1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(FieldOf(connector_->GetItem(api_, "abc").status()), "itemId");
  EXPECT_EQ(FieldOf(connector_->GetItem(api_, "").status()), "itemId");
  EXPECT_EQ(FieldOf(connector_->GetItem(api_, "1/../2").status()), "itemId");
  api_.EnqueueJson(200, R"({"title":"no id"})");
  auto no_id = connector_->GetItem(api_, "2");  // the spec makes `id` optional: the asked id
  ASSERT_TRUE(no_id.ok()) << no_id.status();
  EXPECT_EQ(no_id->id, "2");
  EXPECT_EQ(no_id->name, "no id");
  EXPECT_EQ(api_.calls().size(), 2u);
}

TEST_F(ConfluenceConnectorTest, OAuthGatewayWithoutBaseHasNoWebLinks) {
  FakeApiClient gateway("https://api.atlassian.com/ex/confluence/cloud-1", "conn-2");
  gateway.EnqueueJson(
      200, R"({"results":[{"id":"5","title":"t","_links":{"webui":"/spaces/X/pages/5"}}]})");
  auto page = connector_->ListItems(gateway, {.container_id = "77"});
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_FALSE(page->items[0].meta.url.has_value());
  EXPECT_EQ(page->items[0].container_id, "77");
  EXPECT_EQ(gateway.calls()[0].url.rfind(
                "https://api.atlassian.com/ex/confluence/cloud-1/wiki/api/v2/spaces/77/pages?", 0),
            0u);
}

TEST_F(ConfluenceConnectorTest, ListCommentsFlattensStorageToPlainText) {
  api_.EnqueueJson(200, Fixture("footer_comments_page1.json"));
  auto page = connector_->ListComments(api_, "557060", {.cursor = "abc", .limit = 10});
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, "600001");
  EXPECT_EQ(page->items[0].author, "5b10a2844c20165700ede21g");
  EXPECT_EQ(page->items[0].text, "Thanks — Zoë <3\n\n日本\nline 2");
  EXPECT_EQ(page->items[0].created, "2024-03-07T12:00:00.000Z");
  EXPECT_FALSE(page->items[1].author.has_value());
  EXPECT_EQ(page->items[1].text, "");
  EXPECT_FALSE(page->items[1].created.has_value());
  EXPECT_FALSE(page->next.has_value());
  auto url = ParseUrl(api_.calls()[0].url);
  EXPECT_EQ(url.path, "/wiki/api/v2/pages/557060/footer-comments");
  EXPECT_EQ(url.query["body-format"], "storage");
  EXPECT_EQ(url.query["limit"], "10");
  EXPECT_EQ(url.query["cursor"], "abc");

  EXPECT_EQ(FieldOf(connector_->ListComments(api_, "x", {}).status()), "itemId");
  api_.EnqueueJson(404, "");
  EXPECT_EQ(connector_->ListComments(api_, "9", {}).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(ConfluenceConnectorTest, CreateItemPostsAStorageBody) {
  api_.EnqueueJson(200, Fixture("create_page.json"));
  NewItem item{.container_id = "98306",
               .title = "Zoë — 日本",
               .body = "a < b & c\nnext\n\npara 2",
               .fields = ParseJson(R"({"parentId":"98307"})").as_object()};
  auto created = connector_->CreateItem(api_, item);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->id, "557070");
  EXPECT_EQ(created->name, "Zoë — 日本");
  EXPECT_EQ(created->container_id, "98306");
  EXPECT_EQ(created->meta.url, "https://acme.atlassian.net/wiki/spaces/ENG/pages/557070");
  EXPECT_EQ(created->meta.version, "1");
  auto call = api_.calls()[0];
  EXPECT_EQ(call.method, "POST");
  EXPECT_EQ(call.url, "https://acme.atlassian.net/wiki/api/v2/pages");
  EXPECT_EQ(
      call.body,
      R"({"spaceId":"98306","status":"current","title":"Zoë — 日本","body":{"representation":)"
      R"("storage","value":"<p>a &lt; b &amp; c<br/>next</p><p>para 2</p>"},"parentId":"98307"})");
}

TEST_F(ConfluenceConnectorTest, CreateItemValidation) {
  EXPECT_EQ(FieldOf(connector_->CreateItem(api_, {.container_id = "98306", .title = ""}).status()),
            "title");
  EXPECT_EQ(FieldOf(connector_->CreateItem(api_, {.container_id = "", .title = "t"}).status()),
            "containerId");
  EXPECT_EQ(
      FieldOf(connector_
                  ->CreateItem(api_, {.container_id = "98306",
                                      .title = "t",
                                      .fields = ParseJson(R"({"issuetype":"Bug"})").as_object()})
                  .status()),
      "fields.issuetype");
  EXPECT_EQ(FieldOf(connector_
                        ->CreateItem(api_, {.container_id = "98306",
                                            .title = "t",
                                            .fields = ParseJson(R"({"parentId":"x"})").as_object()})
                        .status()),
            "fields.parentId");
  EXPECT_TRUE(api_.calls().empty());
}

TEST_F(ConfluenceConnectorTest, CreateCommentPostsAFooterComment) {
  api_.EnqueueJson(201, Fixture("create_footer_comment.json"));
  auto comment = connector_->CreateComment(api_, {.item_id = "557060", .text = "Zoë — 日本 <ok>"});
  ASSERT_TRUE(comment.ok()) << comment.status();
  EXPECT_EQ(comment->id, "600010");
  EXPECT_EQ(comment->author, "5b10");
  EXPECT_EQ(comment->text, "Zoë — 日本 <ok>");  // not in the answer: the text sent
  auto call = api_.calls()[0];
  EXPECT_EQ(call.url, "https://acme.atlassian.net/wiki/api/v2/footer-comments");
  EXPECT_EQ(
      call.body,
      R"({"pageId":"557060","body":{"representation":"storage","value":"<p>Zoë — 日本 &lt;ok&gt;</p>"}})");

  EXPECT_EQ(FieldOf(connector_->CreateComment(api_, {.item_id = "557060", .text = " "}).status()),
            "text");
  EXPECT_EQ(FieldOf(connector_->CreateComment(api_, {.item_id = "PAGE", .text = "x"}).status()),
            "itemId");
  EXPECT_EQ(api_.calls().size(), 1u);
}

}  // namespace
}  // namespace ucf::connectors::confluence
