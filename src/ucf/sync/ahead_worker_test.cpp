#include "ucf/sync/ahead_worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace ucf::sync {
namespace {

TEST(AheadWorkerTest, RunsEachTaskOnOneHelperThreadAndWaitReturnsAfterIt) {
  AheadWorker worker;
  std::vector<std::thread::id> ran_on;
  std::vector<int> order;
  for (int i = 0; i < 5; ++i) {
    worker.Start([&, i] {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      ran_on.push_back(std::this_thread::get_id());
      order.push_back(i);
    });
    EXPECT_TRUE(worker.pending());
    worker.Wait();
    EXPECT_FALSE(worker.pending());
    ASSERT_EQ(order.size(), static_cast<std::size_t>(i + 1));  // Wait returned after the task
  }
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  for (const auto& id : ran_on) {
    EXPECT_EQ(id, ran_on.front());  // one long-lived thread, not one per task
    EXPECT_NE(id, std::this_thread::get_id());
  }
}

TEST(AheadWorkerTest, TaskOverlapsTheOwnersWork) {
  AheadWorker worker;
  std::atomic<bool> started{false};
  std::atomic<bool> release{false};
  worker.Start([&] {
    started = true;
    while (!release) std::this_thread::yield();
  });
  // The owner keeps running while the task is in flight.
  while (!started) std::this_thread::yield();
  release = true;
  worker.Wait();
  EXPECT_FALSE(worker.pending());
}

TEST(AheadWorkerTest, DestructorWaitsForAPendingTask) {
  std::atomic<bool> finished{false};
  {
    AheadWorker worker;
    worker.Start([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      finished = true;
    });
  }
  EXPECT_TRUE(finished);
}

TEST(AheadWorkerTest, WaitWithoutATaskReturnsAtOnce) {
  AheadWorker worker;
  worker.Wait();
  EXPECT_FALSE(worker.pending());
}

}  // namespace
}  // namespace ucf::sync
