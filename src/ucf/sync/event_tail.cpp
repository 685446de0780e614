#include "ucf/sync/event_tail.hpp"

#include <utility>
#include <vector>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::sync {

EventTail::EventTail(storage::Database& db, EventHub& hub, EventTailOptions options)
    : db_(db), hub_(hub), options_(options) {}

EventTail::~EventTail() { Stop(); }

void EventTail::Notify(std::string_view tenant_id) {
  {
    std::lock_guard lock(mu_);
    if (marked_.size() < 100'000) marked_.emplace(tenant_id);
    else everyone_ = true;  // bounded: beyond, read every subscribed tenant
  }
  if (loop_) loop_->Wake();
}

absl::StatusOr<bool> EventTail::Round(bool everyone) {
  std::set<std::string, std::less<>> marked;
  {
    std::lock_guard lock(mu_);
    marked.swap(marked_);
    everyone = everyone || std::exchange(everyone_, false);
  }
  std::vector<std::pair<std::string, std::int64_t>> tenants = hub_.Subscribed();
  bool more = false;
  absl::Status failed;
  for (const auto& [tenant, head] : tenants) {
    if (!everyone && !marked.contains(tenant)) continue;
    std::vector<storage::EventRecord> rows;
    absl::Status read = db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
      UCF_ASSIGN_OR_RETURN(rows, s.events().ListAfter(tenant, head, std::nullopt, options_.batch));
      return absl::OkStatus();
    });
    if (!read.ok()) {
      failed = read;
      Notify(tenant);  // not lost: tried again next round
      continue;
    }
    if (static_cast<int>(rows.size()) >= options_.batch) {
      more = true;
      std::lock_guard lock(mu_);
      marked_.insert(tenant);
    }
    if (rows.empty()) continue;
    std::vector<HubEvent> events;
    events.reserve(rows.size());
    for (storage::EventRecord& r : rows) {
      events.push_back(HubEvent{r.id, std::move(r.type), std::move(r.job_id), std::move(r.data)});
    }
    hub_.Deliver(tenant, std::move(events));
  }
  if (!failed.ok()) return failed;
  return more;
}

void EventTail::Start(ListenerFactory listener, const observability::Logger& logger) {
  logger_ = &logger;
  open_listener_ = std::move(listener);
  loop_ = std::make_unique<core::PeriodicTask>(
      core::PeriodicTaskOptions{.interval = options_.poll, .first_delay = {}, .jitter = 0.1},
      [this](std::stop_token stop) { Loop(stop); });
  if (open_listener_) listener_ = std::jthread([this](std::stop_token stop) { Listen(stop); });
}

void EventTail::Stop() {
  if (listener_.joinable()) {
    listener_.request_stop();
    listener_.join();
  }
  loop_.reset();
}

void EventTail::Loop(std::stop_token stop) {
  // Woken by Notify or the poll interval: a full poll when it is due, else the marked tenants;
  // rounds follow at once while some tenant has more.
  for (int rounds = 0; rounds < 1000 && !stop.stop_requested(); ++rounds) {
    auto now = std::chrono::steady_clock::now();
    bool everyone = now - last_poll_ >= options_.poll;
    if (everyone) last_poll_ = now;
    absl::StatusOr<bool> more = Round(everyone);
    if (!more.ok()) {
      logger_->Warn("ucf.events", "reading live events failed", {{"error", core::ToStd(more.status().message())}});
      return;
    }
    if (!*more) return;
  }
}

void EventTail::Listen(std::stop_token stop) {
  std::unique_ptr<storage::ChangeListener> listener;
  auto pause = [&](std::chrono::milliseconds d) {
    for (auto until = std::chrono::steady_clock::now() + d; std::chrono::steady_clock::now() < until && !stop.stop_requested();) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  };
  while (!stop.stop_requested()) {
    if (!listener) {
      absl::StatusOr<std::unique_ptr<storage::ChangeListener>> opened = open_listener_();
      if (opened.ok() && *opened == nullptr) return;  // no notifications on this engine (SQLite)
      if (!opened.ok()) {
        logger_->Warn("ucf.events", "listening for other instances' events failed; polling meanwhile",
                      {{"error", core::ToStd(opened.status().message())}});
        pause(std::chrono::seconds(2));
        continue;
      }
      listener = std::move(*opened);
      {
        std::lock_guard lock(mu_);
        everyone_ = true;  // whatever was notified while no one listened
      }
      if (loop_) loop_->Wake();
    }
    absl::StatusOr<std::vector<std::string>> payloads = listener->Wait(std::chrono::milliseconds(500));
    if (!payloads.ok()) {
      listener.reset();
      continue;
    }
    for (const std::string& tenant : *payloads) Notify(tenant);
  }
}

}  // namespace ucf::sync
