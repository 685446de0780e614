#include "ucf/http/server/tenant_slots.hpp"

namespace ucf::http {

TenantSlots::Slot::~Slot() {
  if (owner_ == nullptr) return;
  std::lock_guard lock(owner_->mu_);
  owner_->ReleaseLocked(key_);
}

bool TenantSlots::Slot::MoveTo(std::string_view key) {
  if (key == key_) return true;
  std::string target(key);
  std::lock_guard lock(owner_->mu_);
  if (!owner_->TakeLocked(target)) return false;
  owner_->ReleaseLocked(key_);
  key_ = std::move(target);
  return true;
}

std::optional<TenantSlots::Slot> TenantSlots::TryTake(std::string_view key) {
  std::string k(key);
  std::lock_guard lock(mu_);
  if (!TakeLocked(k)) return std::nullopt;
  return Slot(this, std::move(k));
}

int TenantSlots::InUse(std::string_view key) const {
  std::lock_guard lock(mu_);
  auto it = in_use_.find(std::string(key));
  return it == in_use_.end() ? 0 : it->second;
}

bool TenantSlots::TakeLocked(const std::string& key) {
  int& n = in_use_[key];
  if (n >= max_per_key_) return false;
  ++n;
  return true;
}

void TenantSlots::ReleaseLocked(const std::string& key) {
  auto it = in_use_.find(key);
  if (it == in_use_.end()) return;
  if (--it->second <= 0) in_use_.erase(it);
}

}  // namespace ucf::http
