#include "ucf/sync/sync_marker.hpp"

#include "boost/json/object.hpp"
#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::sync {
namespace {

ContainerMarkers ReadMarkers(const boost::json::value* v) {
  ContainerMarkers out;
  if (v == nullptr || !v->is_object()) return out;
  for (const auto& [container, at] : v->as_object()) {
    if (!at.is_string()) continue;
    if (auto t = core::ParseRfc3339(at.as_string()); t.ok()) out[std::string(container)] = *t;
  }
  return out;
}

boost::json::object WriteMarkers(const ContainerMarkers& markers) {
  boost::json::object out;
  for (const auto& [container, at] : markers) out[container] = core::FormatRfc3339(at);
  return out;
}

}  // namespace

std::string MarkerStateKey(std::string_view model) { return core::StrCat("marker:", model); }

SyncMarker ParseSyncMarker(std::string_view text) {
  SyncMarker marker;
  if (text.empty() || text.size() > kMaxMarkerBytes) return marker;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return marker;
  const boost::json::object& o = v.as_object();
  marker.markers = ReadMarkers(o.if_contains("markers"));
  const auto* full = o.if_contains("full");
  if (full != nullptr && full->is_object()) {
    const auto* job = full->as_object().if_contains("jobId");
    const auto* started = full->as_object().if_contains("startedAt");
    if (job && job->is_string() && started && started->is_string()) {
      if (auto t = core::ParseRfc3339(started->as_string()); t.ok()) {
        marker.full = SyncMarker::FullRun{std::string(job->as_string()), *t,
                                          ReadMarkers(full->as_object().if_contains("markers"))};
      }
    }
  }
  return marker;
}

std::string SerializeSyncMarker(const SyncMarker& marker) {
  boost::json::object o{{"markers", WriteMarkers(marker.markers)}};
  if (marker.full) {
    o["full"] = boost::json::object{{"jobId", marker.full->job_id},
                                    {"startedAt", core::FormatRfc3339(marker.full->started_at)},
                                    {"markers", WriteMarkers(marker.full->markers)}};
  }
  return boost::json::serialize(o);
}

void Advance(ContainerMarkers& markers, std::string_view container, core::TimePoint at) {
  auto it = markers.find(container);
  if (it == markers.end()) markers.emplace(std::string(container), at);
  else if (it->second < at) it->second = at;
}

}  // namespace ucf::sync
