#pragma once
// TenantSlots: per-tenant caps on the requests a pool holds (queued or running), taken BEFORE a
// request is queued so that one tenant can never fill the pool or its queue.
//
// TryTake(key) hands out a Slot when fewer than `max_per_key` slots of `key` are out, else nullopt
// at once (nothing ever waits). A Slot is released on destruction. MoveTo(key) re-files a slot
// under another key (the tenant, once authentication has named it) when that key has room; on
// refusal the slot stays where it was. State for a key is dropped when its last slot is released,
// so unbounded key sets do not leak. Thread-safe; slots must be released before the TenantSlots.

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ucf::http {

class TenantSlots {
 public:
  class Slot {
   public:
    Slot(Slot&& other) noexcept : owner_(other.owner_), key_(std::move(other.key_)) { other.owner_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    ~Slot();

    const std::string& key() const { return key_; }
    // True when the slot is (now) filed under `key`; false when `key` is full (slot unchanged).
    bool MoveTo(std::string_view key);

   private:
    friend class TenantSlots;
    Slot(TenantSlots* owner, std::string key) : owner_(owner), key_(std::move(key)) {}

    TenantSlots* owner_;
    std::string key_;
  };

  // `max_per_key` at least 1.
  explicit TenantSlots(int max_per_key) : max_per_key_(max_per_key < 1 ? 1 : max_per_key) {}
  TenantSlots(const TenantSlots&) = delete;
  TenantSlots& operator=(const TenantSlots&) = delete;

  std::optional<Slot> TryTake(std::string_view key);
  int InUse(std::string_view key) const;
  int max_per_key() const { return max_per_key_; }

 private:
  bool TakeLocked(const std::string& key);
  void ReleaseLocked(const std::string& key);

  const int max_per_key_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, int> in_use_;  // guarded by mu_
};

}  // namespace ucf::http
