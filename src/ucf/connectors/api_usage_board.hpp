#pragma once
// ApiUsageBoard: the provider API allowance each connection last reported (Salesforce's
// Sforce-Limit-Info "api-usage=25/5000"), as this process saw it on the connection's latest
// provider answer. Connectors write it; the connection API shows it as metadata.apiUsage of
// GET /api/connections/{id}. In memory only (not persisted, per process): it is a reading of the
// provider's counter, refreshed by the next call. Bounded: at most `capacity` connections, the
// least recently written forgotten first. Thread-safe.

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "boost/json/object.hpp"

namespace ucf::connectors {

class ApiUsageBoard {
 public:
  explicit ApiUsageBoard(std::size_t capacity = 10'000) : capacity_(capacity) {}

  // Stores `usage` (e.g. {"used":25,"max":5000,"source":"Sforce-Limit-Info","at":"…"}) for the
  // connection; an empty connection id (credentials not saved yet) is ignored.
  void Record(std::string_view connection_id, boost::json::object usage);
  std::optional<boost::json::object> Get(std::string_view connection_id) const;

 private:
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::list<std::string> order_;  // most recent first
  std::unordered_map<std::string, std::pair<boost::json::object, std::list<std::string>::iterator>> by_id_;
};

}  // namespace ucf::connectors
