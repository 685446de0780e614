#include "ucf/sync/sync_runner.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "boost/json/serialize.hpp"
#include "ucf/connectors/resource_json.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/jitter.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/crypto/hmac.hpp"
#include "ucf/sync/ahead_worker.hpp"
#include "ucf/sync/page_pipe.hpp"
#include "ucf/sync/sync_marker.hpp"

namespace ucf::sync {
namespace {

using connectors::Comment;
using connectors::Container;
using connectors::Item;
using connectors::PageRequest;
using storage::SyncedRecord;

constexpr int kPageSize = 100;
constexpr int kMaxPages = 100'000;  // a runaway provider cursor cannot loop forever
// Pages fetched ahead of the store at most, and pages one transaction stores at most.
constexpr std::size_t kBatchPages = 4;
constexpr std::chrono::milliseconds kWaitSlice{250};

// The record of one provider object from its serialised data (hashed, and stored as is: no DOM).
SyncedRecord Record(std::string_view model, std::string id, std::string data_json,
                    const std::optional<std::string>& updated) {
  SyncedRecord r;
  r.model = std::string(model);
  r.external_id = std::move(id);
  r.hash = core::HexEncode(crypto::Sha256(data_json));
  r.data_json = std::move(data_json);
  if (updated) {
    if (auto t = core::ParseRfc3339(*updated); t.ok()) r.updated_at = *t;
  }
  return r;
}

SyncedRecord Record(std::string_view model, std::string id, const boost::json::object& data,
                    const std::optional<std::string>& updated) {
  return Record(model, std::move(id), boost::json::serialize(data), updated);
}

core::TimePoint NextMillisecond(core::TimePoint t) {
  auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  return ms + std::chrono::milliseconds(1);
}

// The newest provider change among `items`, if any carries one.
std::optional<core::TimePoint> NewestChange(const std::vector<Item>& items) {
  std::optional<core::TimePoint> newest;
  for (const Item& item : items) {
    if (!item.meta.updated) continue;
    auto t = core::ParseRfc3339(*item.meta.updated);
    if (t.ok() && (!newest || *newest < *t)) newest = *t;
  }
  return newest;
}

// The newest provider change among `records` (their updated_at, parsed from the items' `updated`),
// if any carries one.
std::optional<core::TimePoint> NewestChange(const std::vector<SyncedRecord>& records) {
  std::optional<core::TimePoint> newest;
  for (const SyncedRecord& r : records) {
    if (r.updated_at && (!newest || *newest < *r.updated_at)) newest = r.updated_at;
  }
  return newest;
}

// One run of SyncRunner::Run: its request, state and counts.
class SyncRun {
 public:
  SyncRun(storage::Database& db, const core::Clock& clock, const RetryPolicy& retry,
      const connections::ResolvedConnection& c, const SyncRequest& request, const Checkpoint& checkpoint)
      : db_(db), clock_(clock), retry_(retry), c_(c), request_(request), checkpoint_(checkpoint),
        tenant_(c.connection.tenant_id), connection_(c.connection.id) {}

  absl::StatusOr<SyncCounts> Go() {
    const connectors::ConnectorDescription& d = c_.connector->Describe();
    UCF_ASSIGN_OR_RETURN(level_, SyncLevel(d, request_.model));
    if (level_ >= 1) marked_ = d.ChangeMarkerOf(d.sync_models[1]) != nullptr;
    // Comments with a marker of their own are listed per container, changed since it.
    changed_comments_ = level_ == 2 && d.ChangeMarkerOf(d.sync_models[2]) != nullptr;
    marked_ = marked_ || changed_comments_;
    counts_.full = request_.full;
    UCF_RETURN_IF_ERROR(LoadMarker());

    std::vector<Container> containers;
    UCF_RETURN_IF_ERROR(EachPage<Container>(
        [&](const PageRequest& p) { return c_.connector->ListContainers(*c_.session, p); },
        [&](std::vector<Container> page) -> absl::Status {
          std::vector<SyncedRecord> records;
          for (Container& container : page) {
            if (!Chosen(container.id)) continue;
            if (level_ == 0) records.push_back(Record(request_.model, container.id, connectors::ContainerJson(container, false), std::nullopt));
            containers.push_back(std::move(container));
          }
          if (level_ == 0) return Commit(std::move(records), "", std::nullopt);
          return checkpoint_(counts_);
        },
        /*prefetch=*/true));
    UCF_RETURN_IF_ERROR(CheckChosenListed(containers));
    for (const Container& container : containers) {
      if (level_ == 0) break;
      UCF_RETURN_IF_ERROR(changed_comments_ ? SyncChangedComments(container.id) : SyncContainer(container.id));
    }
    if (request_.full) UCF_RETURN_IF_ERROR(FinishFullRun());
    return counts_;
  }

