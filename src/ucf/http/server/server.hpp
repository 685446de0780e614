#pragma once
// The HTTP/1.1 server (Boost.Beast inside server.cpp only; this header exposes our own types).
//
// Keep-alive, TCP_NODELAY, limits on header size (→ 431) and body size (→ 413), a header-read
// timeout for new connections and an idle timeout between keep-alive requests. Every request is
// handed to `dispatch`, including refused ones (Request::rejection set), so that all answers go
// through the same middleware. When accept() fails for lack of file descriptors (EMFILE/ENFILE)
// the server logs it once and retries every 100 ms instead of spinning. Shutdown() is graceful:
// stop accepting, let in-flight requests finish (bounded by shutdown_grace), then stop the
// network threads.
//
// Streamed request bodies: when the screen marks a request stream_body (its route declares it),
// the request is dispatched as soon as its headers are read, with Request::body_stream reading the
// body one piece (≤ 64 KiB) per Pull on the network thread — no body limit, nothing accumulated,
// no thread waiting. Other requests keep max_body_bytes. A connection whose streamed body was not
// read to its end is closed after the answer. A handler may answer later (Response::deferred).

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"
#include "ucf/observability/logger.hpp"

namespace ucf::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  int io_threads = 2;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{20'000};
  // Called once the port is bound, before any connection is served (e.g. to derive URLs from it).
  std::function<void(int port)> on_bound;
};

class Server {
 public:
  // `dispatch` must call its callback exactly once, from any thread.
  using DispatchFn = std::function<void(Request, std::function<void(Response)>)>;
  // The header phase, on the network thread once a request's headers are read (no body, client
  // address set): a Rejection is dispatched at once and the body is never read (the connection
  // closes after the answer when a body was announced); nullopt reads the body and dispatches.
  using ScreenFn = std::function<std::optional<Rejection>(Request& head)>;

  Server(ServerOptions options, DispatchFn dispatch, const observability::Logger& logger,
         ScreenFn screen = nullptr);
  ~Server();  // Shutdown()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the network threads. Unavailable when the address cannot be bound.
  absl::Status Start();
  // The bound port (useful with port 0). Valid after Start() returned OK.
  int port() const;
  // Thread-safe and idempotent; returns once the server has stopped.
  void Shutdown();
  // Blocks until the server has stopped.
  void Wait();

  struct Impl;  // implementation detail (Beast types), defined in server.cpp

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace ucf::http
