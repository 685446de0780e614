#include "ucf/connectors/atlassian/cursor.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"

namespace ucf::connectors::atlassian {
namespace {

boost::json::object Obj(std::string_view text) { return boost::json::parse(text).as_object(); }

TEST(LinkHeaderNextTest, FindsTheNextRelation) {
  EXPECT_EQ(LinkHeaderNext(R"(</wiki/api/v2/spaces?cursor=abc&limit=2>; rel="next", )"
                           R"(<https://acme.atlassian.net/wiki>; rel="base")"),
            "/wiki/api/v2/spaces?cursor=abc&limit=2");
  EXPECT_EQ(LinkHeaderNext(R"(<https://x/wiki>; rel="base", </p?cursor=z>; rel=next)"),
            "/p?cursor=z");
  EXPECT_EQ(LinkHeaderNext(R"(</a>; title="a, b"; rel="prev next")"), "/a");
  EXPECT_FALSE(LinkHeaderNext(R"(<https://x/wiki>; rel="base")").has_value());
  EXPECT_FALSE(LinkHeaderNext("").has_value());
  EXPECT_FALSE(LinkHeaderNext("garbage <unterminated").has_value());
}

TEST(NextCursorTest, PrefersLinksNextInTheBody) {
  http::Headers headers;
  headers.Add("Link", R"(</wiki/api/v2/spaces?cursor=fromheader>; rel="next")");
  auto body = Obj(
      R"({"results":[],"_links":{"next":"/wiki/api/v2/spaces?limit=2&cursor=b%2Bc%3D","base":"https://x/wiki"}})");
  EXPECT_EQ(NextCursor(body, headers), "b+c=");
}

TEST(NextCursorTest, FallsBackToTheLinkHeader) {
  http::Headers headers;
  headers.Add("link",
              R"(<https://x/wiki>; rel="base", </wiki/api/v2/pages?cursor=h1>; rel="next")");
  EXPECT_EQ(NextCursor(Obj(R"({"results":[],"_links":{"base":"https://x/wiki"}})"), headers), "h1");
}

TEST(NextCursorTest, LastPageHasNoCursor) {
  EXPECT_FALSE(NextCursor(Obj(R"({"results":[],"_links":{"base":"b"}})"), {}).has_value());
  EXPECT_FALSE(NextCursor(Obj(R"({"results":[]})"), {}).has_value());
  EXPECT_FALSE(
      NextCursor(Obj(R"({"_links":{"next":"/wiki/api/v2/pages?limit=2"}})"), {}).has_value());
  EXPECT_FALSE(
      NextCursor(Obj(R"({"_links":{"next":"/wiki/api/v2/pages?cursor="}})"), {}).has_value());
  EXPECT_FALSE(NextCursor(Obj(R"({"_links":null})"), {}).has_value());
}

}  // namespace
}  // namespace ucf::connectors::atlassian
