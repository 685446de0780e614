#include "ucf/http/client/http_date.hpp"

#include <gtest/gtest.h>

namespace ucf::http {
namespace {

using std::chrono::seconds;

// 1994-11-06T08:49:37Z
const core::TimePoint kExample{seconds(784111777)};

TEST(HttpDateTest, ParsesTheThreeFormats) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), kExample);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), kExample);
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), kExample);
  EXPECT_EQ(ParseHttpDate("  Sun, 06 Nov 1994 08:49:37 GMT "), kExample);
  EXPECT_EQ(ParseHttpDate("Thu, 01 Jan 1970 00:00:00 GMT"), core::TimePoint{});
}

TEST(HttpDateTest, RejectsOtherText) {
  const char* bad[] = {"",
                       "120",
                       "Sun, 06 Nov 1994 08:49:37 UTC",
                       "Sun, 31 Feb 1994 08:49:37 GMT",
                       "Sun, 06 Foo 1994 08:49:37 GMT",
                       "Sun, 06 Nov 1994 25:49:37 GMT",
                       "Sun, 06 Nov 94 08:49:37 GMT",
                       "2026-03-26T16:00:00Z"};
  for (const char* text : bad) EXPECT_FALSE(ParseHttpDate(text).has_value()) << text;
}

TEST(HttpDateTest, FormatRoundTrips) {
  EXPECT_EQ(FormatHttpDate(kExample), "Sun, 06 Nov 1994 08:49:37 GMT");
  core::TimePoint t{seconds(1'800'000'000)};
  EXPECT_EQ(ParseHttpDate(FormatHttpDate(t)), t);
}

}  // namespace
}  // namespace ucf::http
