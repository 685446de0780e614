#include "ucf/app/housekeeper.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace ucf::app {
namespace {

using std::chrono::milliseconds;

// The chores (key last-use flush, expired OAuth state purge) run periodically, a failing one does
// not stop the others, and a last round runs at shutdown.
TEST(Housekeeper, RunsEveryChoreEachTickAndOnceMoreAtShutdown) {
  observability::Logger logger(observability::LoggerOptions{});
  std::atomic<int> purges{0};
  std::atomic<int> failures{0};
  {
    Housekeeper keeper({{"fails", [&]() -> absl::StatusOr<std::int64_t> {
                           ++failures;
                           return absl::UnavailableError("database down");
                         }},
                        {"purge", [&]() -> absl::StatusOr<std::int64_t> { return ++purges; }}},
                       logger, milliseconds(20));
    while (purges.load() < 3) std::this_thread::sleep_for(milliseconds(5));
  }
  int at_stop = purges.load();
  EXPECT_GE(at_stop, 3);
  EXPECT_EQ(failures.load(), at_stop);
  std::this_thread::sleep_for(milliseconds(60));
  EXPECT_EQ(purges.load(), at_stop);  // stopped
}

TEST(Housekeeper, ALastRoundRunsEvenBeforeTheFirstTick) {
  observability::Logger logger(observability::LoggerOptions{});
  std::atomic<int> flushes{0};
  {
    Housekeeper keeper({{"flush", [&]() -> absl::StatusOr<std::int64_t> { return ++flushes; }}},
                       logger, std::chrono::hours(1));
  }
  EXPECT_EQ(flushes.load(), 1);
}

}  // namespace
}  // namespace ucf::app
