#include "ucf/connectors/salesforce/salesforce_connector.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "ucf/connectors/atlassian/test_support.hpp"
#include "ucf/connectors/fake_api_client.hpp"
#include "ucf/connectors/salesforce/salesforce_mapping.hpp"
#include "ucf/connectors/salesforce/salesforce_requests.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::salesforce {
namespace {

using atlassian::testing::FieldOf;
using atlassian::testing::ParseUrl;

constexpr char kBase[] = "https://acme.my.salesforce.com/services/data/v62.0";
constexpr char kAccountDescribe[] = R"({"name":"Account","feedEnabled":true,"fields":[
  {"name":"Id","nameField":false,"createable":false},{"name":"Name","nameField":true,"createable":true},
  {"name":"Description","createable":true}]})";
constexpr char kTaskDescribe[] = R"({"name":"Task","feedEnabled":false,"fields":[
  {"name":"Subject","nameField":true,"createable":true}]})";

class SalesforceConnectorTest : public ::testing::Test {
 protected:
  ApiUsageBoard usage_;
  std::unique_ptr<Connector> connector_ = MakeSalesforceConnector(&usage_);
  FakeApiClient api_{kBase, "conn-sf"};
};

TEST_F(SalesforceConnectorTest, DescribesItselfTruthfully) {
  const ConnectorDescription& d = connector_->Describe();
  EXPECT_EQ(d.id, "salesforce");
  EXPECT_EQ(d.sync_models, (std::vector<std::string>{"objects", "records"}));
  EXPECT_FALSE(d.Offers("webhooks"));
  EXPECT_TRUE(d.Offers("comments"));
}

TEST_F(SalesforceConnectorTest, CheckCredentialsAsksUserinfoOnTheOrgAndRecordsTheLimitInfo) {
  http::Headers limit;
  limit.Set("Sforce-Limit-Info", "api-usage=25/5000");
  api_.EnqueueJson(200, R"({"user_id":"005xx0000012Qq8","organization_id":"00Dxx0000001gER","name":"Zoë Admin",
                            "email":"zoe@example.com","preferred_username":"zoe@acme.org"})", limit);
  auto account = connector_->CheckCredentials(api_);
  ASSERT_TRUE(account.ok()) << account.status();
  EXPECT_EQ(account->account_id, "005xx0000012Qq8");
  EXPECT_EQ(account->display_name, "Zoë Admin");
  EXPECT_EQ(account->extra.at("organizationId"), "00Dxx0000001gER");
  EXPECT_EQ(api_.calls()[0].url, "https://acme.my.salesforce.com/services/oauth2/userinfo");
  auto usage = usage_.Get("conn-sf");
  ASSERT_TRUE(usage.has_value());
  EXPECT_EQ(usage->at("used"), 25);
  EXPECT_EQ(usage->at("max"), 5000);
}

TEST_F(SalesforceConnectorTest, ContainersAreTheQueryableObjectsPagedByOffset) {
  const std::string global = R"({"encoding":"UTF-8","maxBatchSize":200,"sobjects":[
    {"name":"Account","label":"Account","labelPlural":"Accounts","keyPrefix":"001","custom":false,"queryable":true,"feedEnabled":true},
    {"name":"ApexLog","label":"Apex Log","queryable":false},
    {"name":"Invoice__c","label":"Invoice","custom":true,"queryable":true},
    {"name":"Task","label":"Task","queryable":true,"feedEnabled":false}]})";
  api_.EnqueueJson(200, global);
  api_.EnqueueJson(200, global);
  auto page1 = connector_->ListContainers(api_, {.cursor = "", .limit = 2});
  ASSERT_TRUE(page1.ok()) << page1.status();
  ASSERT_EQ(page1->items.size(), 2u);
  EXPECT_EQ(page1->items[0].id, "Account");
  EXPECT_EQ(page1->items[0].meta.at("feedEnabled"), true);
  EXPECT_EQ(page1->items[1].id, "Invoice__c");
  EXPECT_EQ(page1->items[1].type, "custom");
  ASSERT_EQ(page1->next, "2");
  auto page2 = connector_->ListContainers(api_, {.cursor = "2", .limit = 2});
  ASSERT_TRUE(page2.ok());
  ASSERT_EQ(page2->items.size(), 1u);
  EXPECT_EQ(page2->items[0].id, "Task");
  EXPECT_FALSE(page2->next.has_value());
  EXPECT_EQ(api_.calls()[0].url, std::string(kBase) + "/sobjects");
  EXPECT_EQ(FieldOf(connector_->ListContainers(api_, {.cursor = "-1"}).status()), "cursor");
}

