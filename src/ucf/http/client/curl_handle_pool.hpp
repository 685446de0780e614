#pragma once
// CurlHandlePool: reusable libcurl easy handles for CurlHttpClient (an implementation detail).
//
// An easy handle keeps its live connections between transfers, so handing the most recently
// returned handle out first is what makes sequential requests reuse a connection. All handles
// share one CURLSH holding the DNS cache and TLS session cache, guarded by one mutex per data
// kind. Thread-safe; every Lease must be destroyed before the pool.

#include <curl/curl.h>

#include <array>
#include <cstddef>
#include <mutex>
#include <vector>

#include "absl/status/statusor.h"

namespace ucf::http {

class CurlHandlePool {
 public:
  // Returns a handle to the pool on destruction. Movable, not copyable.
  class Lease {
   public:
    Lease(CurlHandlePool* pool, CURL* handle) : pool_(pool), handle_(handle) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), handle_(other.handle_) {
      other.handle_ = nullptr;
    }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease() {
      if (handle_ != nullptr) pool_->Release(handle_);
    }
    CURL* get() const { return handle_; }

   private:
    CurlHandlePool* pool_;
    CURL* handle_;
  };

  // Keeps at most `max_idle` idle handles; extra returned handles are closed.
  explicit CurlHandlePool(std::size_t max_idle);
  ~CurlHandlePool();
  CurlHandlePool(const CurlHandlePool&) = delete;
  CurlHandlePool& operator=(const CurlHandlePool&) = delete;

  // An idle handle (state from its last transfer intact except options, which the caller resets)
  // or a new one. Internal when libcurl cannot create a handle.
  absl::StatusOr<Lease> Acquire();

 private:
  static void LockShare(CURL*, curl_lock_data data, curl_lock_access, void* self);
  static void UnlockShare(CURL*, curl_lock_data data, void* self);
  void Release(CURL* handle);

  const std::size_t max_idle_;
  CURLSH* share_ = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> share_locks_;

  std::mutex mu_;
  std::vector<CURL*> idle_;  // guarded by mu_; back() is the most recently used
};

}  // namespace ucf::http
