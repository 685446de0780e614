#include "ucf/core/periodic_task.hpp"

#include <gtest/gtest.h>

#include <atomic>

namespace ucf::core {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

template <typename Pred>
bool WaitUntil(Pred pred, std::chrono::milliseconds limit) {
  auto end = Clock::now() + limit;
  while (Clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(2ms);
  }
  return pred();
}

TEST(PeriodicTaskTest, RunsAgainAfterEachInterval) {
  std::atomic<int> runs{0};
  PeriodicTask task({.interval = 10ms, .jitter = 0.0}, [&](std::stop_token) { ++runs; });
  EXPECT_TRUE(WaitUntil([&] { return runs.load() >= 5; }, 2s));
}

TEST(PeriodicTaskTest, FirstDelayIsHonoured) {
  std::atomic<int> runs{0};
  PeriodicTask task({.interval = 10ms, .first_delay = 300ms}, [&](std::stop_token) { ++runs; });
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(runs.load(), 0);
  EXPECT_TRUE(WaitUntil([&] { return runs.load() >= 1; }, 2s));
}

TEST(PeriodicTaskTest, StopInterruptsALongWaitAtOnce) {
  std::atomic<int> runs{0};
  auto task = std::make_unique<PeriodicTask>(PeriodicTaskOptions{.interval = 1h},
                                             [&](std::stop_token) { ++runs; });
  ASSERT_TRUE(WaitUntil([&] { return runs.load() == 1; }, 2s));
  auto start = Clock::now();
  task.reset();  // destructor stops and joins
  EXPECT_LT(Clock::now() - start, 500ms);
  EXPECT_EQ(runs.load(), 1);
}

TEST(PeriodicTaskTest, RunSeesTheStopRequestAndCanReturnEarly) {
  std::atomic<bool> entered{false};
  std::atomic<bool> saw_stop{false};
  auto task = std::make_unique<PeriodicTask>(PeriodicTaskOptions{.interval = 1h},
                                             [&](std::stop_token stop) {
                                               entered = true;
                                               while (!stop.stop_requested()) {
                                                 std::this_thread::sleep_for(1ms);
                                               }
                                               saw_stop = true;
                                             });
  ASSERT_TRUE(WaitUntil([&] { return entered.load(); }, 2s));
  task->Stop();
  EXPECT_TRUE(saw_stop.load());
}

TEST(PeriodicTaskTest, WakeRunsBeforeTheIntervalEnds) {
  std::atomic<int> runs{0};
  PeriodicTask task({.interval = 1h}, [&](std::stop_token) { ++runs; });
  ASSERT_TRUE(WaitUntil([&] { return runs.load() == 1; }, 2s));
  task.Wake();
  EXPECT_TRUE(WaitUntil([&] { return runs.load() == 2; }, 2s));
}

TEST(PeriodicTaskTest, JitterStaysWithinItsBand) {
  EXPECT_EQ(PeriodicTask::JitteredWait(1000ms, 0.0, 0.7), 1000ms);
  EXPECT_EQ(PeriodicTask::JitteredWait(1000ms, 0.2, 0.0), 800ms);
  EXPECT_EQ(PeriodicTask::JitteredWait(1000ms, 0.2, 0.5), 1000ms);
  EXPECT_EQ(PeriodicTask::JitteredWait(1000ms, 0.2, 0.999), 1199ms);
  EXPECT_EQ(PeriodicTask::JitteredWait(1000ms, 0.9, 0.0), 500ms);  // jitter capped at 0.5
  EXPECT_EQ(PeriodicTask::JitteredWait(0ms, 0.1, 0.5), 1ms);
}

}  // namespace
}  // namespace ucf::core
