#pragma once
// A fixed pool of threads with a bounded FIFO queue, for blocking request work.
// TrySubmit never blocks: when the queue is full (or the pool is stopping) it returns false and
// the caller answers 503. Thread-safe.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ucf::http {

class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t capacity);
  ~WorkerPool();  // Stop()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool TrySubmit(std::function<void()> task);
  // Refuses new tasks, runs the queued ones, joins the threads. Idempotent.
  void Stop();

 private:
  void Loop();

  const std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ucf::http
