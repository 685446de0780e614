#include "ucf/sync/event_hub.hpp"

#include <algorithm>
#include <chrono>

namespace ucf::sync {

EventHub::EventHub(std::size_t capacity, std::size_t max_waiters_per_tenant)
    : capacity_(std::max<std::size_t>(capacity, 1)),
      max_waiters_(max_waiters_per_tenant),
      next_id_(std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count() *
               1000) {}

std::int64_t EventHub::Publish(std::string_view tenant_id, std::string_view type, std::string_view job_id,
                               boost::json::object data) {
  std::vector<std::function<void()>> wake;
  std::int64_t id;
  {
    std::lock_guard lock(mu_);
    id = ++next_id_;
    last_id_ = id;
    auto it = events_.find(tenant_id);
    if (it == events_.end()) it = events_.emplace(std::string(tenant_id), std::deque<HubEvent>{}).first;
    it->second.push_back(HubEvent{id, std::string(type), std::string(job_id), std::move(data)});
    while (it->second.size() > capacity_) it->second.pop_front();
    WakeAll(wake, tenant_id);
  }
  for (auto& w : wake) w();
  return id;
}

std::vector<HubEvent> EventHub::Since(std::string_view tenant_id, std::int64_t after, std::size_t limit) const {
  std::vector<HubEvent> out;
  std::lock_guard lock(mu_);
  auto it = events_.find(tenant_id);
  if (it == events_.end()) return out;
  for (const HubEvent& e : it->second) {
    if (e.id <= after) continue;
    out.push_back(e);
    if (out.size() >= limit) break;
  }
  return out;
}

std::int64_t EventHub::LastId() const {
  std::lock_guard lock(mu_);
  return last_id_;
}

absl::StatusOr<EventHub::WaiterId> EventHub::Await(std::string_view tenant_id, std::int64_t after,
                                                  std::function<void()> wake) {
  {
    std::lock_guard lock(mu_);
    auto it = events_.find(tenant_id);
    bool ready = it != events_.end() && !it->second.empty() && it->second.back().id > after;
    if (!ready) {
      std::size_t& waiting = waiting_per_tenant_[std::string(tenant_id)];
      if (waiting >= max_waiters_) {
        return absl::ResourceExhaustedError("this tenant has the maximum number of open event streams");
      }
      ++waiting;
      WaiterId id = next_waiter_++;
      waiters_.emplace(id, Waiter{std::string(tenant_id), std::move(wake)});
      return id;
    }
  }
  wake();
  return WaiterId{0};
}

bool EventHub::Forget(WaiterId id) {
  std::lock_guard lock(mu_);
  auto it = waiters_.find(id);
  if (it == waiters_.end()) return false;
  --waiting_per_tenant_[it->second.tenant_id];
  waiters_.erase(it);
  return true;
}

void EventHub::Tick() {
  std::vector<std::function<void()>> wake;
  {
    std::lock_guard lock(mu_);
    for (auto& [id, w] : waiters_) wake.push_back(std::move(w.wake));
    waiters_.clear();
    waiting_per_tenant_.clear();
  }
  for (auto& w : wake) w();
}

void EventHub::WakeAll(std::vector<std::function<void()>>& out, std::string_view tenant_id) {
  for (auto it = waiters_.begin(); it != waiters_.end();) {
    if (it->second.tenant_id == tenant_id) {
      out.push_back(std::move(it->second.wake));
      --waiting_per_tenant_[it->second.tenant_id];
      it = waiters_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace ucf::sync
