#pragma once
// Status propagation macros (the Abseil status_macros idea; the Debian Abseil predates them).
//
//   UCF_RETURN_IF_ERROR(DoThing());
//   UCF_ASSIGN_OR_RETURN(auto value, ComputeValue());

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define UCF_STATUS_CONCAT_INNER(a, b) a##b
#define UCF_STATUS_CONCAT(a, b) UCF_STATUS_CONCAT_INNER(a, b)

#define UCF_RETURN_IF_ERROR(expr)                 \
  do {                                            \
    ::absl::Status ucf_status_ = (expr);          \
    if (!ucf_status_.ok()) return ucf_status_;    \
  } while (false)

#define UCF_ASSIGN_OR_RETURN(lhs, expr) \
  UCF_ASSIGN_OR_RETURN_IMPL(UCF_STATUS_CONCAT(ucf_statusor_, __LINE__), lhs, expr)

#define UCF_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).status();  \
  lhs = std::move(tmp).value()
