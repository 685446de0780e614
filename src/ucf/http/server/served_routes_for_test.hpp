#pragma once
// Test-only (included by server_*_test.cpp, never by product code): a real Server on a loopback
// port in front of a Dispatcher with the given routes, no middleware and ONE worker thread (so a
// handler holding its worker shows at once as a second request that cannot be served). Logs go
// to a LogCapture. Construct with Start(); Stop() (or the destructor) shuts the server down and
// then the pool.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/log_capture.hpp"
#include "ucf/http/router/router.hpp"
#include "ucf/http/server/dispatcher.hpp"
#include "ucf/http/server/server.hpp"

namespace ucf::http::testing {

// A blocking loopback TCP connection to `port`, or -1.
inline int ConnectLoopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// A deferred answer made by whoever calls Answer (any thread, before or after Await).
class Later final : public DeferredResponse {
 public:
  void Await(std::function<void(Response)> ready) override {
    std::unique_lock lock(mu_);
    if (!answer_) {
      ready_ = std::move(ready);
      return;
    }
    Response r = std::move(*answer_);
    lock.unlock();
    ready(std::move(r));
  }
  void Answer(Response r) {
    std::unique_lock lock(mu_);
    if (!ready_) {
      answer_ = std::move(r);
      return;
    }
    auto ready = std::move(ready_);
    lock.unlock();
    ready(std::move(r));
  }

 private:
  std::mutex mu_;
  std::optional<Response> answer_;
  std::function<void(Response)> ready_;
};


class ServedRoutes {
 public:
  ServedRoutes() = default;
  ServedRoutes(const ServedRoutes&) = delete;
  ServedRoutes& operator=(const ServedRoutes&) = delete;
  ~ServedRoutes() { Stop(); }

  // Serves `routes` with `options` (shutdown_grace shortened to 5 s unless set lower); with
  // `screen`, the dispatcher's header phase runs too. False when the server cannot start.
  bool Start(std::vector<Route> routes, ServerOptions options = {}, bool screen = false) {
    logger_ = std::make_unique<observability::Logger>(
        observability::LoggerOptions{},
        std::vector<spdlog::sink_ptr>{std::make_shared<ucf::testing::LogCapture>()});
    router_ = std::make_unique<Router>(std::move(routes));
    pipeline_ = std::make_unique<Pipeline>(std::vector<std::unique_ptr<Middleware>>{});
    pool_ = std::make_unique<WorkerPool>(1, 8);
    dispatcher_ = std::make_unique<Dispatcher>(*router_, *pipeline_, *pool_);
    options.shutdown_grace = std::min(options.shutdown_grace, std::chrono::milliseconds(5000));
    Server::ScreenFn screen_fn;
    if (screen) screen_fn = [this](Request& head) { return dispatcher_->Screen(head); };
    server_ = std::make_unique<Server>(
        std::move(options),
        [this](Request r, std::function<void(Response)> done) {
          dispatcher_->Dispatch(std::move(r), std::move(done));
        },
        *logger_, std::move(screen_fn));
    return server_->Start().ok();
  }

  void Stop() {
    if (server_) server_->Shutdown();
    if (pool_) pool_->Stop();
  }

  Server& server() { return *server_; }
  int port() const { return server_->port(); }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
  }

 private:
  std::unique_ptr<observability::Logger> logger_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<WorkerPool> pool_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<Server> server_;
};

}  // namespace ucf::http::testing
