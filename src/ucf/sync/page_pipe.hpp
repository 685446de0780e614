#pragma once
// PagePipe: a bounded queue of fetched provider pages between a sync run's helper thread (the
// producer, which fetches page after page) and the run's own thread (the consumer, which stores
// them). Bounded so that a provider faster than the store never holds more than `capacity` pages
// in memory; the consumer takes whatever is queued at once, so a store slower than the provider
// writes several pages in one transaction.
//
// Contract: one producer and one consumer. Push blocks while the pipe is full and returns false
// once the consumer has closed it (the producer then stops). Finish says no more values will come.
// Take(max) waits until at least one value is queued or the producer finished, then moves out up
// to `max` values in order; an empty result means finished and drained. Close is the consumer's
// way out: a blocked Push returns false, later ones too.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace ucf::sync {

template <typename T>
class PagePipe {
 public:
  explicit PagePipe(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  bool Push(T value) {
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return closed_ || queued_.size() < capacity_; });
    if (closed_) return false;
    queued_.push_back(std::move(value));
    lock.unlock();
    ready_.notify_one();
    return true;
  }

  void Finish() {
    {
      std::lock_guard lock(mu_);
      finished_ = true;
    }
    ready_.notify_one();
  }

  std::vector<T> Take(std::size_t max) {
    std::vector<T> out;
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return finished_ || !queued_.empty(); });
    while (!queued_.empty() && out.size() < max) {
      out.push_back(std::move(queued_.front()));
      queued_.pop_front();
    }
    lock.unlock();
    space_.notify_one();
    return out;
  }

  void Close() {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
    }
    space_.notify_one();
  }

 private:
  const std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable ready_;  // a value was queued or the producer finished
  std::condition_variable space_;  // a value was taken or the consumer closed
  std::deque<T> queued_;           // guarded by mu_
  bool finished_ = false;          // guarded by mu_
  bool closed_ = false;            // guarded by mu_
};

}  // namespace ucf::sync
