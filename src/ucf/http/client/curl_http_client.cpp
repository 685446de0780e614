#include "ucf/http/client/curl_http_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <string_view>
#include <utility>

#include "boost/json/object.hpp"
#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/client/address_policy.hpp"
#include "ucf/http/client/curl_common.hpp"
#include "ucf/http/client/curl_handle_pool.hpp"
#include "ucf/http/client/loggable_url.hpp"

namespace ucf::http {

struct CurlHttpClient::Impl {
  explicit Impl(CurlHttpClientOptions o) : options(std::move(o)), pool(options.max_idle_handles) {}

  const CurlHttpClientOptions options;
  CurlHandlePool pool;
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> connections_opened{0};
  std::atomic<std::uint64_t> connections_refused{0};
};

namespace {

// The state of one transfer, reachable from libcurl's callbacks through their user pointers.
struct Transfer {
  CurlHttpClient::Impl* client = nullptr;
  bool too_large = false;
  bool refused = false;
  UpstreamResponse response;
};

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t n = size * count;
  if (t->response.body.size() + n > t->client->options.max_response_bytes) {
    t->too_large = true;
    return 0;  // anything but n aborts the transfer with CURLE_WRITE_ERROR
  }
  t->response.body.append(data, n);
  return n;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  curl::AddHeaderLine(std::string_view(data, size * count), t->response.headers);
  return size * count;
}

// Called for every connection libcurl opens: the SSRF check on the address actually dialled.
curl_socket_t OnOpenSocket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  if (!t->client->options.allow_private_networks &&
      IsRefusedAddress(&address->addr, static_cast<socklen_t>(address->addrlen))) {
    t->refused = true;
    t->client->connections_refused.fetch_add(1, std::memory_order_relaxed);
    return CURL_SOCKET_BAD;
  }
  curl_socket_t fd = socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  if (fd != CURL_SOCKET_BAD) t->client->connections_opened.fetch_add(1, std::memory_order_relaxed);
  return fd;
}

void SetOptions(CURL* h, const CurlHttpClientOptions& o, const UpstreamRequest& request,
                Transfer* transfer, curl_slist* headers) {
  curl::ApplyTransportPolicy(h, request, o.ca_file, o.connect_timeout, headers);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl can decode
  curl_easy_setopt(h, CURLOPT_USERAGENT, o.user_agent.c_str());
  // A zero timeout means "none" to libcurl; never let a caller's 0 turn the limit off.
  auto total = std::max<std::chrono::milliseconds::rep>(
      1, request.timeout.value_or(o.total_timeout).count());
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(total));
  curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, &OnOpenSocket);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, transfer);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, transfer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, transfer);
  curl::SetMethodAndBody(h, request);
}

void DropDecodedEncodingHeaders(Headers& headers) {
  std::optional<std::string_view> encoding = headers.Get("Content-Encoding");
  if (!encoding || core::EqualsIgnoreCase(core::Trim(*encoding), "identity")) return;
  headers.Remove("Content-Encoding");
  headers.Remove("Content-Length");
}

}  // namespace

CurlHttpClient::CurlHttpClient(CurlHttpClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

CurlHttpClient::~CurlHttpClient() = default;

absl::StatusOr<UpstreamResponse> CurlHttpClient::Send(const UpstreamRequest& request) {
  if (absl::Status valid = curl::ValidateRequest(request); !valid.ok()) return valid;
  absl::StatusOr<curl::Slist> headers = curl::BuildHeaderList(request);
  if (!headers.ok()) return headers.status();
  absl::StatusOr<CurlHandlePool::Lease> lease = impl_->pool.Acquire();
  if (!lease.ok()) return lease.status();
  CURL* h = lease->get();

  Transfer transfer;
  transfer.client = impl_.get();
  // Options go back to defaults; live connections, DNS and TLS caches stay with the handle.
  curl_easy_reset(h);
  SetOptions(h, impl_->options, request, &transfer, headers->get());
  impl_->requests.fetch_add(1, std::memory_order_relaxed);
  CURLcode code = curl_easy_perform(h);
  // The handle must not keep pointers into this frame once it is back in the pool.
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  if (code != CURLE_OK) {
    return curl::TransportError(code, transfer.refused, transfer.too_large, request,
                                impl_->options.max_response_bytes);
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  transfer.response.status = static_cast<int>(status);
  DropDecodedEncodingHeaders(transfer.response.headers);
  return std::move(transfer.response);
}

CurlHttpClientStats CurlHttpClient::stats() const {
  return {.requests = impl_->requests.load(std::memory_order_relaxed),
          .connections_opened = impl_->connections_opened.load(std::memory_order_relaxed),
          .connections_refused = impl_->connections_refused.load(std::memory_order_relaxed)};
}

}  // namespace ucf::http
