#pragma once
// CurlStreamEngine: the production StreamingHttpClient — ONE thread running a libcurl multi handle
// for every open stream, so a thousand slow downloads cost no request threads.
//
// Backpressure: each stream buffers at most `buffer_bytes`; when the reader (the server writing to
// its client) is behind, the transfer is paused (CURL_WRITEFUNC_PAUSE) and resumed by the next Pull,
// so memory per stream is bounded whatever the body size and the client's speed. A stream whose
// reader Cancels is removed from the multi handle at once. A streamed request body
// (UpstreamRequest::body_stream) is pulled one piece at a time as libcurl asks for it
// (CURLOPT_READFUNCTION): sending pauses (CURL_READFUNC_PAUSE) until the piece arrives, so neither
// the engine thread nor any other waits for a slow client.
//
// Same transport policy as CurlHttpClient (curl_common.hpp): http/https only, TLS verified, no
// redirects followed, no environment proxy, SSRF guard on every dialled address unless
// `allow_private_networks`. Compressed bodies are NOT decoded (the bytes pass through unchanged).
// Timeouts: connect, the head (Open returns DeadlineExceeded and drops the transfer), and a body
// stall (no byte for `stall_timeout` while not paused → the stream ends with an error).
//
// Thread-safe. Streams may outlive Open's caller but not the engine: the destructor aborts the
// transfers still open (their readers get Cancelled) and joins the thread.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "ucf/http/client/streaming_http_client.hpp"

namespace ucf::http {

struct CurlStreamEngineOptions {
  std::chrono::milliseconds connect_timeout{5'000};
  std::chrono::milliseconds head_timeout{30'000};
  std::chrono::milliseconds stall_timeout{60'000};
  std::size_t buffer_bytes = 256 * 1024;  // per stream
  bool allow_private_networks = false;
  std::string user_agent = "ucf-proxy";
  std::string ca_file;
};

class CurlStreamEngine final : public StreamingHttpClient {
 public:
  explicit CurlStreamEngine(CurlStreamEngineOptions options = {});
  ~CurlStreamEngine() override;
  CurlStreamEngine(const CurlStreamEngine&) = delete;
  CurlStreamEngine& operator=(const CurlStreamEngine&) = delete;

  absl::StatusOr<std::shared_ptr<UpstreamStream>> Open(const UpstreamRequest& request) override;
  void OpenAsync(const UpstreamRequest& request, HeadFn on_head) override;

  // Streams currently open (for tests and metrics).
  int open_streams() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace ucf::http
