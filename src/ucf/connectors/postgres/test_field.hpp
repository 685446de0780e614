#pragma once
// Test helper for this module's suites: the details.field an error names ("" when none).

#include <string>

#include "absl/status/status.h"
#include "ucf/core/error_details.hpp"

namespace ucf::connectors::postgres {

inline std::string FieldOf(const absl::Status& status) {
  auto details = core::GetDetails(status);
  if (!details || !details->contains("field") || !details->at("field").is_string()) return "";
  return std::string(details->at("field").get_string());
}

}  // namespace ucf::connectors::postgres
