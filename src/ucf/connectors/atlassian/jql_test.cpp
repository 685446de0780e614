#include "ucf/connectors/atlassian/jql.hpp"

#include <gtest/gtest.h>

namespace ucf::connectors::atlassian {
namespace {

TEST(JqlQuoteTest, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(JqlQuote("PROJ"), R"("PROJ")");
  EXPECT_EQ(JqlQuote(R"(say "hi" \o/)"), R"("say \"hi\" \\o/")");
  EXPECT_EQ(JqlQuote(R"(\")"), R"("\\\"")");
  EXPECT_EQ(JqlQuote("it's"), R"("it's")");
  EXPECT_EQ(JqlQuote(""), R"("")");
}

TEST(JqlQuoteTest, ControlCharactersBecomeSpacesAndUtf8PassesThrough) {
  EXPECT_EQ(JqlQuote("a\nb\tc\x01\x7f"
                     "d"),
            R"("a b c  d")");
  EXPECT_EQ(JqlQuote("Zoë — 日本"), "\"Zoë — 日本\"");
}

TEST(JqlQuoteTest, InjectionStaysInsideTheLiteral) {
  // A value trying to close the literal and add a clause.
  std::string quoted = JqlQuote(R"(x" OR project = "SECRET)");
  EXPECT_EQ(quoted, R"("x\" OR project = \"SECRET")");
}

}  // namespace
}  // namespace ucf::connectors::atlassian
