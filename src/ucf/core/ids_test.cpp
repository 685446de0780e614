#include "ucf/core/ids.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace ucf::core {
namespace {

TEST(IdsTest, UuidShapeAndUniqueness) {
  std::string a = NewUuid(), b = NewUuid();
  EXPECT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(a, b);
  EXPECT_EQ(RandomToken(32).size(), 43u);
}

TEST(IdsTest, PrefixedIdsHaveTheirShape) {
  std::string id = NewId("con");
  ASSERT_EQ(id.size(), 4u + 24u);
  EXPECT_EQ(id.rfind("con_", 0), 0u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 4), std::string::npos);
}

TEST(IdsTest, IdsSortInTheOrderTheyWereMadeEvenWithinOneMillisecond) {
  // Thousands of ids in a tight loop land many to a millisecond; string order must still be
  // creation order, and none may repeat.
  std::vector<std::string> ids;
  for (int i = 0; i < 20000; ++i) ids.push_back(NewId("aud"));
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
}

TEST(IdsTest, TimePartIsTheCurrentUnixMillisecond) {
  auto ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  // Let any run of ids made earlier in this process fall behind the clock first.
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  long long before = ms();
  long long stamped = std::stoll(NewId("x").substr(2, 12), nullptr, 16);
  long long after = ms();
  EXPECT_GE(stamped, before);
  EXPECT_LE(stamped, after);
}

TEST(IdsTest, ConcurrentMakersNeverCollide) {
  std::vector<std::vector<std::string>> per_thread(4);
  std::vector<std::thread> threads;
  for (auto& out : per_thread) {
    threads.emplace_back([&out] {
      for (int i = 0; i < 5000; ++i) out.push_back(NewId("job"));
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  for (const auto& out : per_thread) {
    EXPECT_TRUE(std::is_sorted(out.begin(), out.end()));
    all.insert(out.begin(), out.end());
  }
  EXPECT_EQ(all.size(), 20000u);
}

}  // namespace
}  // namespace ucf::core
