#include "ucf/crypto/key_source.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "ucf/core/status_macros.hpp"
#include "ucf/crypto/fernet.hpp"
#include "ucf/crypto/key_ring.hpp"

#include "ucf/core/strings.hpp"

namespace ucf::crypto {
namespace {

absl::Status IoError(const char* what, const std::filesystem::path& path, int err) {
  return absl::FailedPreconditionError(
      absl::StrCat("cannot ", what, " ", path.string(), ": ", std::strerror(err)));
}

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

absl::Status WriteAll(int fd, std::string_view data, const std::filesystem::path& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("write", path, errno);
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return absl::OkStatus();
}

// The validated key list in `path`, or nullopt when the file does not exist. Sets `warning` (if
// not null) when the file is open to other users.
absl::StatusOr<std::optional<std::string>> ReadKeyFile(const std::filesystem::path& path,
                                                       std::string* warning) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    return IoError("open", path, errno);
  }
  std::string contents;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("read", path, errno);
    if (n == 0) break;
    contents.append(buf, static_cast<std::size_t>(n));
  }
  const std::string keys(core::Trim(contents));
  if (absl::Status valid = ParseKeyList(keys).status(); !valid.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path.string(), ": ", valid.message()));
  }
  struct stat st;
  if (warning != nullptr && ::fstat(fd.get(), &st) == 0 && (st.st_mode & 077) != 0) {
    *warning = absl::StrCat("the encryption key file ", path.string(),
                            " is readable by other users; restrict it with chmod 600");
  }
  return keys;
}

// Writes `key` to a private temp file beside `path` and links it into place. Returns the key now
// in `path`: ours, or another process's if that one won a concurrent first start.
absl::StatusOr<std::string> PublishKeyFile(const std::filesystem::path& path,
                                           const std::string& key) {
  std::string tmp = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
  {
    // mkostemp creates the file O_EXCL with mode 0600: private from the moment it exists.
    Fd fd(::mkostemp(tmp.data(), O_CLOEXEC));
    if (fd.get() < 0) return IoError("create a temporary file in", path.parent_path(), errno);
    absl::Status written = WriteAll(fd.get(), key + "\n", tmp);
    if (written.ok() && ::fsync(fd.get()) != 0) written = IoError("write", tmp, errno);
    if (!written.ok()) {
      ::unlink(tmp.c_str());
      return written;
    }
  }
  // link() never replaces an existing file, unlike rename().
  int err = ::link(tmp.c_str(), path.c_str()) == 0 ? 0 : errno;
  if (err == EPERM || err == EOPNOTSUPP) {
    // A file system without hard links: rename is still atomic, but may replace a racing file.
    err = ::rename(tmp.c_str(), path.c_str()) == 0 ? 0 : errno;
  }
  ::unlink(tmp.c_str());
  if (err == EEXIST) {
    UCF_ASSIGN_OR_RETURN(std::optional<std::string> theirs, ReadKeyFile(path, nullptr));
    if (theirs.has_value()) return *std::move(theirs);
  }
  if (err != 0) return IoError("create", path, err);

  Fd dir(::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());  // best effort: durability of the new name
  return key;
}

}  // namespace

absl::StatusOr<std::string> ResolveEncryptionKeys(std::string_view configured,
                                                  const std::filesystem::path& data_dir,
                                                  bool production, std::string* warning) {
  if (warning != nullptr) warning->clear();
  const std::string_view keys = core::Trim(configured);
  if (!keys.empty()) {
    if (absl::Status valid = ParseKeyList(keys).status(); !valid.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("ENCRYPTION_KEY: ", valid.message()));
    }
    return std::string(keys);
  }
  if (production) {
    return absl::FailedPreconditionError("ENCRYPTION_KEY is required when UCF_ENV=production");
  }

  const std::filesystem::path path = data_dir / kDevKeyFileName;
  UCF_ASSIGN_OR_RETURN(std::optional<std::string> existing, ReadKeyFile(path, warning));
  if (existing.has_value()) return *std::move(existing);

  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create directory ", data_dir.string(), ": ", ec.message()));
  }
  UCF_ASSIGN_OR_RETURN(std::string key, PublishKeyFile(path, Fernet::GenerateKey()));
  if (warning != nullptr) {
    *warning = absl::StrCat(
        "ENCRYPTION_KEY is not set: generated a development encryption key in ", path.string(),
        "; keep that file (stored secrets cannot be decrypted without it) and set ENCRYPTION_KEY "
        "in production");
  }
  return key;
}

}  // namespace ucf::crypto
