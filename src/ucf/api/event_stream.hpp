#pragma once
// EventStream: a Server-Sent Events body (http::BodyStream) over sync::EventHub, holding no thread
// while it waits: each Pull answers at once with the events the client has not seen, or parks the
// `next` callback in the hub until the tenant's next event (or a keep-alive tick, sent as an SSE
// comment). Events are written as
//     id: <tenant stream id>\nevent: <type>\ndata: <one-line JSON>\n\n
// so a client reconnecting with Last-Event-ID (to this instance or any other on the same
// database) resumes after the last one it received.
// For its lifetime the stream subscribes its tenant in the hub (so this process tails the
// tenant's events; `head` is where a new window starts). When the hub no longer holds the events
// after the client's position (a client slower than the hub's window, see event_hub.hpp) the body
// ends; the client's automatic reconnect resumes from the database — memory per stream stays one
// piece. With a job id, only that job's events are sent and the stream ends after its
// job.finished. `preamble` (e.g. "retry: 2000\n\n", a snapshot, events read from the database) is
// sent first. Thread-safe.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ucf/http/response.hpp"
#include "ucf/sync/event_hub.hpp"

namespace ucf::api {

class EventStream final : public http::BodyStream, public std::enable_shared_from_this<EventStream> {
 public:
  EventStream(sync::EventHub& hub, std::string tenant_id, std::optional<std::string> job_id, std::int64_t head,
              std::int64_t after, std::string preamble, bool ended = false);
  ~EventStream() override;

  void Pull(std::function<void(Piece)> next) override;
  void Cancel() override;

  // One SSE event.
  static std::string Format(const sync::HubEvent& event);

 private:
  // The unsent events as SSE text ("" when none); advances after_.
  std::string Drain();
  void OnWake();

  sync::EventHub& hub_;
  const std::string tenant_id_;
  const std::optional<std::string> job_id_;
  std::mutex mu_;
  std::int64_t after_;
  std::string preamble_;
  bool ended_;  // the job finished, or the hub lost the client's position: end at the next pull
  bool cancelled_ = false;
  std::function<void(Piece)> pending_;
  sync::EventHub::WaiterId waiter_ = 0;
};

}  // namespace ucf::api
