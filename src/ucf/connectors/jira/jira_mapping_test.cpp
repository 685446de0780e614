#include "ucf/connectors/jira/jira_mapping.hpp"

#include <gtest/gtest.h>

#include "ucf/connectors/atlassian/test_support.hpp"
#include "ucf/connectors/jira/jira_requests.hpp"

namespace ucf::connectors::jira {
namespace {

using atlassian::testing::FieldOf;
using atlassian::testing::ParseJson;

boost::json::object Obj(std::string_view text) { return ParseJson(text).as_object(); }

TEST(JiraRequestsTest, JqlIsBoundedAndQuoted) {
  EXPECT_EQ(IssueSearchJql("EX", ""), R"(project = "EX" ORDER BY updated DESC)");
  EXPECT_EQ(IssueSearchJql("EX", "  "), R"(project = "EX" ORDER BY updated DESC)");
  EXPECT_EQ(IssueSearchJql(R"(E"X)", "a\\b \"c\"\n"),
            R"(project = "E\"X" AND text ~ "a\\b \"c\" " ORDER BY updated DESC)");
}

TEST(JiraRequestsTest, OffsetCursor) {
  EXPECT_EQ(*ParseOffsetCursor(""), 0);
  EXPECT_EQ(*ParseOffsetCursor("150"), 150);
  EXPECT_EQ(FieldOf(ParseOffsetCursor("-1").status()), "cursor");
  EXPECT_EQ(FieldOf(ParseOffsetCursor("99999999999999999999").status()), "cursor");
  EXPECT_EQ(FieldOf(ParseOffsetCursor("+1").status()), "cursor");
}

TEST(JiraMappingTest, ProjectPageStopsOnEmptyOrLastPages) {
  auto empty = MapProjectPage(Obj(R"({"isLast":false,"startAt":0,"values":[]})"), 0, std::nullopt);
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->next.has_value());
  // Neither isLast nor nextPage: the last page.
  auto bare = MapProjectPage(Obj(R"({"values":[{"id":"1","key":"K"}]})"), 5, std::nullopt);
  ASSERT_TRUE(bare.ok());
  EXPECT_FALSE(bare->next.has_value());
  EXPECT_EQ(bare->items[0].label, "K");                  // no name: the key
  EXPECT_TRUE(bare->items[0].meta.at("url").is_null());  // no self, no site
  // nextPage without isLast; startAt missing: the requested offset counts.
  auto more = MapProjectPage(Obj(R"({"nextPage":"https://x/…","values":[{"id":"1"},{"id":"2"}]})"),
                             40, std::nullopt);
  ASSERT_TRUE(more.ok());
  EXPECT_EQ(more->next, "42");
  EXPECT_TRUE(more->items[0].meta.at("key").is_null());
  // No id: the key addresses it; neither: left out. A negative startAt is not trusted.
  auto keyed = MapProjectPage(Obj(R"({"startAt":-5,"isLast":false,"values":[{"key":"NOID"},{"name":"x"}]})"),
                              10, std::nullopt);
  ASSERT_TRUE(keyed.ok());
  ASSERT_EQ(keyed->items.size(), 1u);
  EXPECT_EQ(keyed->items[0].id, "NOID");
  EXPECT_EQ(keyed->next, "12");
  EXPECT_TRUE(MapProjectPage(Obj(R"({})"), 0, std::nullopt)->items.empty());
  EXPECT_EQ(MapProjectPage(Obj(R"({"values":[1]})"), 0, std::nullopt).status().code(),
            absl::StatusCode::kInternal);
}

TEST(JiraMappingTest, IssueSearchIgnoresAStrayTokenOnTheLastPage) {
  auto page =
      MapIssueSearch(Obj(R"({"isLast":true,"nextPageToken":"x","issues":[]})"), "EX", std::nullopt);
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->next.has_value());
  auto null_token =
      MapIssueSearch(Obj(R"({"nextPageToken":null,"issues":[]})"), "EX", std::nullopt);
  ASSERT_TRUE(null_token.ok());
  EXPECT_FALSE(null_token->next.has_value());
}

TEST(JiraMappingTest, IssueWithoutFieldsIsSparse) {
  auto item =
      MapIssue(Obj(R"({"id":"1","key":"EX-9","fields":null})"), "EX", "https://s.test", true);
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->name, "");
  EXPECT_EQ(item->container_id, "EX");
  EXPECT_EQ(item->meta.url, "https://s.test/browse/EX-9");
  EXPECT_EQ(item->body, "");
  EXPECT_FALSE(item->meta.status || item->meta.author || item->meta.assignee ||
               item->meta.created || item->meta.parent_id || item->meta.version);
}

TEST(JiraMappingTest, CommentPageWithoutTotalEnds) {
  auto page = MapCommentPage(Obj(R"({"comments":[{"id":"1"}]})"), 0);
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->next.has_value());
  // Comments without id cannot be addressed: left out; no `comments` at all is an empty page.
  auto no_id = MapCommentPage(Obj(R"({"comments":[{"body":"x"},{"id":"2"}],"total":9})"), 0);
  ASSERT_TRUE(no_id.ok());
  ASSERT_EQ(no_id->items.size(), 1u);
  EXPECT_EQ(no_id->next, "2");
  EXPECT_TRUE(MapCommentPage(Obj(R"({"total":3})"), 0)->items.empty());
  // A v2-style plain string body is kept.
  auto v2 = MapComment(Obj(R"({"id":"1","body":"plain text"})"));
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->text, "plain text");
}

TEST(JiraMappingTest, MyselfAcceptsASparseUser) {
  auto anonymous = MapMyself(Obj(R"({"displayName":"x"})"));
  ASSERT_TRUE(anonymous.ok());
  EXPECT_EQ(anonymous->account_id, "");
  auto sparse = MapMyself(Obj(R"({"accountId":"a","emailAddress":null})"));
  ASSERT_TRUE(sparse.ok());
  EXPECT_EQ(sparse->email, "");
}

TEST(JiraMappingTest, IssueAndCreatedIssueWithoutKey) {
  auto by_id = MapIssue(Obj(R"({"id":"10001"})"), "EX", "https://s.test", true);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->id, "10001");
  EXPECT_FALSE(by_id->meta.url.has_value());
  auto asked = MapIssue(Obj(R"({"fields":{"summary":null}})"), "", std::nullopt, true, "", "EX-4");
  ASSERT_TRUE(asked.ok());
  EXPECT_EQ(asked->id, "EX-4");
  EXPECT_EQ(MapIssue(Obj(R"({})"), "", std::nullopt, true).status().code(), absl::StatusCode::kInternal);
  auto created = MapCreatedIssue(Obj(R"({"self":"https://s.test/rest/api/3/issue/1"})"),
                                 NewItem{"EX", "T", "", {}}, std::nullopt);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->id, "");
  EXPECT_EQ(created->container_id, "EX");
}

}  // namespace
}  // namespace ucf::connectors::jira
