// Streamed request bodies (Route::streams_request_body → Request::body_stream) and deferred
// answers (Response::deferred) on a real socket: no body limit for the streaming route while the
// others keep theirs, pieces pulled without holding a worker, keep-alive after a fully read body,
// and a client that leaves mid-body.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "tests/support/raw_http.hpp"
#include "tests/support/test_http.hpp"
#include "ucf/http/server/served_routes_for_test.hpp"

namespace ucf::http {
namespace {

using ucf::testing::Fetch;
using ucf::testing::RawExchange;
using namespace std::chrono_literals;
using testing::ConnectLoopback;
using testing::Later;



// Reads a body source to its end, counting; answers "<bytes>" or "error: ..." through `later`.
struct Counter : std::enable_shared_from_this<Counter> {
  std::shared_ptr<BodyStream> source;
  std::shared_ptr<Later> later;
  std::size_t bytes = 0;
  std::promise<std::string>* outcome = nullptr;
  void Next() {
    source->Pull([self = shared_from_this()](BodyStream::Piece piece) {
      if (!piece.ok()) {
        if (self->outcome) self->outcome->set_value("error: " + std::string(piece.status().message()));
        return self->later->Answer(Response::Text(400, "aborted", "text/plain"));
      }
      if (!piece->has_value()) {
        if (self->outcome) self->outcome->set_value(std::to_string(self->bytes));
        return self->later->Answer(Response::Text(200, std::to_string(self->bytes), "text/plain"));
      }
      self->bytes += (*piece)->size();
      self->Next();
    });
  }
};

class ServerUploadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Route> routes{
        {"POST", "/upload",
         [this](Request& r) {
           auto counter = std::make_shared<Counter>();
           counter->later = std::make_shared<Later>();
           counter->outcome = outcome_;
           Response placeholder;
           placeholder.status = 0;
           placeholder.headers.Set("X-Set-By-Middleware", "kept");
           placeholder.deferred = counter->later;
           if (!r.body_stream) {
             counter->later->Answer(Response::Text(200, "no stream, body " + std::to_string(r.body.size()), "text/plain"));
             return placeholder;
           }
           counter->source = r.body_stream;
           counter->Next();
           return placeholder;  // the worker is free while the body arrives
         },
         "", Access::kPublic, Execution::kWorker},
        {"POST", "/small", [](Request& r) { return Response::Text(200, std::to_string(r.body.size()), "text/plain"); },
         "", Access::kPublic, Execution::kWorker},
        {"GET", "/work", [](Request&) { return Response::Text(200, "done", "text/plain"); }, "", Access::kPublic,
         Execution::kWorker},
    };
    routes[0].streams_request_body = true;
    ServerOptions options;
    options.max_body_bytes = 1024;
    ASSERT_TRUE(served_.Start(std::move(routes), options, /*screen=*/true));
  }
  std::string Url(const std::string& path) { return served_.Url(path); }

  std::promise<std::string>* outcome_ = nullptr;
  testing::ServedRoutes served_;
};

TEST_F(ServerUploadTest, OnlyTheStreamingRouteIsFreeOfTheBodyLimit) {
  std::string big(3 * 1024 * 1024, 'b');
  auto streamed = Fetch("POST", Url("/upload"), {"Content-Type: application/octet-stream"}, big, 10'000);
  EXPECT_EQ(streamed.status, 200) << streamed.body;
  EXPECT_EQ(streamed.body, std::to_string(big.size()));
  EXPECT_EQ(streamed.headers.Get("X-Set-By-Middleware").value_or(""), "kept");  // the placeholder's headers
  auto chunked = Fetch("POST", Url("/upload"), {"Transfer-Encoding: chunked"}, big, 10'000);
  EXPECT_EQ(chunked.body, std::to_string(big.size()));
  auto refused = Fetch("POST", Url("/small"), {}, std::string(2048, 's'), 5000);
  EXPECT_EQ(refused.status, 413);
  EXPECT_EQ(Fetch("POST", Url("/small"), {}, std::string(512, 's')).body, "512");
}

TEST_F(ServerUploadTest, KeepAliveContinuesAfterAStreamedBodyWasRead) {
  std::string raw = RawExchange(served_.port(),
                                "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" +
                                    std::string(5000, 'u') +
                                    "GET /work HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                5000);
  EXPECT_NE(raw.find("\r\n\r\n5000"), std::string::npos) << raw;
  EXPECT_NE(raw.find("\r\n\r\ndone"), std::string::npos) << raw;
}

TEST_F(ServerUploadTest, TheWorkerIsFreeWhileABodyIsPendingAndALeavingClientEndsIt) {
  std::promise<std::string> outcome;
  outcome_ = &outcome;
  int fd = ConnectLoopback(served_.port());
  ASSERT_GE(fd, 0);
  std::string head = "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + std::string(10'000, 'p');
  ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  // The handler returned at once: the only worker serves another request meanwhile.
  auto other = Fetch("GET", Url("/work"), {}, {}, 3000);
  EXPECT_EQ(other.body, "done");
  ::close(fd);  // gone with 990 000 bytes unsent
  auto result = outcome.get_future();
  ASSERT_EQ(result.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(result.get().rfind("error: ", 0), 0u);
  outcome_ = nullptr;
}

}  // namespace
}  // namespace ucf::http
