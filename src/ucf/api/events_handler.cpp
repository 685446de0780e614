#include "ucf/api/events_handler.hpp"

#include <algorithm>
#include <memory>

#include "boost/json/array.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/api/event_stream.hpp"
#include "ucf/api/job_json.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/error_response.hpp"
#include "ucf/sync/event_hub.hpp"
#include "ucf/sync/sync_service.hpp"

namespace ucf::api {
namespace {

constexpr char kRetry[] = "retry: 2000\n\n";

// The id after which to resume: Last-Event-ID, else the newest id now.
absl::StatusOr<std::int64_t> ResumePoint(const http::Request& request, const sync::EventHub& hub) {
  std::optional<std::string_view> last = request.headers.Get("Last-Event-ID");
  if (!last || last->empty()) return hub.LastId();
  std::optional<std::int64_t> id;
  if (last->size() <= 19 && std::all_of(last->begin(), last->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    id = core::ParseInt64(*last);
  }
  if (!id) return core::InvalidField("Last-Event-ID", "must be the id of an event this server sent");
  return *id;
}

// EventSource and `curl -H "Accept: text/event-stream"` get the stream; any other client gets the
// retained events as one JSON envelope (a polling fallback that never hangs a plain HTTP client).
bool WantsStream(const http::Request& request) {
  std::optional<std::string_view> accept = request.headers.Get("Accept");
  return accept && accept->find("text/event-stream") != std::string_view::npos;
}

boost::json::object EventsJson(const std::vector<sync::HubEvent>& events, std::int64_t after) {
  boost::json::array items;
  std::int64_t last = after;
  for (const auto& e : events) {
    items.push_back({{"id", std::to_string(e.id)}, {"type", e.type}, {"data", e.data}});
    last = e.id;
  }
  return {{"items", std::move(items)}, {"lastEventId", std::to_string(last)}};
}

http::Response Stream(std::shared_ptr<EventStream> stream) {
  http::Response response = http::Response::Stream(200, std::move(stream), "text/event-stream");
  response.headers.Set("Cache-Control", "no-cache");
  response.headers.Set("X-Accel-Buffering", "no");
  return response;
}

boost::json::object EventDoc(std::string_view type, std::string_view when) {
  return {{"type", type}, {"when", when}};
}

}  // namespace

http::Response EventsHandler::JobEvents(http::Request& request) const {
  // The resume point first: an event published while the job is read is then not missed.
  absl::StatusOr<std::int64_t> after = ResumePoint(request, *deps_.events);
  if (!after.ok()) return http::ErrorFromStatus(after.status());
  absl::StatusOr<storage::JobRecord> job = deps_.sync->Get(request.context.tenant_id, request.PathParam("id"));
  if (!job.ok()) return http::ErrorFromStatus(job.status());
  if (!WantsStream(request)) {
    std::int64_t from = request.headers.Has("Last-Event-ID") ? *after : 0;
    std::vector<sync::HubEvent> mine;
    for (auto& e : deps_.events->Since(request.context.tenant_id, from, 1000)) {
      if (e.job_id == job->id) mine.push_back(std::move(e));
    }
    boost::json::object out = EventsJson(mine, from);
    out["job"] = JobJson(*job);
    return http::EnvelopeResponse(boost::json::value(std::move(out)), 200);
  }
  std::string preamble = core::StrCat(kRetry, "event: job.snapshot\ndata: ", boost::json::serialize(JobJson(*job)), "\n\n");
  return Stream(std::make_shared<EventStream>(*deps_.events, request.context.tenant_id, job->id, *after,
                                              std::move(preamble), storage::IsFinal(job->status)));
}

http::Response EventsHandler::TenantEvents(http::Request& request) const {
  absl::StatusOr<std::int64_t> after = ResumePoint(request, *deps_.events);
  if (!after.ok()) return http::ErrorFromStatus(after.status());
  if (!WantsStream(request)) {
    std::int64_t from = request.headers.Has("Last-Event-ID") ? *after : 0;
    return http::EnvelopeResponse(boost::json::value(EventsJson(deps_.events->Since(request.context.tenant_id, from, 1000), from)), 200);
  }
  return Stream(std::make_shared<EventStream>(*deps_.events, request.context.tenant_id, std::nullopt, *after,
                                              core::StrCat(kRetry, ": connected\n\n")));
}

ApiResult EventsHandler::Docs(http::Request&) const {
  boost::json::array events{
      EventDoc("job.snapshot", "first event of /api/jobs/{id}/events: the job as GET /api/jobs/{id} (no id)"),
      EventDoc("job.queued", "a sync was queued (POST /api/connections/{id}/sync, a schedule, a provider webhook)"),
      EventDoc("job.started", "a worker claimed the job (again after a takeover: attempt > 1)"),
      EventDoc("job.progress", "after committed pages, at most every 200 ms: counts.pages, fetched, changed, unchanged, retries"),
      EventDoc("job.cancel_requested", "POST /api/jobs/{id}/cancel on a running job"),
      EventDoc("job.finished", "status succeeded | failed | canceled, with counts or error; ends a job stream"),
      EventDoc("connection.needs_reauth", "the provider refused the connection's credentials during a sync")};
  return boost::json::object{
      {"transport", "Server-Sent Events (text/event-stream); no WebSocket"},
      {"streams",
       boost::json::array{
           {{"path", "/api/jobs/{id}/events"}, {"scope", "one job; ends after job.finished"}},
           {{"path", "/api/events"}, {"scope", "every job and connection event of the tenant"}}}},
      {"resume", "send the last received `id:` as the Last-Event-ID header; events retained in memory (last 1000 per tenant) are replayed"},
      {"format", "id: <n>\\nevent: <type>\\ndata: {\"type\", \"jobId\", \"connectionId\", \"model\", \"full\", \"status\", \"attempt\", \"counts\", \"error\"?}\\n\\n; ': keep-alive' comments every 15 s"},
      {"events", std::move(events)}};
}

}  // namespace ucf::api
