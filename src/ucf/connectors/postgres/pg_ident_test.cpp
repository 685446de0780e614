#include "ucf/connectors/postgres/pg_ident.hpp"

#include <gtest/gtest.h>

#include "ucf/connectors/postgres/test_field.hpp"

namespace ucf::connectors::postgres {
namespace {

TEST(QuoteIdentTest, WrapsAndDoublesQuotesLikeQuoteIdent) {
  EXPECT_EQ(QuoteIdent("users"), "\"users\"");
  EXPECT_EQ(QuoteIdent("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(QuoteIdent("x\"; DROP TABLE t; --"), "\"x\"\"; DROP TABLE t; --\"");
  EXPECT_EQ(QuoteIdent("\"\""), "\"\"\"\"\"\"");
  EXPECT_EQ(QuoteIdent("Grüße"), "\"Grüße\"");
  EXPECT_EQ(QuoteIdent(""), "\"\"");
}

TEST(ContainerIdTest, PlainNamesStayBareOthersAreQuoted) {
  EXPECT_EQ(FormatContainerId({"public", "users"}), "public.users");
  EXPECT_EQ(FormatContainerId({"Sales", "Q1 \"final\""}), "\"Sales\".\"Q1 \"\"final\"\"\"");
  EXPECT_EQ(FormatContainerId({"s", "a.b"}), "s.\"a.b\"");
  EXPECT_EQ(FormatContainerId({"s", "9lives"}), "s.\"9lives\"");
}

TEST(ContainerIdTest, ParseIsTheInverseOfFormat) {
  for (RelationName r : std::vector<RelationName>{{"public", "users"},
                                                  {"Weird \"Schema\"", "Tab.le"},
                                                  {"s", "x\"; DROP TABLE t; --"},
                                                  {"ünï", "cödé"},
                                                  {"a", std::string(63, 'z')}}) {
    auto parsed = ParseContainerId(FormatContainerId(r), "containerId");
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, r);
  }
}

TEST(ContainerIdTest, RefusesMalformedIdsNamingTheField) {
  for (std::string_view bad :
       {"", "users", "public.", ".users", "a.b.c", "Public.users", "public.users extra",
        "\"unterminated.x", "\"\".x", "public.\"x\"y", "x\"; DROP TABLE t; --",
        "public.t; DROP TABLE canary"}) {
    auto parsed = ParseContainerId(bad, "containerId");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(FieldOf(parsed.status()), "containerId") << bad;
  }
  EXPECT_FALSE(ParseContainerId(std::string("a.b\0c", 5), "containerId").ok());
  EXPECT_FALSE(ParseContainerId("a.\xff", "containerId").ok());
  EXPECT_FALSE(ParseContainerId(std::string("a.") + std::string(64, 'z'), "containerId").ok());
  EXPECT_FALSE(ParseContainerId(std::string(10000, 'a'), "containerId").ok());
}

TEST(CleanUtf8Test, AcceptsUtf8RefusesNulAndMalformed) {
  EXPECT_TRUE(IsCleanUtf8("plain"));
  EXPECT_TRUE(IsCleanUtf8("Grüße 日本 😀"));
  EXPECT_FALSE(IsCleanUtf8(std::string("a\0b", 3)));
  EXPECT_FALSE(IsCleanUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsCleanUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsCleanUtf8("\xe6\x97"));          // truncated
  EXPECT_FALSE(IsCleanUtf8("\xf4\x90\x80\x80"));  // > U+10FFFF
}

TEST(CleanUtf8Test, RepairsServerTextAndCutsOnCharacterBoundaries) {
  EXPECT_EQ(ToCleanUtf8("Grüße"), "Grüße");
  EXPECT_EQ(ToCleanUtf8(std::string("a\0b", 3)), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(ToCleanUtf8("x\xff\xc3"), "x\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ToCleanUtf8("ab\xc3\xbc", 3), "ab");  // ü does not fit whole
  EXPECT_EQ(ToCleanUtf8(std::string(1000, 'm'), 512).size(), 512u);
  EXPECT_TRUE(IsCleanUtf8(ToCleanUtf8("\xed\xa0\x80\xf4\x90\x80\x80 ok")));
}

}  // namespace
}  // namespace ucf::connectors::postgres
