#include "ucf/core/fresh_map.hpp"

#include <gtest/gtest.h>

namespace ucf::core {
namespace {

using std::chrono::milliseconds;

class FreshMapTest : public ::testing::Test {
 protected:
  // Loads "value-<n>" where n counts the loads.
  absl::StatusOr<FreshMap<std::string>::Value> Get(FreshMap<std::string>& map, const std::string& key) {
    return map.GetOrLoad(key, [&]() -> absl::StatusOr<std::string> { return "value-" + std::to_string(++loads_); });
  }

  FakeClock clock_{TimePoint(std::chrono::hours(1000))};
  int loads_ = 0;
};

TEST_F(FreshMapTest, ServesAValueForItsTtlThenLoadsAgain) {
  FreshMap<std::string> map(clock_, milliseconds(1000), 10);
  EXPECT_EQ(**Get(map, "k"), "value-1");
  clock_.Advance(milliseconds(999));
  EXPECT_EQ(**Get(map, "k"), "value-1");
  clock_.Advance(milliseconds(1));
  EXPECT_EQ(**Get(map, "k"), "value-2");
  EXPECT_EQ(map.stats().hits, 1u);
  EXPECT_EQ(map.stats().misses, 2u);
}

TEST_F(FreshMapTest, AClockSteppingBackMakesValuesStale) {
  FreshMap<std::string> map(clock_, milliseconds(1000), 10);
  ASSERT_EQ(**Get(map, "k"), "value-1");
  clock_.Advance(-milliseconds(1));
  EXPECT_EQ(map.Peek("k"), nullptr);
  EXPECT_EQ(**Get(map, "k"), "value-2");
}

TEST_F(FreshMapTest, FailedLoadsAreNotKept) {
  FreshMap<std::string> map(clock_, milliseconds(1000), 10);
  auto failed = map.GetOrLoad("k", []() -> absl::StatusOr<std::string> { return absl::NotFoundError("no"); });
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(map.Peek("k"), nullptr);
  EXPECT_EQ(**Get(map, "k"), "value-1");
}

TEST_F(FreshMapTest, ALoadThatRacedAnInvalidationIsReturnedButNotKept) {
  FreshMap<std::string> map(clock_, milliseconds(1000), 10);
  auto racing = map.GetOrLoad("k", [&]() -> absl::StatusOr<std::string> {
    map.InvalidateAll();  // a write committed while this value was being read
    return "raced";
  });
  ASSERT_TRUE(racing.ok());
  EXPECT_EQ(**racing, "raced");
  EXPECT_EQ(map.Peek("k"), nullptr);
  EXPECT_EQ(**Get(map, "k"), "value-1");
  EXPECT_NE(map.Peek("k"), nullptr);
  map.InvalidateAll();
  EXPECT_EQ(map.Peek("k"), nullptr);
}

TEST_F(FreshMapTest, PeekWantsTheTimeLeftItIsAskedForAndStaysWithinItsSize) {
  FreshMap<std::string> map(clock_, milliseconds(1000), 2);
  ASSERT_TRUE(Get(map, "a").ok());
  clock_.Advance(milliseconds(950));
  EXPECT_NE(map.Peek("a", milliseconds(49)), nullptr);
  EXPECT_EQ(map.Peek("a", milliseconds(50)), nullptr);
  ASSERT_TRUE(Get(map, "b").ok());
  clock_.Advance(milliseconds(50));  // a expired, b fresh
  ASSERT_TRUE(Get(map, "c").ok());   // full: the expired one made room
  EXPECT_NE(map.Peek("b"), nullptr);
  EXPECT_NE(map.Peek("c"), nullptr);
  ASSERT_TRUE(Get(map, "d").ok());  // full of fresh values: all dropped
  EXPECT_EQ(map.Peek("b"), nullptr);
  EXPECT_NE(map.Peek("d"), nullptr);
}

}  // namespace
}  // namespace ucf::core
