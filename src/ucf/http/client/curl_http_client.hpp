#pragma once
// CurlHttpClient: the production HttpClient, on libcurl (OpenSSL).
//
// Behaviour (error codes: see http_client.hpp):
// - TLS peer and host verification always on (system CA store, or `ca_file`); no option turns it
//   off. HTTP/2 over TLS when the server offers it (ALPN), HTTP/1.1 otherwise.
// - Connection reuse: easy handles are pooled (most recently used first) and each keeps its
//   connections alive, so sequential requests to one host reuse one TCP/TLS connection. DNS
//   results and TLS sessions are shared between handles through a locked CURLSH; the connection
//   cache is deliberately not shared, because libcurl does not support sharing connections
//   between concurrent threads.
// - Redirects are never followed: a 3xx is returned as a response (a redirect could leave the
//   provider's host, and credentials must not follow it).
// - Only http and https, no proxy from the environment (http_proxy etc. are ignored), `Expect:`
//   never sent, no cookies kept. Compressed bodies (gzip, deflate, br, zstd) are decoded; the
//   size cap applies to the decoded body.
// - SSRF guard: unless `allow_private_networks`, every socket libcurl opens is checked against
//   address_policy.hpp at connect time, on the address actually connected to, so DNS rebinding
//   cannot slip past a check done earlier. A request whose host only has refused addresses fails
//   with PermissionDenied and no byte reaches that host.
// - If a request carries a body and no Content-Type, none is sent (libcurl's form default is
//   suppressed).
//
// Thread-safe: Send may be called concurrently; each call uses its own easy handle.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "ucf/http/client/http_client.hpp"

namespace ucf::http {

struct CurlHttpClientOptions {
  std::chrono::milliseconds connect_timeout{5'000};   // TCP + TLS handshake
  std::chrono::milliseconds total_timeout{30'000};    // per request unless the request sets one
  std::size_t max_response_bytes = 16 * 1024 * 1024;  // decoded body cap
  bool allow_private_networks = false;                // UCF_ALLOW_PRIVATE_UPSTREAMS; tests set true
  std::size_t max_idle_handles = 32;                  // pooled easy handles kept between requests
  std::string user_agent = "ucf-connector";
  std::string ca_file;  // PEM CA bundle replacing the system store; empty = system store
};

// Counters since construction (monotonic, read with relaxed ordering).
struct CurlHttpClientStats {
  std::uint64_t requests = 0;             // Send calls that reached libcurl
  std::uint64_t connections_opened = 0;   // TCP connections opened (reused ones are not counted)
  std::uint64_t connections_refused = 0;  // connection attempts refused by the SSRF guard
};

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(CurlHttpClientOptions options = {});
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  absl::StatusOr<UpstreamResponse> Send(const UpstreamRequest& request) override;

  CurlHttpClientStats stats() const;

  struct Impl;  // libcurl state, defined in curl_http_client.cpp

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace ucf::http
