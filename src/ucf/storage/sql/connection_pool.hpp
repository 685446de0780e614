#pragma once
// A bounded pool of database connections, each lent to one transaction at a time.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ucf::storage::sql {

// Thread-safe. Opens connections on demand with `open`, never more than `max_size` at once;
// Acquire waits up to `timeout` for one to come back, then fails with Unavailable.
template <typename Conn>
class ConnectionPool {
 public:
  using Opener = std::function<absl::StatusOr<std::unique_ptr<Conn>>()>;

  ConnectionPool(Opener open, int max_size, std::chrono::milliseconds timeout)
      : open_(std::move(open)), max_size_(max_size < 1 ? 1 : max_size), timeout_(timeout) {}

  absl::StatusOr<std::unique_ptr<Conn>> Acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    bool ready = released_.wait_for(lock, timeout_,
                                    [&] { return !idle_.empty() || open_count_ < max_size_; });
    if (!ready) return absl::UnavailableError("timed out waiting for a database connection");
    if (!idle_.empty()) {
      std::unique_ptr<Conn> conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++open_count_;
    lock.unlock();
    absl::StatusOr<std::unique_ptr<Conn>> conn = open_();
    if (!conn.ok()) Forget();
    return conn;
  }

  // Takes back a connection from Acquire; `reusable` false closes it (e.g. it broke).
  void Release(std::unique_ptr<Conn> conn, bool reusable) {
    if (!reusable) {
      conn.reset();
      Forget();
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      idle_.push_back(std::move(conn));
    }
    released_.notify_one();
  }

 private:
  void Forget() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      --open_count_;
    }
    released_.notify_one();
  }

  const Opener open_;
  const int max_size_;
  const std::chrono::milliseconds timeout_;
  std::mutex mu_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<Conn>> idle_;  // guarded by mu_
  int open_count_ = 0;                       // guarded by mu_
};

}  // namespace ucf::storage::sql
