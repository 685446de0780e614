#include "ucf/connectors/atlassian/timestamps.hpp"

#include <gtest/gtest.h>

namespace ucf::connectors::atlassian {
namespace {

TEST(NormalizeTimestampTest, JiraAndConfluenceShapes) {
  EXPECT_EQ(NormalizeTimestamp("2021-01-17T12:34:00.000+0000"), "2021-01-17T12:34:00.000Z");
  EXPECT_EQ(NormalizeTimestamp("2021-01-17T12:34:00.000+0530"), "2021-01-17T07:04:00.000Z");
  EXPECT_EQ(NormalizeTimestamp("2021-01-17T12:34:00.000-02:00"), "2021-01-17T14:34:00.000Z");
  EXPECT_EQ(NormalizeTimestamp("2024-05-01T10:00:00.123Z"), "2024-05-01T10:00:00.123Z");
}

TEST(NormalizeTimestampTest, UnreadableTextIsKept) {
  EXPECT_EQ(NormalizeTimestamp("yesterday"), "yesterday");
  EXPECT_EQ(NormalizeTimestamp(""), "");
  EXPECT_FALSE(NormalizeOptionalTimestamp(std::optional<std::string>()).has_value());
  EXPECT_EQ(NormalizeOptionalTimestamp(std::optional<std::string>("2021-01-17T12:34:00+0000")),
            "2021-01-17T12:34:00.000Z");
}

}  // namespace
}  // namespace ucf::connectors::atlassian
