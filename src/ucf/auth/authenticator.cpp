#include "ucf/auth/authenticator.hpp"

#include "ucf/auth/api_key_codec.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::auth {
namespace {

absl::Status Denied() {
  return absl::UnauthenticatedError(
      "missing or invalid credentials: send Authorization: Bearer <api key>");
}

}  // namespace

Authenticator::Authenticator(storage::Database& db, std::string admin_token,
                             const core::Clock& clock, std::chrono::seconds cache_ttl)
    : db_(db), admin_token_(std::move(admin_token)), clock_(clock), cache_ttl_(cache_ttl) {}

absl::StatusOr<Principal> Authenticator::Authenticate(std::string_view header) {
  header = core::Trim(header);
  if (header.size() < 8 || !core::EqualsIgnoreCase(header.substr(0, 7), "Bearer ")) {
    return Denied();
  }
  std::string_view credential = core::Trim(header.substr(7));
  if (credential.empty()) return Denied();
  if (!admin_token_.empty() && ConstantTimeEquals(credential, admin_token_)) {
    return Principal{Principal::Kind::kAdmin, "", ""};
  }
  if (!ApiKeyPrefix(credential)) return Denied();
  std::string hash = HashApiKey(credential);
  core::TimePoint now = clock_.Now();
  bool touch = false;
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && now - it->second.validated_at < cache_ttl_) {
      if (now - it->second.touched_at < std::chrono::minutes(1)) return it->second.principal;
      it->second.touched_at = now;
      touch = true;
    }
  }
  if (touch) {
    Principal cached;
    {
      std::lock_guard lock(mu_);
      cached = cache_[hash].principal;
    }
    (void)db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
      return s.api_keys().TouchLastUsed(cached.key_id, now);
    });
    return cached;
  }
  return LookUp(credential, hash);
}

std::optional<std::string> Authenticator::CachedTenant(std::string_view header) {
  header = core::Trim(header);
  if (header.size() < 8 || !core::EqualsIgnoreCase(header.substr(0, 7), "Bearer ")) return std::nullopt;
  std::string_view credential = core::Trim(header.substr(7));
  if (!ApiKeyPrefix(credential)) return std::nullopt;
  std::string hash = HashApiKey(credential);
  std::lock_guard lock(mu_);
  auto it = cache_.find(hash);
  if (it == cache_.end()) return std::nullopt;
  return it->second.principal.tenant_id;
}

absl::StatusOr<Principal> Authenticator::LookUp(std::string_view key, const std::string& hash) {
  std::string prefix = *ApiKeyPrefix(key);
  core::TimePoint now = clock_.Now();
  Principal principal;
  bool valid = false;
  absl::Status status = db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
    auto record = s.api_keys().FindByPrefix(prefix);
    if (!record.ok()) return record.status().code() == absl::StatusCode::kNotFound
                                ? absl::OkStatus()
                                : record.status();
    if (record->revoked_at || !ConstantTimeEquals(record->key_hash, hash)) return absl::OkStatus();
    valid = true;
    principal = Principal{Principal::Kind::kTenantKey, record->tenant_id, record->id};
    return s.api_keys().TouchLastUsed(record->id, now);
  });
  if (!status.ok()) {
    return absl::UnavailableError("credential check failed: the database did not answer");
  }
  if (!valid) return Denied();
  std::lock_guard lock(mu_);
  cache_[hash] = CacheEntry{principal, now, now};
  return principal;
}

void Authenticator::Forget(std::string_view key_id) {
  std::lock_guard lock(mu_);
  std::erase_if(cache_, [&](const auto& e) { return e.second.principal.key_id == key_id; });
}

}  // namespace ucf::auth