 private:
  // Whether the run covers `container` (every one when the request chose none).
  bool Chosen(std::string_view container) const {
    return request_.containers.empty() ||
           std::find(request_.containers.begin(), request_.containers.end(), container) != request_.containers.end();
  }

  // A chosen container the provider no longer lists fails the run before anything below the
  // containers is read (checked when the sync was requested; gone since).
  absl::Status CheckChosenListed(const std::vector<Container>& listed) const {
    for (const std::string& chosen : request_.containers) {
      bool found = std::any_of(listed.begin(), listed.end(), [&](const Container& c) { return c.id == chosen; });
      if (!found) {
        return core::WithDetails(absl::NotFoundError(core::StrCat("container ", chosen, " is no longer listed by ",
                                                                  c_.connector->Describe().id)),
                                 {{"field", "containers"}});
      }
    }
    return absl::OkStatus();
  }

  // Reads the marker state; a full run either resumes its own checkpoint or starts a new one.
  absl::Status LoadMarker() {
    std::optional<std::string> text;
    UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
      auto got = s.sync_states().Get(tenant_, connection_, MarkerStateKey(request_.model));
      if (got.ok()) text = got->cursor;
      else if (!absl::IsNotFound(got.status())) return got.status();
      return absl::OkStatus();
    }));
    marker_ = ParseSyncMarker(text.value_or(""));
    if (!request_.full) return absl::OkStatus();
    if (marker_.full && marker_.full->job_id == request_.job_id && !request_.job_id.empty()) {
      counts_.resumed = true;
      return absl::OkStatus();
    }
    // Records store seen_at in milliseconds. Start on a fresh millisecond so that everything an
    // earlier run saw is strictly before `started` and everything this run sees is at or after it.
    core::TimePoint started = NextMillisecond(clock_.Now());
    for (int i = 0; i < 5 && clock_.Now() < started; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    marker_.full = SyncMarker::FullRun{request_.job_id, started, {}};
    if (!marked_) return absl::OkStatus();
    return db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) { return PutMarker(s); });
  }

  absl::Status PutMarker(storage::Session& s) {
    storage::SyncStateRecord state;
    state.tenant_id = tenant_;
    state.connection_id = connection_;
    state.model = MarkerStateKey(request_.model);
    state.cursor = SerializeSyncMarker(marker_);
    return s.sync_states().Put(state).status();
  }

  // Where this run reads and advances the "changed since" of each container.
  ContainerMarkers& RunMarkers() { return request_.full ? marker_.full->markers : marker_.markers; }

  std::optional<core::TimePoint> SinceOf(std::string_view container) {
    if (!marked_) return std::nullopt;
    auto it = RunMarkers().find(container);
    return it == RunMarkers().end() ? core::TimePoint{} : it->second;
  }

  // Stores one page's records and, when the page carries a newer change, the advanced marker of
  // `container`, in one transaction; then reports progress.
  absl::Status Commit(std::vector<SyncedRecord> records, std::string_view container,
                      std::optional<core::TimePoint> newest) {
    const bool advance = marked_ && newest.has_value();
    if (!records.empty() || advance) {
      if (advance) {
        Advance(marker_.markers, container, *newest);
        if (request_.full) Advance(marker_.full->markers, container, *newest);
      }
      UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
        if (!records.empty()) {
          UCF_ASSIGN_OR_RETURN(auto result, s.records().UpsertBatch(tenant_, connection_, records));
          pending_changed_ = result.changed;
          pending_unchanged_ = result.unchanged;
        }
        return advance ? PutMarker(s) : absl::OkStatus();
      }));
      counts_.changed += std::exchange(pending_changed_, 0);
      counts_.unchanged += std::exchange(pending_unchanged_, 0);
    }
    return checkpoint_(counts_);
  }

  absl::Status SyncContainer(const std::string& container) {
    connectors::ItemQuery query;
    query.container_id = container;
    query.changed_since = SinceOf(container);
    if (level_ == 1) return SyncItems(container, query);
    return EachPage<Item>(
        [&](const PageRequest& p) {
          query.page = p;
          return c_.connector->ListItems(*c_.session, query);
        },
        [&](std::vector<Item> items) -> absl::Status {
          for (const Item& item : items) UCF_RETURN_IF_ERROR(SyncComments(item.id));
          return Commit({}, container, NewestChange(items));  // the items' comments are stored: move past them
        },
        /*prefetch=*/false);  // comments are listed inside the sink
  }

  // The items of `container` as records. Each page's items become records on the thread that
  // fetched them (the helper thread when prefetching), so mapping, serialising and hashing a page
  // overlap with storing the previous one.
  absl::Status SyncItems(const std::string& container, const connectors::ItemQuery& query) {
    auto list = [&](const PageRequest& p) -> absl::StatusOr<connectors::Page<SyncedRecord>> {
      connectors::ItemQuery q = query;
      q.page = p;
      UCF_ASSIGN_OR_RETURN(connectors::Page<Item> items, c_.connector->ListItems(*c_.session, q));
      connectors::Page<SyncedRecord> out;
      out.next = std::move(items.next);
      out.items.reserve(items.items.size());
      for (const Item& item : items.items) {
        out.items.push_back(Record(request_.model, item.id, connectors::ItemJsonText(item), item.meta.updated));
      }
      return out;
    };
    return EachPage<SyncedRecord>(
        list,
        [&](std::vector<SyncedRecord> records) -> absl::Status {
          std::optional<core::TimePoint> newest = NewestChange(records);
          return Commit(std::move(records), container, newest);
        },
        /*prefetch=*/true);
  }

  // The comments of `container` changed since its marker, oldest change first; the marker
  // advances with each committed page.
  absl::Status SyncChangedComments(const std::string& container) {
    core::TimePoint since = SinceOf(container).value_or(core::TimePoint{});
    return EachPage<Comment>(
        [&](const PageRequest& p) { return c_.connector->ListChangedComments(*c_.session, container, since, p); },
        [&](std::vector<Comment> comments) -> absl::Status {
          std::vector<SyncedRecord> records;
          records.reserve(comments.size());
          std::optional<core::TimePoint> newest;
          for (Comment& comment : comments) {
            const std::optional<std::string>& changed = comment.updated ? comment.updated : comment.created;
            if (changed) {
              if (auto t = core::ParseRfc3339(*changed); t.ok() && (!newest || *newest < *t)) newest = *t;
            }
            records.push_back(CommentRecord(comment, comment.item_id.value_or("")));
          }
          return Commit(std::move(records), container, newest);
        });
  }

  SyncedRecord CommentRecord(const Comment& comment, const std::string& item_id) const {
    boost::json::object data = connectors::CommentJson(comment, false);
    data["itemId"] = item_id;
    return Record(request_.model, comment.id, data, comment.updated ? comment.updated : comment.created);
  }

  absl::Status SyncComments(const std::string& item_id) {
    return EachPage<Comment>(
        [&](const PageRequest& p) { return c_.connector->ListComments(*c_.session, item_id, p); },
        [&](std::vector<Comment> comments) -> absl::Status {
          std::vector<SyncedRecord> records;
          records.reserve(comments.size());
          for (const Comment& comment : comments) records.push_back(CommentRecord(comment, item_id));
          return Commit(std::move(records), "", std::nullopt);
        },
        /*prefetch=*/true);
  }

  absl::Status FinishFullRun() {
    core::TimePoint started = marker_.full->started_at;
    marker_.full.reset();
    return db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
      // A run over chosen containers saw only part of the model: it cannot tell what was deleted.
      if (request_.containers.empty()) {
        UCF_ASSIGN_OR_RETURN(counts_.deleted, s.records().MarkUnseenDeleted(tenant_, connection_, request_.model, started));
      }
      return marked_ ? PutMarker(s) : absl::OkStatus();
    });
  }

  // Walks every page of one listing, handing the objects to `sink`; every provider call is retried
  // after a back-off while retryable. With `prefetch`, the pages after the first are requested on
  // the run's helper thread (AheadWorker, one long-lived thread per run), which keeps fetching
  // into a bounded PagePipe while `sink` stores what came before, so fetching and writing overlap;
  // `sink` then gets every page queued by then (up to kBatchPages, in order, as one vector): when
  // the store is the slower side, one transaction writes several pages. Only for sinks that make
  // no provider call themselves, so the connector session is never used by two threads at once. A
  // listing inside the sink of a prefetching one does not prefetch (the helper is busy). Retries
  // and back-off stay on the calling thread.
  template <typename T, typename List, typename Sink>
  absl::Status EachPage(List list, Sink sink, bool prefetch = false) {
    PageRequest page{"", kPageSize};
    UCF_ASSIGN_OR_RETURN(connectors::Page<T> got, Retrying<connectors::Page<T>>([&] { return list(page); }));
    int pages = 0;
    if (!prefetch || (ahead_ && ahead_->pending())) {  // one page at a time, on this thread
      for (;;) {
        UCF_RETURN_IF_ERROR(CountPage(got, pages));
        std::optional<std::string> next = NextCursor(got);
        UCF_RETURN_IF_ERROR(sink(std::move(got.items)));
        if (!next) return absl::OkStatus();
        page.cursor = std::move(*next);
        UCF_ASSIGN_OR_RETURN(got, Retrying<connectors::Page<T>>([&] { return list(page); }));
      }
    }
    if (!ahead_) ahead_.emplace();
    struct Fetched {
      std::string cursor;
      absl::StatusOr<connectors::Page<T>> result;
    };
    for (;;) {  // `got` is in hand; the pages after it come through a pipe until one fails
      UCF_RETURN_IF_ERROR(CountPage(got, pages));
      std::optional<std::string> next = NextCursor(got);
      if (!next) return sink(std::move(got.items));
      PagePipe<Fetched> pipe(kBatchPages);
      ahead_->Start([&pipe, &list, cursor = std::move(*next)]() mutable {
        for (;;) {
          auto result = list(PageRequest{cursor, kPageSize});
          std::optional<std::string> after = result.ok() ? NextCursor(*result) : std::nullopt;
          if (!pipe.Push(Fetched{cursor, std::move(result)})) return;  // the consumer stopped
          if (!after) break;  // the last page, or a failed fetch
          cursor = std::move(*after);
        }
        pipe.Finish();
      });
      std::optional<Fetched> failed;
      std::vector<T> batch = std::move(got.items);
      bool have = true;  // `batch` holds pages not yet stored (maybe without objects)
      absl::Status status = absl::OkStatus();
      while (status.ok() && !failed) {
        // The page in hand is stored alone (the helper has only just started); after it, every
        // page queued by then, at least one, at most kBatchPages.
        std::vector<Fetched> taken = have ? std::vector<Fetched>{} : pipe.Take(kBatchPages);
        if (taken.empty() && !have) break;  // the listing ended and everything is stored
        for (Fetched& f : taken) {
          if (!f.result.ok()) {
            failed = std::move(f);  // the producer stopped at it
            break;
          }
          status = CountPage(*f.result, pages);
          if (!status.ok()) break;
          std::move(f.result->items.begin(), f.result->items.end(), std::back_inserter(batch));
          have = true;
        }
        if (status.ok() && have) status = sink(std::exchange(batch, {}));
        have = false;
      }
      pipe.Close();
      ahead_->Wait();  // before `pipe` or `list` can go out of scope
      UCF_RETURN_IF_ERROR(status);
      if (!failed) return absl::OkStatus();
      // The failed fetch was the first attempt at its page; the rest is retried here.
      page.cursor = std::move(failed->cursor);
      if (!IsRetryable(failed->result.status()) || retry_.attempts <= 1) return failed->result.status();
      ++counts_.retries;
      UCF_RETURN_IF_ERROR(Wait(BackoffDelay(retry_, 0, core::JitterUnit())));
      UCF_ASSIGN_OR_RETURN(got, Retrying<connectors::Page<T>>([&] { return list(page); }, 1));
    }
  }

  // Counts a page read by a listing; ResourceExhausted once a listing passes kMaxPages.
  template <typename T>
  absl::Status CountPage(const connectors::Page<T>& p, int& pages) {
    if (++pages > kMaxPages) return absl::ResourceExhaustedError("the provider kept returning more pages; sync stopped");
    ++counts_.pages;
    counts_.fetched += static_cast<std::int64_t>(p.items.size());
    return absl::OkStatus();
  }

  template <typename T>
  static std::optional<std::string> NextCursor(const connectors::Page<T>& p) {
    if (!p.next || p.next->empty()) return std::nullopt;
    return *p.next;
  }

  // `first_attempt` > 0 when earlier attempts were made elsewhere (a failed prefetch).
  template <typename T, typename Call>
  absl::StatusOr<T> Retrying(Call call, int first_attempt = 0) {
    for (int attempt = first_attempt;; ++attempt) {
      absl::StatusOr<T> got = call();
      if (got.ok() || !IsRetryable(got.status()) || attempt + 1 >= retry_.attempts) return got;
      ++counts_.retries;
      UCF_RETURN_IF_ERROR(Wait(BackoffDelay(retry_, attempt, core::JitterUnit())));
    }
  }

  // Sleeps `delay`, reporting progress every slice so that a cancel or stop is noticed.
  absl::Status Wait(std::chrono::milliseconds delay) {
    auto until = std::chrono::steady_clock::now() + delay;
    while (std::chrono::steady_clock::now() < until) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      std::this_thread::sleep_for(std::min(left, kWaitSlice));
      UCF_RETURN_IF_ERROR(checkpoint_(counts_));
    }
    return absl::OkStatus();
  }

  storage::Database& db_;
  const core::Clock& clock_;
  const RetryPolicy& retry_;
  const connections::ResolvedConnection& c_;
  const SyncRequest& request_;
  const Checkpoint& checkpoint_;
  const std::string& tenant_;
  const std::string& connection_;
  int level_ = 0;
  bool marked_ = false;  // the item model (or, for comments, the comment model) declares a change marker
  bool changed_comments_ = false;  // comments listed per container by their own marker
  SyncMarker marker_;
  SyncCounts counts_;
  std::int64_t pending_changed_ = 0;
  std::int64_t pending_unchanged_ = 0;
  std::optional<AheadWorker> ahead_;  // the prefetch thread, started by the first prefetching listing
};

}  // namespace

