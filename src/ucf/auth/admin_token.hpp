#pragma once
// The admin token: UCF_ADMIN_TOKEN when set, otherwise one generated at first start and kept in
// <data_dir>/admin.token (mode 0600), so restarts keep it.

#include <filesystem>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ucf::auth {

inline constexpr std::string_view kAdminTokenFile = "admin.token";

struct AdminToken {
  std::string token;
  bool generated = false;  // true when this call created the file (print it once)
};

// InvalidArgument when `configured` is shorter than 16 characters; FailedPrecondition when the
// file cannot be read or written.
absl::StatusOr<AdminToken> ResolveAdminToken(std::string_view configured,
                                             const std::filesystem::path& data_dir);

}  // namespace ucf::auth
