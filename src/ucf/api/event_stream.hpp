#pragma once
// EventStream: a Server-Sent Events body (http::BodyStream) over sync::EventHub, holding no thread
// while it waits: each Pull answers at once with the events the client has not seen, or parks the
// `next` callback in the hub until the tenant's next event (or a keep-alive tick, sent as an SSE
// comment). Events are written as
//     id: <hub id>\nevent: <type>\ndata: <one-line JSON>\n\n
// so a client reconnecting with Last-Event-ID resumes after the last one it received.
// With a job id, only that job's events are sent and the stream ends after its job.finished.
// `preamble` (e.g. "retry: 2000\n\n" and a snapshot event) is sent first. Thread-safe.

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
  EventStream(sync::EventHub& hub, std::string tenant_id, std::optional<std::string> job_id,
              std::int64_t after, std::string preamble, bool ended = false);

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
  bool ended_;  // the job finished: end the body at the next pull
  bool cancelled_ = false;
  std::function<void(Piece)> pending_;
  sync::EventHub::WaiterId waiter_ = 0;
};

}  // namespace ucf::api