TEST_F(SalesforceConnectorTest, RecordsComeBySoqlAndFollowNextRecordsUrl) {
  api_.EnqueueJson(200, R"({"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01gD0000002HU6KIAW-2",
    "records":[{"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/001D000000IRFmaIAH"},
                "Id":"001D000000IRFmaIAH","Name":"Zoë — 日本","CreatedDate":"2026-01-02T10:20:30.000+0000",
                "SystemModstamp":"2026-01-03T10:20:30.000+0000","OwnerId":"005D0000001KyEIIA0"},
               {"attributes":{"type":"Account"},"Name":"no id"}]})");
  api_.EnqueueJson(200, R"({"totalSize":3,"done":true,"records":[{"attributes":{"type":"Account"},"Id":"001D000000IRFmbIAH"}]})");
  auto page1 = connector_->ListItems(api_, {.container_id = "Account", .q = "", .page = {.cursor = "", .limit = 5}});
  ASSERT_TRUE(page1.ok()) << page1.status();
  ASSERT_EQ(page1->items.size(), 1u);
  const Item& a = page1->items[0];
  EXPECT_EQ(a.id, "Account:001D000000IRFmaIAH");
  EXPECT_EQ(a.name, "Zoë — 日本");
  EXPECT_EQ(a.container_id, "Account");
  EXPECT_EQ(a.meta.updated, "2026-01-03T10:20:30.000Z");
  EXPECT_EQ(a.meta.assignee, "005D0000001KyEIIA0");
  EXPECT_EQ(a.meta.url, "https://acme.my.salesforce.com/001D000000IRFmaIAH");
  ASSERT_EQ(page1->next, "/services/data/v62.0/query/01gD0000002HU6KIAW-2");
  auto first = ParseUrl(api_.calls()[0].url);
  EXPECT_EQ(first.path, "/services/data/v62.0/query");
  EXPECT_EQ(first.query["q"], "SELECT FIELDS(STANDARD) FROM Account ORDER BY SystemModstamp DESC, Id DESC");
  EXPECT_EQ(api_.calls()[0].headers.Get("Sforce-Query-Options"), "batchSize=200");

  auto page2 = connector_->ListItems(api_, {.container_id = "Account", .q = "", .page = {.cursor = *page1->next}});
  ASSERT_TRUE(page2.ok()) << page2.status();
  EXPECT_FALSE(page2->next.has_value());
  EXPECT_EQ(api_.calls()[1].url, "https://acme.my.salesforce.com/services/data/v62.0/query/01gD0000002HU6KIAW-2");
  // Cursors that are not query continuations on this org.
  for (std::string_view bad : {"https://evil.example/services/data/v62.0/query/x", "/services/data/v62.0/sobjects/User",
                               "/services/data/v62.0/query/../../oauth2/token", "//evil/services/data/v1/query/x",
                               "/services/data/v62.0/query/a b"}) {
    EXPECT_EQ(FieldOf(connector_->ListItems(api_, {.container_id = "Account", .page = {.cursor = std::string(bad)}}).status()),
              "cursor") << bad;
  }
  EXPECT_EQ(api_.calls().size(), 2u);
}

