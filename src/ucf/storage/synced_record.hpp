#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::storage {

// A row of `records`: one provider object copied by sync, unique by
// (tenant_id, connection_id, model, external_id). `seq` grows with every real change of any record
// of the connection (insert, changed hash, deletion, revival), which makes it the change-feed
// cursor.
struct SyncedRecord {
  std::string tenant_id;
  std::string connection_id;
  std::string model;
  std::string external_id;
  boost::json::object data;  // reads always set it; to write, set it or `data_json`
  // `data` serialised, for writing without a DOM: when not empty, RecordStore::UpsertBatch stores
  // these bytes as they are (a JSON object's text, typically the bytes that were hashed) and
  // ignores `data`. Reads leave it empty.
  std::string data_json;
  std::string hash;  // of the serialised data, computed by the caller; equal hash = unchanged
  std::optional<core::TimePoint> updated_at;  // the provider's modification time
  core::TimePoint seen_at;                    // when sync last saw it
  bool deleted = false;
  std::int64_t seq = 0;
};

}  // namespace ucf::storage
