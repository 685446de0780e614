#include "ucf/http/server/worker_pool.hpp"

namespace ucf::http {

WorkerPool::WorkerPool(int threads, std::size_t capacity) : capacity_(capacity) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

WorkerPool::~WorkerPool() { Stop(); }

bool WorkerPool::TrySubmit(std::function<void()> task, std::string_view lane) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queued_ >= capacity_) return false;
    auto [it, fresh] = lanes_.try_emplace(std::string(lane));
    if (fresh) turn_.push_back(it->first);
    it->second.push_back(std::move(task));
    ++queued_;
  }
  cv_.notify_one();
  return true;
}

std::size_t WorkerPool::queued() {
  std::lock_guard lock(mu_);
  return queued_;
}

void WorkerPool::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void WorkerPool::Loop() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || queued_ > 0; });
      if (queued_ == 0) return;  // stopping and drained
      std::string lane = std::move(turn_.front());
      turn_.pop_front();
      auto it = lanes_.find(lane);
      task = std::move(it->second.front());
      it->second.pop_front();
      --queued_;
      if (it->second.empty()) {
        lanes_.erase(it);
      } else {
        turn_.push_back(std::move(lane));  // its next task waits for the other lanes' turn
      }
    }
    task();
  }
}

}  // namespace ucf::http
