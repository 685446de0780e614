#include "ucf/api/sync_handler.hpp"

#include <algorithm>

#include "boost/json/array.hpp"
#include "ucf/api/connection_lookup.hpp"
#include "ucf/api/job_json.hpp"
#include "ucf/api/request_support.hpp"
#include "ucf/connections/connector_manager.hpp"
#include "ucf/connectors/cursor_codec.hpp"
#include "ucf/connectors/resource_json.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/json_fields.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/api/time_json.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/http/error_response.hpp"
#include "ucf/sync/sync_schedules.hpp"
#include "ucf/sync/sync_scope.hpp"
#include "ucf/sync/sync_service.hpp"

namespace ucf::api {
namespace {

using Result = absl::StatusOr<boost::json::value>;

boost::json::object ScheduleJson(const storage::SyncScheduleRecord& s) {
  return {{"model", s.model},
          {"everySeconds", s.every_seconds},
          {"fullEvery", s.full_every},
          {"runs", s.runs},
          {"nextFireAt", core::FormatRfc3339(s.next_fire_at)},
          {"updatedAt", core::FormatRfc3339(s.updated_at)}};
}

}  // namespace

ApiResult SyncHandler::SyncConnection(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request, /*allow_empty=*/true));
  UCF_ASSIGN_OR_RETURN(auto model, core::OptionalString(body, "model"));
  UCF_ASSIGN_OR_RETURN(auto full, core::OptionalBool(body, "full"));
  UCF_ASSIGN_OR_RETURN(auto containers, sync::ParseSyncContainers(body));
  UCF_ASSIGN_OR_RETURN(auto job, deps_.sync->Enqueue(ActorOf(request), request.PathParam("id"), "sync",
                                                      model.value_or(""), full.value_or(false), containers));
  deps_.wake_workers();
  return JobJson(job);
}

// The original answered 202 for a queued job and 200 for a probe, so this handler picks the
// success status itself (still through the one envelope mapping).
http::Response SyncHandler::ConnectorJob(http::Request& request) const {
  Result result = [&]() -> Result {
    UCF_ASSIGN_OR_RETURN(const connectors::Connector* connector, deps_.manager->Find(request.PathParam("id")));
    UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
    UCF_ASSIGN_OR_RETURN(std::string type, core::RequireString(body, "type"));
    UCF_ASSIGN_OR_RETURN(auto params, core::OptionalObject(body, "params"));
    if (type == "probe") {
      params.erase("connectionId");
      UCF_RETURN_IF_ERROR(connector->ValidateConfig(params));
      return boost::json::object{{"meta", connectors::ConnectorDescriptionJson(connector->Describe(), deps_.manager->SpecOf(*connector))}};
    }
    if (type != "sync" && type != "import") return core::InvalidField("type", "must be import, sync or probe");
    UCF_ASSIGN_OR_RETURN(auto connection_id, core::OptionalString(params, "connectionId"));
    UCF_ASSIGN_OR_RETURN(auto model, core::OptionalString(params, "model"));
    UCF_ASSIGN_OR_RETURN(auto full, core::OptionalBool(params, "full"));
    UCF_ASSIGN_OR_RETURN(std::string id, ConnectionForConnector(*deps_.manager, *deps_.connections, request, connection_id));
    UCF_ASSIGN_OR_RETURN(auto job, deps_.sync->Enqueue(ActorOf(request), id, type, model.value_or(""), full.value_or(false)));
    deps_.wake_workers();
    return JobJson(job);
  }();
  return http::EnvelopeResponse(result, result.ok() && result->as_object().contains("meta") ? 200 : 202);
}

ApiResult SyncHandler::ListJobs(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(int limit, ParseLimit(request));
  storage::JobFilter filter;
  filter.connection_id = request.Query("connectionId");
  filter.type = request.Query("type");
  if (auto status = request.Query("status")) {
    filter.status = storage::ParseJobStatus(*status);
    if (!filter.status) return core::InvalidField("status", "must be queued, running, succeeded, failed or canceled");
  }
  UCF_ASSIGN_OR_RETURN(auto page, deps_.sync->List(request.context.tenant_id, filter,
                                                   request.Query("cursor").value_or(""), limit));
  boost::json::array items;
  for (const auto& j : page.items) items.push_back(JobJson(j));
  return PageJson(std::move(items), page.next);
}

