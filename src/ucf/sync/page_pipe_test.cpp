#include "ucf/sync/page_pipe.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace ucf::sync {
namespace {

using std::chrono_literals::operator""ms;

TEST(PagePipeTest, TakesWhatIsQueuedInOrderUpToTheMax) {
  PagePipe<int> pipe(4);
  ASSERT_TRUE(pipe.Push(1));
  ASSERT_TRUE(pipe.Push(2));
  ASSERT_TRUE(pipe.Push(3));
  EXPECT_EQ(pipe.Take(2), (std::vector<int>{1, 2}));
  EXPECT_EQ(pipe.Take(4), (std::vector<int>{3}));
  pipe.Finish();
  EXPECT_TRUE(pipe.Take(4).empty()) << "finished and drained";
}

TEST(PagePipeTest, AFullPipeHoldsTheProducerUntilTheConsumerTakes) {
  PagePipe<int> pipe(2);
  std::atomic<int> pushed = 0;
  std::thread producer([&] {
    for (int i = 0; i < 5; ++i) {
      if (!pipe.Push(i)) return;
      ++pushed;
    }
    pipe.Finish();
  });
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(pushed.load(), 2) << "bounded: the third page waits for room";
  std::vector<int> all;
  for (std::vector<int> got = pipe.Take(8); !got.empty(); got = pipe.Take(8)) {
    EXPECT_LE(got.size(), 2u);
    all.insert(all.end(), got.begin(), got.end());
  }
  producer.join();
  EXPECT_EQ(all, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(PagePipeTest, WaitsForTheFirstValueOrTheEnd) {
  PagePipe<int> pipe(2);
  std::thread producer([&] {
    std::this_thread::sleep_for(50ms);
    pipe.Push(7);
    std::this_thread::sleep_for(50ms);
    pipe.Finish();
  });
  EXPECT_EQ(pipe.Take(2), (std::vector<int>{7}));
  EXPECT_TRUE(pipe.Take(2).empty());
  producer.join();
}

TEST(PagePipeTest, ClosingReleasesABlockedProducer) {
  PagePipe<int> pipe(1);
  ASSERT_TRUE(pipe.Push(1));
  std::atomic<bool> refused = false;
  std::thread producer([&] { refused = !pipe.Push(2); });
  std::this_thread::sleep_for(50ms);
  pipe.Close();
  producer.join();
  EXPECT_TRUE(refused.load());
  EXPECT_FALSE(pipe.Push(3)) << "closed stays closed";
}

}  // namespace
}  // namespace ucf::sync
