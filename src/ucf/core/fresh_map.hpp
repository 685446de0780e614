#pragma once
// FreshMap<V>: values read from storage, kept by key for at most `ttl` after the read, dropped all
// at once by InvalidateAll. The mechanics behind the hot-path caches (connections/connection_cache,
// connections/catalog_state_cache):
// - GetOrLoad serves a value read less than `ttl` ago from memory, else calls `load()` (outside
//   the lock) and keeps what it returned — unless InvalidateAll ran while it was loading (a
//   generation check), so a load that raced a write never outlives the write;
// - Peek answers from memory only (never loads: safe on a network thread), and only values with
//   at least `min_left` of their ttl left;
// - a clock that stepped back makes a value stale;
// - at most `max_entries` values: when full, expired values are dropped, then everything.
// Failed loads are never kept. Thread-safe.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"

namespace ucf::core {

struct FreshMapStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
};

template <typename V>
class FreshMap {
 public:
  using Value = std::shared_ptr<const V>;

  // `clock` must outlive the map.
  FreshMap(const Clock& clock, std::chrono::milliseconds ttl, std::size_t max_entries)
      : clock_(clock), ttl_(ttl), max_entries_(max_entries) {}

  Value Peek(const std::string& key, std::chrono::milliseconds min_left = std::chrono::milliseconds(0)) const {
    TimePoint now = clock_.Now();
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end() || !Fresh(it->second, now, min_left)) return nullptr;
    return it->second.value;
  }

  // `load` returns absl::StatusOr<V>; it runs without the lock held.
  template <typename Load>
  absl::StatusOr<Value> GetOrLoad(const std::string& key, Load&& load) {
    TimePoint now = clock_.Now();
    std::uint64_t generation = 0;
    {
      std::lock_guard lock(mu_);
      auto it = entries_.find(key);
      if (it != entries_.end() && Fresh(it->second, now, std::chrono::milliseconds(0))) {
        ++stats_.hits;
        return it->second.value;
      }
      ++stats_.misses;
      generation = generation_;
    }
    absl::StatusOr<V> loaded = load();
    if (!loaded.ok()) return loaded.status();
    auto value = std::make_shared<const V>(std::move(*loaded));
    std::lock_guard lock(mu_);
    if (generation == generation_) {  // nothing invalidated since the load began
      if (entries_.size() >= max_entries_ && entries_.find(key) == entries_.end()) {
        std::erase_if(entries_, [&](const auto& e) { return !Fresh(e.second, now, std::chrono::milliseconds(0)); });
        if (entries_.size() >= max_entries_) entries_.clear();
      }
      entries_[key] = Entry{value, now};
    }
    return Value(std::move(value));
  }

  void InvalidateAll() {
    std::lock_guard lock(mu_);
    ++generation_;
    entries_.clear();
  }

  FreshMapStats stats() const {
    std::lock_guard lock(mu_);
    return stats_;
  }

 private:
  struct Entry {
    Value value;
    TimePoint read_at;
  };
  bool Fresh(const Entry& e, TimePoint now, std::chrono::milliseconds min_left) const {
    return now >= e.read_at && now - e.read_at + min_left < ttl_;
  }

  const Clock& clock_;
  const std::chrono::milliseconds ttl_;
  const std::size_t max_entries_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
  std::uint64_t generation_ = 0;                     // bumped by InvalidateAll; guarded by mu_
  FreshMapStats stats_;                              // guarded by mu_
};

}  // namespace ucf::core
