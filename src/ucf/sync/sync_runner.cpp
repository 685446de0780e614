#include "ucf/sync/sync_runner.hpp"

#include <chrono>
#include <thread>
#include <vector>

#include "boost/json/serialize.hpp"
#include "ucf/connectors/resource_json.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/crypto/hmac.hpp"

namespace ucf::sync {
namespace {

constexpr int kPageSize = 100;
constexpr int kMaxPages = 100'000;  // a runaway provider cursor cannot loop forever

storage::SyncedRecord Record(std::string_view model, std::string id, boost::json::object data,
                             const std::optional<std::string>& updated) {
  storage::SyncedRecord r;
  r.model = std::string(model);
  r.external_id = std::move(id);
  r.hash = core::HexEncode(crypto::Sha256(boost::json::serialize(data)));
  r.data = std::move(data);
  if (updated) {
    if (auto t = core::ParseRfc3339(*updated); t.ok()) r.updated_at = *t;
  }
  return r;
}

// Walks every page of one listing, handing each page's records to `sink`.
template <typename T, typename List, typename ToRecord>
absl::Status EachPage(List list, ToRecord to_record,
                      const std::function<absl::Status(std::vector<storage::SyncedRecord>)>& sink) {
  connectors::PageRequest page{"", kPageSize};
  for (int i = 0; i < kMaxPages; ++i) {
    UCF_ASSIGN_OR_RETURN(connectors::Page<T> got, list(page));
    std::vector<storage::SyncedRecord> records;
    records.reserve(got.items.size());
    for (const T& item : got.items) records.push_back(to_record(item));
    UCF_RETURN_IF_ERROR(sink(std::move(records)));
    if (!got.next || got.next->empty()) return absl::OkStatus();
    page.cursor = *got.next;
  }
  return absl::ResourceExhaustedError("the provider kept returning more pages; sync stopped");
}

core::TimePoint NextMillisecond(core::TimePoint t) {
  auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  return ms + std::chrono::milliseconds(1);
}

}  // namespace

boost::json::object SyncCounts::ToJson() const {
  return {{"fetched", fetched}, {"changed", changed}, {"unchanged", unchanged}, {"deleted", deleted}};
}

absl::StatusOr<int> SyncLevel(const connectors::ConnectorDescription& d, std::string_view model) {
  for (std::size_t i = 0; i < d.sync_models.size() && i < 3; ++i) {
    if (d.sync_models[i] == model) return static_cast<int>(i);
  }
  return core::InvalidField("model", d.sync_models.empty()
                                         ? core::StrCat(d.id, " has no sync models")
                                         : core::StrCat("must be one of ", core::Join(d.sync_models, ", ")));
}

absl::StatusOr<SyncCounts> SyncRunner::Run(const connections::ResolvedConnection& c, std::string_view model,
                                           const Checkpoint& checkpoint) const {
  UCF_ASSIGN_OR_RETURN(int level, SyncLevel(c.connector->Describe(), model));
  const connectors::Connector& connector = *c.connector;
  connectors::Session& api = *c.session;
  const std::string& tenant = c.connection.tenant_id;
  const std::string& connection = c.connection.id;
  // Records store seen_at in milliseconds. Start on a fresh millisecond so that everything an
  // earlier run saw is strictly before `started` and everything this run sees is at or after it.
  core::TimePoint started = NextMillisecond(clock_.Now());
  for (int i = 0; i < 5 && clock_.Now() < started; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  SyncCounts counts;
  int pages = 0;
  auto sink = [&](std::vector<storage::SyncedRecord> records) -> absl::Status {
    counts.fetched += static_cast<std::int64_t>(records.size());
    if (!records.empty()) {
      UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
        UCF_ASSIGN_OR_RETURN(auto result, s.records().UpsertBatch(tenant, connection, records));
        counts.changed += result.changed;
        counts.unchanged += result.unchanged;
        return absl::OkStatus();
      }));
    }
    ++pages;
    return checkpoint(std::min(99, pages * 5));
  };

  // The containers (level 0), also the parents of level 1.
  std::vector<connectors::Container> containers;
  auto container_sink = [&](std::vector<storage::SyncedRecord> records) -> absl::Status {
    return level == 0 ? sink(std::move(records)) : checkpoint(0);
  };
  UCF_RETURN_IF_ERROR(EachPage<connectors::Container>(
      [&](const connectors::PageRequest& p) { return connector.ListContainers(api, p); },
      [&](const connectors::Container& container) {
        containers.push_back(container);
        return Record(model, container.id, connectors::ContainerJson(container, false), std::nullopt);
      },
      container_sink));

  for (const connectors::Container& container : containers) {
    if (level == 0) break;
    connectors::ItemQuery query;
    query.container_id = container.id;
    std::vector<std::string> item_ids;
    UCF_RETURN_IF_ERROR(EachPage<connectors::Item>(
        [&](const connectors::PageRequest& p) {
          query.page = p;
          return connector.ListItems(api, query);
        },
        [&](const connectors::Item& item) {
          item_ids.push_back(item.id);
          return Record(model, item.id, connectors::ItemJson(item, false), item.meta.updated);
        },
        [&](std::vector<storage::SyncedRecord> records) {
          return level == 1 ? sink(std::move(records)) : checkpoint(std::min(99, pages * 5));
        }));
    for (const std::string& item_id : item_ids) {
      if (level != 2) break;
      UCF_RETURN_IF_ERROR(EachPage<connectors::Comment>(
          [&](const connectors::PageRequest& p) { return connector.ListComments(api, item_id, p); },
          [&](const connectors::Comment& comment) {
            boost::json::object data = connectors::CommentJson(comment, false);
            data["itemId"] = item_id;
            return Record(model, comment.id, std::move(data), comment.updated ? comment.updated : comment.created);
          },
          sink));
    }
  }

  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(counts.deleted, s.records().MarkUnseenDeleted(tenant, connection, model, started));
    return absl::OkStatus();
  }));
  return counts;
}

}  // namespace ucf::sync
