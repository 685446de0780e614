#include "ucf/crypto/key_ring.hpp"

#include <utility>

#include "absl/strings/str_cat.h"
#include "ucf/core/status_macros.hpp"

#include "ucf/core/strings.hpp"

namespace ucf::crypto {
absl::StatusOr<std::vector<Fernet>> ParseKeyList(std::string_view keys) {
  if (core::Trim(keys).empty()) return absl::InvalidArgumentError("no encryption keys given");
  std::vector<Fernet> parsed;
  for (int position = 1;; ++position) {
    const std::size_t comma = keys.find(',');
    absl::StatusOr<Fernet> key = Fernet::FromKey(core::Trim(keys.substr(0, comma)));
    if (!key.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "entry ", position, " is not a valid Fernet key (32 bytes, URL-safe base64)"));
    }
    parsed.push_back(*std::move(key));
    if (comma == std::string_view::npos) return parsed;
    keys.remove_prefix(comma + 1);
  }
}

absl::StatusOr<std::unique_ptr<KeyRing>> KeyRing::FromList(std::string_view keys,
                                                           const core::Clock& clock) {
  UCF_ASSIGN_OR_RETURN(std::vector<Fernet> parsed, ParseKeyList(keys));
  return std::unique_ptr<KeyRing>(new KeyRing(std::move(parsed), clock));
}

absl::StatusOr<std::string> KeyRing::Encrypt(std::string_view plaintext) const {
  return keys_.front().Encrypt(plaintext, clock_.Now());
}

absl::StatusOr<std::pair<const Fernet*, std::string>> KeyRing::Open(std::string_view token) const {
  const core::TimePoint now = clock_.Now();
  for (const Fernet& key : keys_) {
    absl::StatusOr<std::string> plaintext = key.Decrypt(token, now);
    if (plaintext.ok()) return std::make_pair(&key, *std::move(plaintext));
  }
  // Shape errors are the same under every key; report them as such (checked only on this failure
  // path, so a good token is decoded once).
  UCF_RETURN_IF_ERROR(Fernet::CheckFormat(token));
  return absl::InvalidArgumentError(
      "Fernet token is not sealed by any configured encryption key (or was altered)");
}

absl::StatusOr<std::string> KeyRing::Decrypt(std::string_view token) const {
  UCF_ASSIGN_OR_RETURN(auto opened, Open(token));
  return std::move(opened.second);
}

bool KeyRing::IsCurrent(std::string_view token) const {
  return keys_.front().Decrypt(token, clock_.Now()).ok();
}

absl::StatusOr<std::string> KeyRing::Reencrypt(std::string_view token) const {
  UCF_ASSIGN_OR_RETURN(auto opened, Open(token));
  UCF_ASSIGN_OR_RETURN(core::TimePoint stamped, opened.first->ExtractTimestamp(token));
  return keys_.front().Encrypt(opened.second, stamped);
}

std::vector<std::string> KeyRing::DeriveKeys(std::string_view label) const {
  std::vector<std::string> out;
  out.reserve(keys_.size());
  for (const Fernet& key : keys_) out.push_back(key.DeriveKey(label));
  return out;
}

}  // namespace ucf::crypto