boost::json::object SyncCounts::ToJson() const {
  return {{"pages", pages},     {"fetched", fetched}, {"changed", changed}, {"unchanged", unchanged},
          {"deleted", deleted}, {"retries", retries}, {"full", full},       {"resumed", resumed}};
}

absl::StatusOr<int> SyncLevel(const connectors::ConnectorDescription& d, std::string_view model) {
  for (std::size_t i = 0; i < d.sync_models.size() && i < 3; ++i) {
    if (d.sync_models[i] == model) return static_cast<int>(i);
  }
  return core::InvalidField("model", d.sync_models.empty()
                                         ? core::StrCat(d.id, " has no sync models")
                                         : core::StrCat("must be one of ", core::Join(d.sync_models, ", ")));
}

absl::StatusOr<std::string> ChooseModel(const connectors::ConnectorDescription& d, std::string_view model) {
  std::string chosen(model);
  if (chosen.empty() && !d.sync_models.empty()) chosen = d.sync_models[std::min<std::size_t>(1, d.sync_models.size() - 1)];
  UCF_RETURN_IF_ERROR(SyncLevel(d, chosen).status());
  return chosen;
}

absl::StatusOr<SyncCounts> SyncRunner::Run(const connections::ResolvedConnection& c, const SyncRequest& request,
                                           const Checkpoint& checkpoint) const {
  return SyncRun(db_, clock_, retry_, c, request, checkpoint).Go();
}

}  // namespace ucf::sync
