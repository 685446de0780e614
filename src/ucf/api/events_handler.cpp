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
#include "ucf/sync/event_log.hpp"
#include "ucf/sync/sync_service.hpp"

namespace ucf::api {
namespace {

constexpr char kRetry[] = "retry: 2000\n\n";
constexpr int kCatchUp = 500;   // events read from the database per stream connection
constexpr int kPolled = 1000;   // events of one JSON answer

// The Last-Event-ID header: nullopt when absent or empty.
absl::StatusOr<std::optional<std::int64_t>> LastEventId(const http::Request& request) {
  std::optional<std::string_view> last = request.headers.Get("Last-Event-ID");
  if (!last || last->empty()) return std::optional<std::int64_t>();
  std::optional<std::int64_t> id;
  if (last->size() <= 19 && std::all_of(last->begin(), last->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    id = core::ParseInt64(*last);
  }
  if (!id) return core::InvalidField("Last-Event-ID", "must be the id of an event this server sent");
  return id;
}

// Where a stream starts: the tenant's newest id (read first, so that nothing committed while the
// rest of the request is served is missed), and the client's resume point (Last-Event-ID or head).
struct Start {
  std::int64_t head = 0;
  std::int64_t after = 0;
  bool resumed = false;
};

absl::StatusOr<Start> StartOf(const http::Request& request, const sync::EventLog& log) {
  UCF_ASSIGN_OR_RETURN(std::optional<std::int64_t> last, LastEventId(request));
  Start start;
  UCF_ASSIGN_OR_RETURN(start.head, log.LastId(request.context.tenant_id));
  start.after = last.value_or(start.head);
  start.resumed = last.has_value();
  return start;
}

// What a resuming client missed, as SSE text (advances start.after; sets `finished` when the
// job's job.finished is among them).
absl::StatusOr<std::string> CatchUp(const sync::EventLog& log, std::string_view tenant_id,
                                    std::optional<std::string_view> job_id, Start& start, bool& finished) {
  std::string text;
  if (!start.resumed) return text;
  UCF_ASSIGN_OR_RETURN(std::vector<sync::HubEvent> missed, log.After(tenant_id, start.after, job_id, kCatchUp));
  for (const sync::HubEvent& e : missed) {
    text += EventStream::Format(e);
    start.after = e.id;
    if (job_id && e.type == "job.finished") finished = true;
  }
  return text;
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
  // The resume point first: an event committed while the job is read is then not missed.
  absl::StatusOr<Start> start = StartOf(request, *deps_.log);
  if (!start.ok()) return http::ErrorFromStatus(start.status());
  const std::string& tenant = request.context.tenant_id;
  absl::StatusOr<storage::JobRecord> job = deps_.sync->Get(tenant, request.PathParam("id"));
  if (!job.ok()) return http::ErrorFromStatus(job.status());
  if (!WantsStream(request)) {
    std::int64_t from = start->resumed ? start->after : 0;
    absl::StatusOr<std::vector<sync::HubEvent>> mine = deps_.log->After(tenant, from, job->id, kPolled);
    if (!mine.ok()) return http::ErrorFromStatus(mine.status());
    boost::json::object out = EventsJson(*mine, from);
    out["job"] = JobJson(*job);
    return http::EnvelopeResponse(boost::json::value(std::move(out)), 200);
  }
  bool finished = storage::IsFinal(job->status);
  absl::StatusOr<std::string> missed = CatchUp(*deps_.log, tenant, job->id, *start, finished);
  if (!missed.ok()) return http::ErrorFromStatus(missed.status());
  std::string preamble =
      core::StrCat(kRetry, "event: job.snapshot\ndata: ", boost::json::serialize(JobJson(*job)), "\n\n", *missed);
  return Stream(std::make_shared<EventStream>(*deps_.events, tenant, job->id, start->head, start->after,
                                              std::move(preamble), finished));
}

http::Response EventsHandler::TenantEvents(http::Request& request) const {
  absl::StatusOr<Start> start = StartOf(request, *deps_.log);
  if (!start.ok()) return http::ErrorFromStatus(start.status());
  const std::string& tenant = request.context.tenant_id;
  if (!WantsStream(request)) {
    std::int64_t from = start->resumed ? start->after : 0;
    absl::StatusOr<std::vector<sync::HubEvent>> events = deps_.log->After(tenant, from, std::nullopt, kPolled);
    if (!events.ok()) return http::ErrorFromStatus(events.status());
    return http::EnvelopeResponse(boost::json::value(EventsJson(*events, from)), 200);
  }
  bool finished = false;
  absl::StatusOr<std::string> missed = CatchUp(*deps_.log, tenant, std::nullopt, *start, finished);
  if (!missed.ok()) return http::ErrorFromStatus(missed.status());
  return Stream(std::make_shared<EventStream>(*deps_.events, tenant, std::nullopt, start->head, start->after,
                                              core::StrCat(kRetry, ": connected\n\n", *missed)));
}

ApiResult EventsHandler::Docs(http::Request&) const {
  boost::json::array events{
      EventDoc("job.snapshot", "first event of /api/jobs/{id}/events: the job as GET /api/jobs/{id} (no id)"),
      EventDoc("job.queued", "a sync was queued (POST /api/connections/{id}/sync, a schedule, a provider webhook)"),
      EventDoc("job.started", "a worker claimed the job (again after a takeover: attempt > 1)"),
      EventDoc("job.progress", "after committed pages, at most once per UCF_EVENTS_PROGRESS_MS (1 s) per job: counts.pages, fetched, changed, unchanged, retries"),
      EventDoc("job.cancel_requested", "POST /api/jobs/{id}/cancel on a running job"),
      EventDoc("job.finished", "status succeeded | failed | canceled, with counts or error; ends a job stream"),
      EventDoc("connection.needs_reauth", "the provider refused the connection's credentials (during a sync, a token refresh or a check)"),
      EventDoc("connection.recovered", "a connection in needs_reauth or error is connected again")};
  return boost::json::object{
      {"transport", "Server-Sent Events (text/event-stream); no WebSocket"},
      {"streams",
       boost::json::array{
           {{"path", "/api/jobs/{id}/events"}, {"scope", "one job; ends after job.finished"}},
           {{"path", "/api/events"}, {"scope", "every job and connection event of the tenant"}}}},
      {"resume", "send the last received `id:` as the Last-Event-ID header, to any instance: the events after it are replayed from the database (kept UCF_RETENTION_EVENTS_HOURS, 24 h by default); ids count 1, 2, 3, … per tenant"},
      {"format", "id: <n>\\nevent: <type>\\ndata: {\"type\", \"jobId\", \"connectionId\", \"model\", \"full\", \"status\", \"attempt\", \"counts\", \"error\"?}\\n\\n; ': keep-alive' comments every 15 s"},
      {"events", std::move(events)}};
}

}  // namespace ucf::api
