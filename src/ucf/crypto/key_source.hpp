#pragma once
// Where the encryption keys come from: ENCRYPTION_KEY, or in development a key file that is
// generated on first start.

#include <filesystem>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ucf::crypto {

// The development key file's name inside the data directory.
inline constexpr std::string_view kDevKeyFileName = "encryption.key";

// Returns the comma-separated key list (the KeyRing::FromList input) to use:
//  - `configured` (ENCRYPTION_KEY) non-blank: every entry is validated and the list is returned
//    with surrounding whitespace removed. InvalidArgument
//    "ENCRYPTION_KEY: entry N is not a valid Fernet key (32 bytes, URL-safe base64)".
//  - blank and `production`: FailedPrecondition
//    "ENCRYPTION_KEY is required when UCF_ENV=production".
//  - blank in development: the contents of `<data_dir>/encryption.key` (validated the same way;
//    InvalidArgument naming the file), or, when that file does not exist, a newly generated key
//    written there. The file is created with mode 0600 from the start and published atomically
//    (a temp file linked into place, so it is never partial and a concurrent first start never
//    overwrites another's key: the loser returns the winner's key); `data_dir` is created if
//    missing. I/O failures are FailedPrecondition naming the path.
// `warning` (may be null) is cleared, then set to an operator-facing sentence when a key was
// generated or the key file is readable by other users. No message ever contains key material.
absl::StatusOr<std::string> ResolveEncryptionKeys(std::string_view configured,
                                                  const std::filesystem::path& data_dir,
                                                  bool production, std::string* warning);

}  // namespace ucf::crypto