TEST_F(SalesforceConnectorTest, SyncListingReadsRecordsChangedSinceTheMarkerOldestFirst) {
  ASSERT_NE(connector_->Describe().ChangeMarkerOf("records"), nullptr);
  EXPECT_EQ(connector_->Describe().ChangeMarkerOf("records")->field, "SystemModstamp");
  api_.EnqueueJson(200, R"({"totalSize":2,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01gD0000002HU6KIAW-200",
    "records":[{"attributes":{"type":"Account"},"Id":"001D000000IRFmaIAH","Name":"older",
                "SystemModstamp":"2026-01-02T21:07:45.000+0000"},
               {"attributes":{"type":"Account"},"Id":"001D000000IRFmbIAH","Name":"newer",
                "SystemModstamp":"2026-01-04T08:00:00.000+0000"}]})");
  ItemQuery query{.container_id = "Account", .q = "ignored by sync listings", .page = {.cursor = "", .limit = 50}};
  // 2026-01-02T21:07:45.5Z: floored to the second, written as a SOQL dateTime literal.
  query.changed_since = core::TimePoint(std::chrono::milliseconds(1767388065500));
  auto page = connector_->ListItems(api_, query);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(api_.calls().size(), 1u);
  auto url = ParseUrl(api_.calls()[0].url);
  EXPECT_EQ(url.path, "/services/data/v62.0/query");
  EXPECT_EQ(url.query["q"],
            "SELECT FIELDS(STANDARD) FROM Account WHERE SystemModstamp >= 2026-01-02T21:07:45Z "
            "ORDER BY SystemModstamp ASC, Id ASC");
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].name, "older");  // the provider's order is kept: oldest change first
  EXPECT_EQ(page->items[1].name, "newer");
  EXPECT_EQ(page->next, "/services/data/v62.0/query/01gD0000002HU6KIAW-200");
  // The continuation of a sync listing is followed like any other.
  api_.EnqueueJson(200, R"({"totalSize":2,"done":true,"records":[]})");
  query.page.cursor = *page->next;
  ASSERT_TRUE(connector_->ListItems(api_, query).ok());
  EXPECT_EQ(api_.calls()[1].url, "https://acme.my.salesforce.com/services/data/v62.0/query/01gD0000002HU6KIAW-200");
  // A hostile object name never reaches the SOQL, marker or not.
  query.container_id = "Account WHERE Id != null";
  query.page.cursor.clear();
  EXPECT_EQ(FieldOf(connector_->ListItems(api_, query).status()), "containerId");
  EXPECT_EQ(api_.calls().size(), 2u);
}

// SOSL reserved characters are escaped so that no input leaves the FIND {…} term.
TEST_F(SalesforceConnectorTest, SoslEscapingHoldsAgainstHostileInput) {
  EXPECT_EQ(*SoslEscape("Acme & Co"), "Acme \\& Co");
  EXPECT_EQ(*SoslEscape("a} IN ALL FIELDS RETURNING User(Id) //"), "a\\} IN ALL FIELDS RETURNING User\\(Id\\) //");
  EXPECT_EQ(*SoslEscape("\\}"), "\\\\\\}");
  EXPECT_EQ(*SoslEscape("it's \"x\"*?"), "it\\'s \\\"x\\\"\\*\\?");
  EXPECT_EQ(*SoslEscape("line\nbreak\x01"), "line break");
  for (std::string_view hostile : {"}", "\\", "\\}", "{}", "x\\\\}y", "}}}{{{", "a}\nRETURNING", "\\\\\\"}) {
    auto escaped = SoslEscape(hostile);
    ASSERT_TRUE(escaped.ok()) << hostile;
    // Reading the term as SOSL does: a backslash escapes the next character; an unescaped
    // brace would end (or open) the term.
    bool escape = false;
    for (char c : *escaped) {
      if (escape) {
        escape = false;
        continue;
      }
      if (c == '\\') {
        escape = true;
        continue;
      }
      EXPECT_TRUE(c != '}' && c != '{') << "unescaped brace in " << *escaped;
    }
    EXPECT_FALSE(escape) << "dangling backslash in " << *escaped;
  }
  EXPECT_EQ(FieldOf(SoslEscape(std::string(201, 'a')).status()), "q");
  EXPECT_EQ(FieldOf(SoslEscape("  \n ").status()), "q");

  api_.EnqueueJson(200, kAccountDescribe);
  api_.EnqueueJson(200, R"({"searchRecords":[{"attributes":{"type":"Account"},"Id":"001D000000IRFmaIAH","Name":"Acme"}]})");
  auto found = connector_->ListItems(api_, {.container_id = "Account", .q = "Acme} RETURNING User", .page = {.limit = 7}});
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].name, "Acme");
  EXPECT_EQ(ParseUrl(api_.calls()[1].url).query["q"],
            "FIND {Acme\\} RETURNING User} IN ALL FIELDS RETURNING Account(Id, Name, CreatedDate, SystemModstamp) LIMIT 7");
}

