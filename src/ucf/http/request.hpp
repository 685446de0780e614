#pragma once
// The server's view of one HTTP request, independent of the network library.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ucf/http/headers.hpp"
#include "ucf/http/response.hpp"
#include "ucf/observability/request_context.hpp"

namespace ucf::http {

struct Route;

// Set by the server when it refuses a request before it was fully read (too large, malformed,
// refused by a header-phase screen); the dispatcher then answers with this error instead of
// routing — with `answer` as is when the screen made one (401 + WWW-Authenticate, 429 + Retry-After).
struct Rejection {
  int status = 400;
  std::string code;
  std::string message;
  std::optional<Response> answer;
  std::string field;  // when set: the envelope's details.field (the parameter at fault)
};

struct Request {
  std::string method;  // upper case, e.g. "GET"
  std::string target;  // as received: path + optional "?query"
  std::string path;    // percent-decoded path
  std::string query;   // raw query string without '?'
  Headers headers;
  std::string body;
  // Routes that declare streamed request bodies (Route::streams_request_body): the body arrives
  // through this source instead of `body`, piece by piece as the consumer pulls (BodyStream's
  // contract: bytes, nullopt at the end, an error when the client went away or sent a bad
  // framing), never held whole and not bounded by the server's body limit. Null when the request
  // has no body. Whoever consumes it reads it to its end or Cancels it.
  std::shared_ptr<BodyStream> body_stream;
  // Set by the header-phase screen: read this request's body as `body_stream`.
  bool stream_body = false;
  bool keep_alive = true;
  std::optional<Rejection> rejection;

  observability::RequestContext context;
  const Route* route = nullptr;                        // set by the dispatcher
  std::map<std::string, std::string, std::less<>> path_params;

  // Fills path and query from target. Returns false when the path is not valid
  // (not starting with '/', bad percent-encoding).
  bool SplitTarget();

  // The percent-decoded value of query parameter `key` (first occurrence).
  std::optional<std::string> Query(std::string_view key) const;
  // The name of the first query parameter (key or percent-decoded value) or path parameter
  // longer than `max_bytes`, if any.
  std::optional<std::string> OversizedParameter(std::size_t max_bytes) const;
  // The value bound to `{name}` in the route pattern, or "".
  std::string_view PathParam(std::string_view name) const;
};

}  // namespace ucf::http