ApiResult SyncHandler::GetJob(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto job, deps_.sync->Get(request.context.tenant_id, request.PathParam("id")));
  return JobJson(job);
}

ApiResult SyncHandler::CancelJob(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto job, deps_.sync->Cancel(ActorOf(request), request.PathParam("id")));
  return JobJson(job);
}

ApiResult SyncHandler::Records(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(int limit, ParseLimit(request));
  std::string connection(request.PathParam("id"));
  storage::RecordFilter filter;
  filter.model = request.Query("model");
  UCF_ASSIGN_OR_RETURN(filter.modified_after, ParseTimeQuery(request, "modifiedAfter"));
  std::string scope = core::StrCat(filter.model.value_or(""), "\n", request.Query("modifiedAfter").value_or(""));
  connectors::CursorBinding binding{connection, "records", scope};
  UCF_ASSIGN_OR_RETURN(std::string after, deps_.cursors->Decode(binding, request.Query("cursor").value_or("")));
  std::int64_t after_seq = 0;
  if (!after.empty()) {
    std::optional<std::int64_t> parsed = core::ParseInt64(after);
    if (!parsed) return core::InvalidField("cursor", "is not valid");
    after_seq = *parsed;
  }
  UCF_ASSIGN_OR_RETURN(auto changes, deps_.sync->Changes(request.context.tenant_id, connection, filter, after_seq, limit));
  boost::json::array items;
  for (const auto& r : changes.items) {
    items.push_back({{"model", r.model},
                     {"externalId", r.external_id},
                     {"data", r.data},
                     {"updatedAt", OptionalTimeJson(r.updated_at)},
                     {"seenAt", core::FormatRfc3339(r.seen_at)},
                     {"deleted", r.deleted},
                     {"seq", r.seq}});
  }
  std::string resume = deps_.cursors->Encode(binding, std::to_string(changes.last_seq));
  boost::json::object page = PageJson(std::move(items), changes.has_more ? std::optional<std::string>(resume) : std::nullopt);
  page["resume"] = resume;
  return page;
}

ApiResult SyncHandler::GetSchedule(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto schedules, deps_.schedules->List(request.context.tenant_id, request.PathParam("id")));
  boost::json::array items;
  for (const auto& s : schedules) items.push_back(ScheduleJson(s));
  return boost::json::object{{"items", std::move(items)}};
}

ApiResult SyncHandler::PutSchedule(http::Request& request) const {
  UCF_ASSIGN_OR_RETURN(auto body, ParseBody(request));
  UCF_ASSIGN_OR_RETURN(auto model, core::OptionalString(body, "model"));
  UCF_ASSIGN_OR_RETURN(auto every, core::OptionalInt(body, "everySeconds"));
  if (!every) return core::InvalidField("everySeconds", "is required");
  UCF_ASSIGN_OR_RETURN(auto full_every, core::OptionalInt(body, "fullEvery"));
  if (!full_every) {
    UCF_ASSIGN_OR_RETURN(full_every, core::OptionalInt(body, "full_every"));
  }
  auto bounded = [](std::int64_t v) { return static_cast<int>(std::clamp<std::int64_t>(v, -1, 1LL << 30)); };
  UCF_ASSIGN_OR_RETURN(auto schedule,
                       deps_.schedules->Put(ActorOf(request), request.PathParam("id"),
                                            {model.value_or(""), bounded(*every), bounded(full_every.value_or(0))}));
  return ScheduleJson(schedule);
}

ApiResult SyncHandler::DeleteSchedule(http::Request& request) const {
  UCF_RETURN_IF_ERROR(deps_.schedules->Delete(ActorOf(request), request.PathParam("id"),
                                              request.Query("model").value_or("")));
  return boost::json::object{{"deleted", true}};
}

}  // namespace ucf::api
