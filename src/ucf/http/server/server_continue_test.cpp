// `Expect: 100-continue` on a streamed request body (what curl sends for bodies over 1 MiB): the
// client hears 100 Continue once the handler starts pulling the body — and only then sends it —
// or, when the handler refuses, the final status without 100 and without the body being read.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ucf/http/server/served_routes_for_test.hpp"

namespace ucf::http {
namespace {

using namespace std::chrono_literals;
using testing::ConnectLoopback;


// Reads until `until` appears in what was read, the peer closes, or `timeout` passes.
std::string ReadUntil(int fd, const std::string& until, std::chrono::milliseconds timeout) {
  std::string got;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (got.find(until) == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  return got;
}

// Pulls a streamed body to its end and answers its size (deferred).
struct Drain : std::enable_shared_from_this<Drain> {
  std::shared_ptr<BodyStream> source;
  std::function<void(Response)> answer;
  std::size_t bytes = 0;
  void Next() {
    source->Pull([self = shared_from_this()](BodyStream::Piece piece) {
      if (!piece.ok()) return self->Answer(Response::Text(400, "aborted", "text/plain"));
      if (!piece->has_value()) return self->Answer(Response::Text(200, std::to_string(self->bytes), "text/plain"));
      self->bytes += (*piece)->size();
      self->Next();
    });
  }
  void Answer(Response r) {
    if (answer) answer(std::move(r));
  }
};


class ServerExpectContinueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Route> routes{
        {"POST", "/accept",
         [](Request& r) {
           auto drain = std::make_shared<Drain>();
           auto deferred = std::make_shared<testing::Later>();
           drain->source = r.body_stream;
           drain->answer = [deferred](Response answer) { deferred->Answer(std::move(answer)); };
           drain->Next();
           Response placeholder;
           placeholder.status = 0;
           placeholder.deferred = deferred;
           return placeholder;
         },
         "", Access::kPublic, Execution::kWorker},
        // Refuses (as the proxy does for an unknown connection) without touching the body.
        {"POST", "/refuse", [](Request&) { return Response::Text(404, "no such connection", "text/plain"); }, "",
         Access::kPublic, Execution::kWorker},
    };
    routes[0].streams_request_body = true;
    routes[1].streams_request_body = true;
    ServerOptions options;
    options.max_body_bytes = 1024;
    ASSERT_TRUE(served_.Start(std::move(routes), std::move(options), /*screen=*/true));
  }

  testing::ServedRoutes served_;
};

TEST_F(ServerExpectContinueTest, AnAcceptedBodyHearsContinueBeforeSendingIt) {
  int fd = ConnectLoopback(served_.port());
  ASSERT_GE(fd, 0);
  const std::size_t size = 2 * 1024 * 1024;
  std::string head = "POST /accept HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(size) +
                     "\r\nExpect: 100-continue\r\n\r\n";
  ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  // Like curl: wait for the interim answer (curl gives up waiting after 1 s); nothing sent yet.
  auto start = std::chrono::steady_clock::now();
  std::string interim = ReadUntil(fd, "\r\n\r\n", 3000ms);
  EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms);
  std::string body(size, 'c');
  std::size_t sent = 0;
  while (sent < body.size()) {
    ssize_t n = ::send(fd, body.data() + sent, body.size() - sent, MSG_NOSIGNAL);
    ASSERT_GT(n, 0);
    sent += static_cast<std::size_t>(n);
  }
  std::string final_answer = ReadUntil(fd, std::to_string(size), 10'000ms);
  EXPECT_EQ(final_answer.rfind("HTTP/1.1 200", 0), 0u) << final_answer;
  EXPECT_NE(final_answer.find("\r\n\r\n" + std::to_string(size)), std::string::npos) << final_answer;
  ::close(fd);
}

TEST_F(ServerExpectContinueTest, ARefusedBodyGetsTheFinalStatusWithoutContinue) {
  int fd = ConnectLoopback(served_.port());
  ASSERT_GE(fd, 0);
  std::string head =
      "POST /refuse HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n";
  ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  std::string answer = ReadUntil(fd, "no such connection", 3000ms);
  EXPECT_EQ(answer.rfind("HTTP/1.1 404", 0), 0u) << answer;
  EXPECT_EQ(answer.find("100 Continue"), std::string::npos) << answer;
  EXPECT_NE(answer.find("no such connection"), std::string::npos) << answer;
  ::close(fd);
}

TEST_F(ServerExpectContinueTest, WithoutExpectNoInterimAnswer) {
  int fd = ConnectLoopback(served_.port());
  ASSERT_GE(fd, 0);
  std::string request = "POST /accept HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789";
  ASSERT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()));
  std::string answer = ReadUntil(fd, "\r\n\r\n10", 5000ms);
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  EXPECT_EQ(answer.find("100 Continue"), std::string::npos) << answer;
  ::close(fd);
}

}  // namespace
}  // namespace ucf::http
