#include "ucf/sync/event_hub.hpp"

#include <algorithm>

namespace ucf::sync {

EventHub::EventHub(std::size_t capacity, std::size_t max_waiters_per_tenant)
    : capacity_(std::max<std::size_t>(capacity, 1)), max_waiters_(max_waiters_per_tenant) {}

void EventHub::Subscribe(std::string_view tenant_id, std::int64_t head) {
  std::lock_guard lock(mu_);
  auto it = windows_.find(tenant_id);
  if (it == windows_.end()) {
    Window w;
    w.head = head;
    w.floor = head;
    it = windows_.emplace(std::string(tenant_id), std::move(w)).first;
  }
  ++it->second.subscribers;
}

void EventHub::Unsubscribe(std::string_view tenant_id) {
  std::lock_guard lock(mu_);
  auto it = windows_.find(tenant_id);
  if (it == windows_.end()) return;
  if (--it->second.subscribers == 0) windows_.erase(it);
}

std::vector<std::pair<std::string, std::int64_t>> EventHub::Subscribed() const {
  std::lock_guard lock(mu_);
  std::vector<std::pair<std::string, std::int64_t>> out;
  out.reserve(windows_.size());
  for (const auto& [tenant, w] : windows_) out.emplace_back(tenant, w.head);
  return out;
}

void EventHub::Deliver(std::string_view tenant_id, std::vector<HubEvent> events) {
  std::vector<std::function<void()>> wake;
  {
    std::lock_guard lock(mu_);
    auto it = windows_.find(tenant_id);
    if (it == windows_.end()) return;
    Window& w = it->second;
    bool added = false;
    for (HubEvent& e : events) {
      if (e.id <= w.head) continue;
      if (e.id != w.head + 1) {  // a gap: what lies before is the database's to serve
        w.events.clear();
        w.floor = e.id - 1;
      }
      w.head = e.id;
      w.events.push_back(std::move(e));
      added = true;
    }
    while (w.events.size() > capacity_) {
      w.floor = w.events.front().id;
      w.events.pop_front();
    }
    if (added) WakeAll(wake, tenant_id);
  }
  for (auto& f : wake) f();
}

EventHub::Slice EventHub::Since(std::string_view tenant_id, std::int64_t after, std::size_t limit) const {
  Slice out;
  std::lock_guard lock(mu_);
  auto it = windows_.find(tenant_id);
  if (it == windows_.end()) {
    out.complete = false;
    return out;
  }
  const Window& w = it->second;
  if (after < w.floor) {
    out.complete = false;
    return out;
  }
  // Ids are consecutive from floor + 1: jump to the first one after `after`.
  std::size_t start = static_cast<std::size_t>(std::min<std::int64_t>(after - w.floor, static_cast<std::int64_t>(w.events.size())));
  for (std::size_t i = start; i < w.events.size() && out.events.size() < limit; ++i) {
    if (w.events[i].id > after) out.events.push_back(w.events[i]);
  }
  return out;
}

absl::StatusOr<EventHub::WaiterId> EventHub::Await(std::string_view tenant_id, std::int64_t after,
                                                  std::function<void()> wake) {
  {
    std::lock_guard lock(mu_);
    auto it = windows_.find(tenant_id);
    bool ready = it != windows_.end() && it->second.head > after;
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
