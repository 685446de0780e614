#include "ucf/connectors/api_usage_board.hpp"

#include <gtest/gtest.h>

namespace ucf::connectors {
namespace {

TEST(ApiUsageBoardTest, KeepsTheLatestReadingPerConnectionWithinItsCapacity) {
  ApiUsageBoard board(2);
  board.Record("", {{"used", 1}});  // unsaved credentials: ignored
  EXPECT_FALSE(board.Get("").has_value());
  board.Record("a", {{"used", 1}});
  board.Record("b", {{"used", 2}});
  board.Record("a", {{"used", 3}});  // a is now the most recent
  board.Record("c", {{"used", 4}});  // b, the least recent, is forgotten
  EXPECT_EQ(board.Get("a")->at("used"), 3);
  EXPECT_FALSE(board.Get("b").has_value());
  EXPECT_EQ(board.Get("c")->at("used"), 4);
}

}  // namespace
}  // namespace ucf::connectors
