#pragma once
// A fixed pool of threads with a bounded queue, for blocking request work.
// TrySubmit never blocks: when the queue is full (or the pool is stopping) it returns false and
// the caller answers 503. Tasks are filed in lanes (e.g. one per tenant): each lane is FIFO, and
// free threads take from the lanes in turn (round-robin), so a lane with a long backlog never
// delays another lane's next task by more than one task per lane. Thread-safe.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ucf::http {

class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t capacity);
  ~WorkerPool();  // Stop()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // `capacity` bounds the tasks queued across all lanes.
  bool TrySubmit(std::function<void()> task, std::string_view lane = {});
  // Tasks waiting for a thread now (all lanes).
  std::size_t queued();
  // Refuses new tasks, runs the queued ones, joins the threads. Idempotent.
  void Stop();

 private:
  void Loop();

  const std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<std::string, std::deque<std::function<void()>>> lanes_;  // non-empty lanes only
  std::deque<std::string> turn_;  // lanes with queued tasks, next to serve first
  std::size_t queued_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ucf::http
