#pragma once

#include <string>
#include <vector>

#include "ucf/storage/event_store.hpp"
#include "ucf/storage/sql/store_context.hpp"

namespace ucf::storage::sql {

class SqlEventStore final : public EventStore {
 public:
  explicit SqlEventStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<std::int64_t> Append(std::string_view tenant_id, std::string_view type, std::string_view job_id,
                                      const boost::json::object& data) override;
  absl::StatusOr<std::vector<EventRecord>> ListAfter(std::string_view tenant_id, std::int64_t after,
                                                     std::optional<std::string_view> job_id, int limit) override;
  absl::StatusOr<std::int64_t> LastId(std::string_view tenant_id) override;

  // The tenants this transaction appended to (each once, in first-append order): told to the
  // database's events hook after a successful commit.
  const std::vector<std::string>& appended() const { return appended_; }

 private:
  StoreContext ctx_;
  std::vector<std::string> appended_;
};

}  // namespace ucf::storage::sql
