#include "ucf/auth/admin_token.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "ucf/core/ids.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::auth {

absl::StatusOr<AdminToken> ResolveAdminToken(std::string_view configured,
                                             const std::filesystem::path& data_dir) {
  if (!configured.empty()) {
    if (configured.size() < 16) {
      return absl::InvalidArgumentError("UCF_ADMIN_TOKEN: must be at least 16 characters");
    }
    return AdminToken{std::string(configured), false};
  }
  std::filesystem::path path = data_dir / kAdminTokenFile;
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (std::ifstream in(path); in) {
    std::stringstream ss;
    ss << in.rdbuf();
    std::string token(core::Trim(ss.str()));
    if (token.size() >= 16) return AdminToken{token, false};
  }
  std::string token = core::StrCat("ucfadm_", core::RandomToken(32));
  std::string tmp = path.string() + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(core::StrCat("cannot write ", path.string()));
  }
  std::string line = token + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::FailedPreconditionError(core::StrCat("cannot write ", path.string()));
  }
  return AdminToken{token, true};
}

}  // namespace ucf::auth
