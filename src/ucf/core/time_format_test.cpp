#include "ucf/core/time_format.hpp"

#include <gtest/gtest.h>

namespace ucf::core {
namespace {

TEST(TimeFormatTest, RoundTripsUtcWithMillis) {
  auto t = ParseRfc3339("2026-11-25T20:36:41.123+01:00").value();
  EXPECT_EQ(FormatRfc3339(t), "2026-11-25T19:36:41.123Z");
  EXPECT_FALSE(ParseRfc3339("yesterday").ok());
  EXPECT_EQ(FormatRfc3339(TimePoint{}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(ParseRfc3339("1969-12-31T23:59:59.5Z").value()), "1969-12-31T23:59:59.500Z");
}

TEST(TimeFormatTest, CanonicalFastPathAgreesWithGeneralParser) {
  for (const char* t : {"2026-11-25T20:36:41.123Z", "2000-02-29T00:00:00Z", "1970-01-01T00:00:00.000Z",
                        "2038-01-19T03:14:08.999Z", "1999-12-31T23:59:59.001Z"}) {
    auto parsed = ParseRfc3339(t).value();
    std::string round = FormatRfc3339(parsed);
    std::string expected(t);
    if (expected.size() == 20) expected.insert(19, ".000");
    EXPECT_EQ(round, expected);
  }
  EXPECT_FALSE(ParseRfc3339("2026-13-01T00:00:00Z").ok());
  EXPECT_FALSE(ParseRfc3339("2026-11-25T20:36:41.12xZ").ok());
}

TEST(TimeFormatTest, FarFutureAndPastSaturateInsteadOfOverflowing) {
  // Nanosecond system_clock ends in 2262; later instants clamp, both paths alike.
  EXPECT_EQ(ParseRfc3339("2999-01-01T00:00:00Z").value(), TimePoint::max());
  EXPECT_EQ(ParseRfc3339("2999-01-01T00:00:00+00:00").value(), TimePoint::max());
  EXPECT_GT(ParseRfc3339("2999-01-01T00:00:00Z").value(), ParseRfc3339("2262-01-01T00:00:00Z").value());
  EXPECT_EQ(ParseRfc3339("1000-01-01T00:00:00Z").value(), TimePoint::min());
}

}  // namespace
}  // namespace ucf::core