TEST_F(SalesforceConnectorTest, BadInputIsRefusedBeforeAnyCall) {
  for (std::string_view bad : std::initializer_list<std::string_view>{
           "", "1Account", "Account;DELETE", "Acc ount", "Account/../User", std::string_view("a\0b", 3)}) {
    EXPECT_EQ(FieldOf(connector_->ListItems(api_, {.container_id = std::string(bad)}).status()), "containerId");
    EXPECT_EQ(FieldOf(connector_->CreateItem(api_, {.container_id = std::string(bad), .title = "t"}).status()), "containerId");
  }
  for (std::string_view bad : {"", "Account", "Account:", "001D000000IRFmaIAH", "Account:001D000000IRFm",
                               "Account:001D000000IRFmaIA/", "Acc-ount:001D000000IRFmaIAH", "Account:001D000000IRFma%41H"}) {
    EXPECT_EQ(FieldOf(connector_->GetItem(api_, bad).status()), "itemId") << bad;
    EXPECT_EQ(FieldOf(connector_->ListComments(api_, bad, {}).status()), "itemId") << bad;
  }
  EXPECT_EQ(FieldOf(connector_->CreateItem(api_, {.container_id = "Account", .title = ""}).status()), "title");
  EXPECT_TRUE(api_.calls().empty());
  // Fields are checked after the describe, before anything is written.
  api_.EnqueueJson(200, kAccountDescribe);
  NewItem bad_field{.container_id = "Account", .title = "t"};
  bad_field.fields["Name"] = "twice";
  EXPECT_EQ(FieldOf(connector_->CreateItem(api_, bad_field).status()), "fields.Name");
  api_.EnqueueJson(200, kAccountDescribe);
  bad_field.fields = {{"Bad Field", "x"}};
  EXPECT_EQ(FieldOf(connector_->CreateItem(api_, bad_field).status()), "fields.Bad Field");
  for (const auto& call : api_.calls()) EXPECT_EQ(call.method, "GET");
}

