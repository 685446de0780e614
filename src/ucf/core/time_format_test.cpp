#include "ucf/core/time_format.hpp"

#include <gtest/gtest.h>

#include "ucf/core/ids.hpp"

namespace ucf::core {
namespace {

TEST(TimeFormatTest, RoundTripsUtcWithMillis) {
  auto t = ParseRfc3339("2026-11-25T20:36:41.123+01:00").value();
  EXPECT_EQ(FormatRfc3339(t), "2026-11-25T19:36:41.123Z");
  EXPECT_FALSE(ParseRfc3339("yesterday").ok());
}

TEST(IdsTest, UuidShapeAndUniqueness) {
  std::string a = NewUuid(), b = NewUuid();
  EXPECT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(a, b);
  EXPECT_EQ(RandomToken(32).size(), 43u);
  EXPECT_EQ(NewId("con").rfind("con_", 0), 0u);
}

}  // namespace
}  // namespace ucf::core
