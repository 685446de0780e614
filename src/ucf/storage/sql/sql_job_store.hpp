#pragma once

#include "ucf/storage/job_store.hpp"
#include "ucf/storage/sql/store_context.hpp"

namespace ucf::storage::sql {

class SqlJobStore final : public JobStore {
 public:
  explicit SqlJobStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<JobRecord> Create(const JobRecord& job) override;
  absl::StatusOr<std::int64_t> CountQueued(std::string_view tenant_id) override;
  absl::StatusOr<JobRecord> Get(std::string_view tenant_id, std::string_view id) override;
  absl::StatusOr<Page<JobRecord>> List(std::string_view tenant_id, const JobFilter& filter,
                                       std::string_view cursor, int limit) override;
  absl::StatusOr<std::optional<JobRecord>> ClaimNext(std::string_view worker_id,
                                                     core::TimePoint now,
                                                     std::chrono::milliseconds lease) override;
  absl::StatusOr<JobRecord> Heartbeat(std::string_view tenant_id, std::string_view id,
                                      std::string_view worker_id, core::TimePoint now,
                                      std::chrono::milliseconds lease) override;
  absl::StatusOr<JobRecord> Update(std::string_view tenant_id, std::string_view id,
                                   const JobUpdate& update) override;
  absl::StatusOr<JobRecord> RequestCancel(std::string_view tenant_id, std::string_view id) override;

 private:
  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
