#include "ucf/http/client/curl_handle_pool.hpp"

#include <mutex>

namespace ucf::http {
namespace {

// curl_global_init must run before any other libcurl call; libcurl 7.88 is built thread-safe, and
// call_once makes the first use race-free anyway. Never cleaned up: handles may live until exit.
void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

CurlHandlePool::CurlHandlePool(std::size_t max_idle) : max_idle_(max_idle) {
  GlobalInitOnce();
  share_ = curl_share_init();
  // Without a share object handles still work; they only stop sharing DNS and TLS sessions.
  if (share_ != nullptr) {
    curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &CurlHandlePool::LockShare);
    curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CurlHandlePool::UnlockShare);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }
}

CurlHandlePool::~CurlHandlePool() {
  for (CURL* handle : idle_) curl_easy_cleanup(handle);
  if (share_ != nullptr) curl_share_cleanup(share_);
}

absl::StatusOr<CurlHandlePool::Lease> CurlHandlePool::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      CURL* handle = idle_.back();
      idle_.pop_back();
      return Lease(this, handle);
    }
  }
  CURL* handle = curl_easy_init();
  if (handle == nullptr) return absl::InternalError("libcurl could not create a transfer handle");
  // curl_easy_reset keeps the share, so it is set once per handle.
  if (share_ != nullptr) curl_easy_setopt(handle, CURLOPT_SHARE, share_);
  return Lease(this, handle);
}

void CurlHandlePool::Release(CURL* handle) {
  {
    std::lock_guard lock(mu_);
    if (idle_.size() < max_idle_) {
      idle_.push_back(handle);
      return;
    }
  }
  curl_easy_cleanup(handle);
}

void CurlHandlePool::LockShare(CURL*, curl_lock_data data, curl_lock_access, void* self) {
  static_cast<CurlHandlePool*>(self)->share_locks_[static_cast<std::size_t>(data)].lock();
}

void CurlHandlePool::UnlockShare(CURL*, curl_lock_data data, void* self) {
  static_cast<CurlHandlePool*>(self)->share_locks_[static_cast<std::size_t>(data)].unlock();
}

}  // namespace ucf::http
