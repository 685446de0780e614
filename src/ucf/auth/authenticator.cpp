#include "ucf/auth/authenticator.hpp"

#include "ucf/auth/api_key_codec.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::auth {
absl::Status Denied() {
  return absl::UnauthenticatedError(
      "missing or invalid credentials: send Authorization: Bearer <api key>");
}

Authenticator::Authenticator(storage::Database& db, std::string admin_token,
                             const core::Clock& clock, std::chrono::seconds cache_ttl)
    : db_(db), admin_token_(std::move(admin_token)), clock_(clock), cache_ttl_(cache_ttl) {}

std::string_view Authenticator::Credential(std::string_view header) {
  header = core::Trim(header);
  if (header.size() < 8 || !core::EqualsIgnoreCase(header.substr(0, 7), "Bearer ")) return {};
  return core::Trim(header.substr(7));
}

Authenticator::Triage Authenticator::Screen(std::string_view header) {
  std::string_view credential = Credential(header);
  if (credential.empty()) return Triage::kRefused;
  if (!admin_token_.empty() && ConstantTimeEquals(credential, admin_token_)) return Triage::kVouched;
  if (!ApiKeyPrefix(credential)) return Triage::kRefused;
  std::string hash = HashApiKey(credential);
  std::lock_guard lock(mu_);
  return cache_.contains(hash) ? Triage::kVouched : Triage::kNeedsLookUp;
}

void Authenticator::Remember(std::string_view key, const Principal& principal) {
  // Vouched for at once; its first Authenticate still looks it up (and records last use).
  std::lock_guard lock(mu_);
  cache_.try_emplace(HashApiKey(key), CacheEntry{principal, core::TimePoint{}, core::TimePoint{}});
}

absl::Status Authenticator::Preload() {
  std::vector<storage::ApiKeyRecord> keys;
  UCF_RETURN_IF_ERROR(db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(auto tenants, s.tenants().List());
    for (const auto& tenant : tenants) {
      UCF_ASSIGN_OR_RETURN(auto listed, s.api_keys().List(tenant.id));
      for (auto& key : listed) {
        if (!key.revoked_at) keys.push_back(std::move(key));
      }
    }
    return absl::OkStatus();
  }));
  std::lock_guard lock(mu_);
  for (const auto& key : keys) {
    // Not validated yet (epoch): vouched for, still looked up on first use.
    cache_.try_emplace(key.key_hash, CacheEntry{Principal{Principal::Kind::kTenantKey, key.tenant_id, key.id, key.read_only},
                                                core::TimePoint{}, core::TimePoint{}});
  }
  return absl::OkStatus();
}

absl::StatusOr<Principal> Authenticator::Authenticate(std::string_view header) {
  std::string_view credential = Credential(header);
  if (credential.empty()) return Denied();
  if (!admin_token_.empty() && ConstantTimeEquals(credential, admin_token_)) {
    return Principal{Principal::Kind::kAdmin, "", ""};
  }
  if (!ApiKeyPrefix(credential)) return Denied();
  std::string hash = HashApiKey(credential);
  core::TimePoint now = clock_.Now();
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && now - it->second.validated_at < cache_ttl_) {
      if (now - it->second.noted_at >= std::chrono::minutes(1)) {
        it->second.noted_at = now;
        NoteUse(it->second.principal.key_id, now);
      }
      return it->second.principal;
    }
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

std::optional<std::string> Authenticator::FreshTenant(std::string_view header) {
  std::string_view credential = Credential(header);
  if (!ApiKeyPrefix(credential)) return std::nullopt;
  std::string hash = HashApiKey(credential);
  core::TimePoint now = clock_.Now();
  std::lock_guard lock(mu_);
  auto it = cache_.find(hash);
  if (it == cache_.end() || now < it->second.validated_at || now - it->second.validated_at >= cache_ttl_) {
    return std::nullopt;
  }
  return it->second.principal.tenant_id;
}

absl::StatusOr<Principal> Authenticator::LookUp(std::string_view key, const std::string& hash) {
  std::string prefix = *ApiKeyPrefix(key);
  core::TimePoint now = clock_.Now();
  Principal principal;
  bool valid = false;
  absl::Status status = db_.Transact(storage::TxMode::kRead, [&](storage::Session& s) {
    auto record = s.api_keys().FindByPrefix(prefix);
    if (!record.ok()) return record.status().code() == absl::StatusCode::kNotFound
                                ? absl::OkStatus()
                                : record.status();
    if (record->revoked_at || !ConstantTimeEquals(record->key_hash, hash)) return absl::OkStatus();
    valid = true;
    principal = Principal{Principal::Kind::kTenantKey, record->tenant_id, record->id, record->read_only};
    return absl::OkStatus();
  });
  if (!status.ok()) {
    return absl::UnavailableError("credential check failed: the database did not answer");
  }
  std::lock_guard lock(mu_);
  if (!valid) {
    cache_.erase(hash);  // revoked elsewhere: no longer vouched for
    return Denied();
  }
  cache_[hash] = CacheEntry{principal, now, now};
  NoteUse(principal.key_id, now);
  return principal;
}

void Authenticator::NoteUse(const std::string& key_id, core::TimePoint at) {
  core::TimePoint& last = unflushed_[key_id];
  if (at > last) last = at;
}

std::optional<core::TimePoint> Authenticator::UnflushedLastUse(std::string_view key_id) {
  std::lock_guard lock(mu_);
  auto it = unflushed_.find(std::string(key_id));
  if (it == unflushed_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::int64_t> Authenticator::FlushLastUsed() {
  std::map<std::string, core::TimePoint> batch;
  {
    std::lock_guard lock(mu_);
    batch.swap(unflushed_);
  }
  if (batch.empty()) return 0;
  std::int64_t updated = 0;
  absl::Status status = db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
    updated = 0;
    for (const auto& [key_id, at] : batch) {
      absl::Status touched = s.api_keys().TouchLastUsed(key_id, at);
      if (touched.ok()) {
        ++updated;
      } else if (!absl::IsNotFound(touched)) {
        return touched;
      }
    }
    return absl::OkStatus();
  });
  if (!status.ok()) {
    std::lock_guard lock(mu_);
    for (const auto& [key_id, at] : batch) NoteUse(key_id, at);  // keep them for the next flush
    return status;
  }
  return updated;
}

void Authenticator::Forget(std::string_view key_id) {
  std::lock_guard lock(mu_);
  std::erase_if(cache_, [&](const auto& e) { return e.second.principal.key_id == key_id; });
}

}  // namespace ucf::auth