TEST_F(SalesforceConnectorTest, CommentsAreChatterFeedElementsAndObjectsWithoutAFeedAre501) {
  api_.EnqueueJson(200, kAccountDescribe);
  api_.EnqueueJson(200, R"({"elements":[{"id":"0D5D0000000XZoXKAW","actor":{"displayName":"Zoë"},
     "body":{"text":"Hello — 日本"},"createdDate":"2026-01-05T08:00:00.000Z","modifiedDate":"2026-01-05T08:00:00.000Z"},
     {"body":{"text":"no id"}}],
     "nextPageUrl":"/services/data/v62.0/chatter/feeds/record/001D000000IRFmaIAH/feed-elements?page=2"})");
  auto page = connector_->ListComments(api_, "Account:001D000000IRFmaIAH", {.cursor = "", .limit = 10});
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].author, "Zoë");
  EXPECT_EQ(page->items[0].text, "Hello — 日本");
  EXPECT_TRUE(page->next.has_value());
  EXPECT_EQ(ParseUrl(api_.calls()[1].url).path, "/services/data/v62.0/chatter/feeds/record/001D000000IRFmaIAH/feed-elements");

  api_.EnqueueJson(200, kTaskDescribe);
  auto none = connector_->ListComments(api_, "Task:00TD000000IRFmaIAH", {});
  EXPECT_EQ(none.status().code(), absl::StatusCode::kUnimplemented);
  api_.EnqueueJson(200, kTaskDescribe);
  EXPECT_EQ(connector_->CreateComment(api_, {.item_id = "Task:00TD000000IRFmaIAH", .text = "x"}).status().code(),
            absl::StatusCode::kUnimplemented);

  api_.EnqueueJson(200, kAccountDescribe);
  api_.EnqueueJson(201, R"({"id":"0D5D0000000XZoYKAW","actor":{"displayName":"Me"},"body":{"text":"posted"}})");
  auto posted = connector_->CreateComment(api_, {.item_id = "Account:001D000000IRFmaIAH", .text = "posted"});
  ASSERT_TRUE(posted.ok()) << posted.status();
  auto sent = boost::json::parse(api_.calls().back().body).as_object();
  EXPECT_EQ(sent.at("subjectId"), "001D000000IRFmaIAH");
  EXPECT_EQ(sent.at("feedElementType"), "FeedItem");
}

TEST_F(SalesforceConnectorTest, CreatesRecordsWithTitleInTheNameField) {
  api_.EnqueueJson(200, kAccountDescribe);
  api_.EnqueueJson(201, R"({"id":"001D000000IRFmcIAH","success":true,"errors":[]})");
  api_.EnqueueJson(200, R"({"attributes":{"type":"Account"},"Id":"001D000000IRFmcIAH","Name":"New","Description":"b"})");
  NewItem item{.container_id = "Account", .title = "New", .body = "b"};
  item.fields["Industry"] = "Energy";
  auto created = connector_->CreateItem(api_, item);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->id, "Account:001D000000IRFmcIAH");
  EXPECT_EQ(created->body, "b");
  EXPECT_EQ(boost::json::parse(api_.calls()[1].body),
            boost::json::parse(R"({"Industry":"Energy","Name":"New","Description":"b"})"));
}

TEST_F(SalesforceConnectorTest, RequestLimitExceededIsRateLimitedAndOtherErrorsPassThrough) {
  api_.EnqueueJson(403, R"([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])");
  auto limited = connector_->ListContainers(api_, {});
  EXPECT_EQ(limited.status().code(), absl::StatusCode::kResourceExhausted);
  api_.EnqueueJson(403, R"([{"message":"insufficient access rights on object id","errorCode":"INSUFFICIENT_ACCESS"}])");
  EXPECT_EQ(connector_->ListContainers(api_, {}).status().code(), absl::StatusCode::kPermissionDenied);
  api_.EnqueueJson(400, R"([{"message":"unexpected token: FROM","errorCode":"MALFORMED_QUERY"}])");
  auto malformed = connector_->ListItems(api_, {.container_id = "Account"});
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(malformed.status().message().find("MALFORMED_QUERY"), std::string::npos);
}

TEST(SalesforceLimitInfoTest, ParsesApiUsage) {
  EXPECT_EQ(*ParseLimitInfo("api-usage=25/5000"), (boost::json::object{{"used", 25}, {"max", 5000}}));
  EXPECT_EQ(*ParseLimitInfo("per-app-api-usage=17/250(appName=sample), api-usage=3/15000"),
            (boost::json::object{{"used", 3}, {"max", 15000}}));
  EXPECT_FALSE(ParseLimitInfo("api-usage=x/5").has_value());
  EXPECT_FALSE(ParseLimitInfo("").has_value());
}

}  // namespace
}  // namespace ucf::connectors::salesforce
