#pragma once
// UpstreamTestServer: a real HTTP server on 127.0.0.1, port 0, playing a provider in this
// folder's tests (header-only so the library never links the server).
//
// The handler may answer at once (call `respond` before returning) or later through
// RespondAfter, which answers from a thread of its own so the server's network threads stay
// free and concurrency at the "provider" is real. The destructor waits for those threads.
// Requests for which `streams_body` says true get their body as Request::body_stream (read piece
// by piece, no body limit) instead of `body`.

#include <spdlog/sinks/null_sink.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"
#include "ucf/http/server/server.hpp"
#include "ucf/observability/logger.hpp"

namespace ucf::http {

class UpstreamTestServer {
 public:
  using Respond = std::function<void(Response)>;
  using Handler = std::function<void(const Request&, Respond)>;

  explicit UpstreamTestServer(Handler handler, std::function<bool(const Request&)> streams_body = nullptr)
      : logger_(observability::LoggerOptions{}, {std::make_shared<spdlog::sinks::null_sink_mt>()}),
        handler_(std::move(handler)),
        server_(
            ServerOptions{
                .host = "127.0.0.1", .port = 0, .shutdown_grace = std::chrono::milliseconds(3000)},
            [this](Request request, Respond respond) {
              requests_.fetch_add(1);
              handler_(request, std::move(respond));
            },
            logger_,
            [streams_body = std::move(streams_body)](Request& head) -> std::optional<Rejection> {
              head.stream_body = streams_body && streams_body(head);
              return std::nullopt;
            }) {
    if (!server_.Start().ok()) throw std::runtime_error("test upstream could not start");
  }

  ~UpstreamTestServer() {
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mu_);
      threads.swap(threads_);
    }
    for (std::thread& t : threads) t.join();
    server_.Shutdown();
  }

  std::string Url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(server_.port()) + std::string(path);
  }
  int port() const { return server_.port(); }
  int requests() const { return requests_.load(); }

  // Answers `response` after `delay` from a separate thread.
  void RespondAfter(std::chrono::milliseconds delay, Respond respond, Response response) {
    std::lock_guard lock(mu_);
    threads_.emplace_back([delay, respond = std::move(respond), response = std::move(response)] {
      std::this_thread::sleep_for(delay);
      respond(response);
    });
  }

 private:
  observability::Logger logger_;
  Handler handler_;
  std::atomic<int> requests_{0};
  std::mutex mu_;
  std::vector<std::thread> threads_;  // guarded by mu_
  Server server_;                     // last: its dispatch lambda uses the members above
};

}  // namespace ucf::http
