#include "ucf/sync/sync_scope.hpp"

#include <algorithm>
#include <set>

#include "boost/json/array.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::sync {
namespace {

constexpr char kField[] = "containers";
constexpr std::size_t kMaxNamedInMessage = 5;

bool HasControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ParseSyncContainers(const boost::json::object& body) {
  std::vector<std::string> out;
  const boost::json::value* v = body.if_contains(kField);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) return core::InvalidField(kField, "must be an array of container ids");
  const boost::json::array& list = v->get_array();
  if (list.size() > kMaxSyncContainers) {
    return core::InvalidField(kField, core::StrCat("must hold at most ", kMaxSyncContainers, " container ids"));
  }
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = core::StrCat(kField, "[", i, "]");
    if (!list[i].is_string()) return core::InvalidField(at, "must be a container id (a string)");
    std::string_view id = list[i].get_string();
    if (id.size() > kMaxContainerIdBytes) {
      return core::InvalidField(at, core::StrCat("must be at most ", kMaxContainerIdBytes, " bytes"));
    }
    if (core::Trim(id).empty() || HasControl(id)) return core::InvalidField(at, "must be a container id");
    if (!seen.emplace(id).second) return core::InvalidField(at, "is listed twice");
    out.emplace_back(id);
  }
  return out;
}

absl::Status CheckContainersListed(const connections::ResolvedConnection& c,
                                   const std::vector<std::string>& chosen) {
  if (chosen.empty()) return absl::OkStatus();
  std::set<std::string, std::less<>> missing(chosen.begin(), chosen.end());
  connectors::PageRequest page{"", 200};
  for (int i = 0; i < kMaxContainerPages && !missing.empty(); ++i) {
    absl::StatusOr<connectors::Page<connectors::Container>> got = c.connector->ListContainers(*c.session, page);
    if (!got.ok()) return got.status();
    for (const connectors::Container& container : got->items) missing.erase(container.id);
    if (!got->next || got->next->empty()) break;
    page.cursor = *got->next;
  }
  if (missing.empty()) return absl::OkStatus();
  std::vector<std::string> named;
  for (const std::string& id : missing) {
    if (named.size() == kMaxNamedInMessage) {
      named.push_back(core::StrCat("and ", missing.size() - kMaxNamedInMessage, " more"));
      break;
    }
    named.push_back(id);
  }
  return core::InvalidField(kField, core::StrCat("not offered by ", c.connector->Describe().id, ": ",
                                                 core::Join(named, ", "),
                                                 " (GET /api/connections/{id}/containers lists them)"));
}

std::vector<std::string> ContainersOf(const storage::JobRecord& job) {
  std::vector<std::string> out;
  const boost::json::value* v = job.params.if_contains(kField);
  if (v == nullptr || !v->is_array()) return out;
  for (const boost::json::value& id : v->get_array()) {
    if (id.is_string()) out.emplace_back(id.get_string());
  }
  return out;
}

}  // namespace ucf::sync
