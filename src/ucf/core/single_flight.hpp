#pragma once
// SingleFlight: at most one call per key in flight in this process; callers arriving while it
// runs wait for it and share its result (the Go singleflight idea). A call that starts after the
// previous one finished runs again — callers re-check shared state themselves.
//
// Thread-safe. `fn` must not throw and must not call Do with the same key (it would wait for
// itself).

#include <future>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace ucf::core {

template <typename Result>
class SingleFlight {
 public:
  // Runs `fn` unless a call for `key` is in flight, in which case waits for that call's result.
  // `joined` (optional) tells whether this caller waited for another's call.
  template <typename Fn>
  Result Do(const std::string& key, Fn&& fn, bool* joined = nullptr) {
    std::promise<Result> promise;
    std::shared_future<Result> shared;
    bool leader = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = in_flight_.find(key);
      if (it != in_flight_.end()) {
        shared = it->second;
      } else {
        shared = promise.get_future().share();
        in_flight_.emplace(key, shared);
        leader = true;
      }
    }
    if (joined != nullptr) *joined = !leader;
    if (!leader) return shared.get();
    Result result = std::forward<Fn>(fn)();
    {
      std::lock_guard<std::mutex> lock(mu_);
      in_flight_.erase(key);
    }
    promise.set_value(result);
    return result;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_future<Result>> in_flight_;  // guarded by mu_
};

}  // namespace ucf::core
