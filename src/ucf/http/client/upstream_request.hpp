#pragma once
// One outbound HTTP request to a provider, as connectors build it.
//
// A plain value: the client never keeps a reference to it after Send returns.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "ucf/http/headers.hpp"
#include "ucf/http/response.hpp"

namespace ucf::http {

struct UpstreamRequest {
  std::string method = "GET";  // an HTTP token, upper case by convention ("GET", "PATCH")
  std::string url;             // absolute http:// or https:// URL, already encoded
  Headers headers;             // sent as given; the client adds User-Agent and Accept-Encoding
  std::string body;            // sent for every method except GET/HEAD when non-empty
  // StreamingHttpClient only: a body sent as it is pulled from this source (instead of `body`),
  // with Content-Length `body_length` when known, else chunked.
  std::shared_ptr<BodyStream> body_stream;
  std::optional<std::uint64_t> body_length;
  // Total time allowed for this request (connect + send + receive); the client's default when
  // unset.
  std::optional<std::chrono::milliseconds> timeout;
  // Caps the tries of a RetryingHttpClient for this request (1 = no retries); its own limit when
  // unset.
  std::optional<int> max_attempts;
  // What the call is for, as a bounded metrics label (a connector id, "oauth", "webhooks"); ""
  // counts as "other".
  std::string purpose;
};

}  // namespace ucf::http
