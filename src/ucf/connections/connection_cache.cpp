#include "ucf/connections/connection_cache.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connections {

ConnectionCache::ConnectionCache(storage::Database& db, const core::Clock& clock, ConnectionCacheOptions options)
    : db_(db), clock_(clock), options_(options) {}

std::string ConnectionCache::Key(std::string_view tenant_id, std::string_view connection_id) {
  // Ids never contain a newline (they are checked identifiers), so the pair is unambiguous.
  return core::StrCat(tenant_id, "\n", connection_id);
}

ConnectionCache::Row ConnectionCache::Peek(std::string_view tenant_id, std::string_view connection_id,
                                           std::chrono::milliseconds min_left) {
  std::string key = Key(tenant_id, connection_id);
  core::TimePoint now = clock_.Now();
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  // A clock that stepped back counts as stale too.
  if (now < it->second.read_at || now - it->second.read_at + min_left >= options_.ttl) return nullptr;
  return it->second.row;
}

absl::StatusOr<ConnectionCache::Row> ConnectionCache::Get(std::string_view tenant_id,
                                                          std::string_view connection_id) {
  std::string key = Key(tenant_id, connection_id);
  core::TimePoint now = clock_.Now();
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && now >= it->second.read_at && now - it->second.read_at < options_.ttl) {
      ++stats_.hits;
      return it->second.row;
    }
    ++stats_.misses;
    generation = generation_;
  }
  auto row = std::make_shared<storage::ConnectionRecord>();
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(*row, s.connections().Get(tenant_id, connection_id));
    return absl::OkStatus();
  }));
  std::lock_guard lock(mu_);
  if (generation == generation_) {  // no write of this instance committed since the read began
    if (entries_.size() >= options_.max_entries && entries_.find(key) == entries_.end()) {
      std::erase_if(entries_, [&](const auto& e) { return now - e.second.read_at >= options_.ttl; });
      if (entries_.size() >= options_.max_entries) entries_.clear();
    }
    entries_[key] = Entry{row, now};
  }
  return Row(std::move(row));
}

void ConnectionCache::InvalidateAll() {
  std::lock_guard lock(mu_);
  ++generation_;
  entries_.clear();
}

ConnectionCache::Stats ConnectionCache::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

}  // namespace ucf::connections
