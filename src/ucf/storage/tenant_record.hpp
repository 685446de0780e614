#pragma once

#include <string>

#include "ucf/core/clock.hpp"

namespace ucf::storage {

// A row of `tenants`. `id` is the slug chosen by the admin.
struct TenantRecord {
  std::string id;
  std::string name;
  core::TimePoint created_at;
};

}  // namespace ucf::storage
