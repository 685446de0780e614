#include "ucf/api/event_stream.hpp"

#include <utility>

#include "boost/json/serialize.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::api {

EventStream::EventStream(sync::EventHub& hub, std::string tenant_id, std::optional<std::string> job_id,
                         std::int64_t head, std::int64_t after, std::string preamble, bool ended)
    : hub_(hub), tenant_id_(std::move(tenant_id)), job_id_(std::move(job_id)), after_(after),
      preamble_(std::move(preamble)), ended_(ended) {
  hub_.Subscribe(tenant_id_, head);
}

EventStream::~EventStream() { hub_.Unsubscribe(tenant_id_); }

std::string EventStream::Format(const sync::HubEvent& event) {
  boost::json::object data = event.data;
  data["type"] = event.type;
  return core::StrCat("id: ", event.id, "\nevent: ", event.type, "\ndata: ", boost::json::serialize(data), "\n\n");
}

std::string EventStream::Drain() {
  std::string out;
  sync::EventHub::Slice slice = hub_.Since(tenant_id_, after_);
  if (!slice.complete) {
    ended_ = true;  // the client reconnects with Last-Event-ID and is served from the database
    return out;
  }
  for (const sync::HubEvent& e : slice.events) {
    after_ = e.id;
    if (job_id_ && e.job_id != *job_id_) continue;
    out += Format(e);
    if (job_id_ && e.type == "job.finished") {
      ended_ = true;
      break;
    }
  }
  return out;
}

void EventStream::Pull(std::function<void(Piece)> next) {
  std::unique_lock lock(mu_);
  if (cancelled_) return;
  if (!preamble_.empty()) {
    std::string first = std::exchange(preamble_, {});
    lock.unlock();
    next(std::optional<std::string>(std::move(first)));
    return;
  }
  if (ended_) {
    lock.unlock();
    next(std::optional<std::string>());
    return;
  }
  std::string text = Drain();
  if (!text.empty() || ended_) {
    lock.unlock();
    next(text.empty() ? std::optional<std::string>() : std::optional<std::string>(std::move(text)));
    return;
  }
  pending_ = std::move(next);
  std::int64_t after = after_;
  lock.unlock();
  std::weak_ptr<EventStream> weak = weak_from_this();
  auto waiter = hub_.Await(tenant_id_, after, [weak] {
    if (auto self = weak.lock()) self->OnWake();
  });
  if (!waiter.ok()) {
    lock.lock();
    auto failed = std::move(pending_);
    pending_ = nullptr;
    lock.unlock();
    if (failed) failed(waiter.status());
    return;
  }
  lock.lock();
  waiter_ = *waiter;
}

void EventStream::OnWake() {
  std::unique_lock lock(mu_);
  if (cancelled_ || !pending_) return;
  auto next = std::move(pending_);
  pending_ = nullptr;
  waiter_ = 0;
  std::string text = Drain();
  const bool ended = ended_;
  lock.unlock();
  if (text.empty() && ended) return next(std::optional<std::string>());
  // Nothing for this stream (another job's event, or the keep-alive tick): an SSE comment.
  next(std::optional<std::string>(text.empty() ? std::string(": keep-alive\n\n") : std::move(text)));
}

void EventStream::Cancel() {
  std::lock_guard lock(mu_);
  cancelled_ = true;
  pending_ = nullptr;
  if (waiter_ != 0) hub_.Forget(waiter_);
  waiter_ = 0;
}

}  // namespace ucf::api
