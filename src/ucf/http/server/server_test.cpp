// The HTTP stack end to end on a real socket: Beast server → dispatcher → middleware → routes.

#include "ucf/http/server/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <stdexcept>
#include <thread>

#include "boost/json/parse.hpp"
#include "tests/support/log_capture.hpp"
#include "tests/support/raw_http.hpp"
#include "tests/support/test_http.hpp"
#include "ucf/http/error_response.hpp"
#include "ucf/http/middleware/access_log_middleware.hpp"
#include "ucf/http/middleware/recover_middleware.hpp"
#include "ucf/http/middleware/request_id_middleware.hpp"
#include "ucf/http/router/router.hpp"
#include "ucf/http/server/dispatcher.hpp"

namespace ucf::http {
namespace {

using ucf::testing::Fetch;
using ucf::testing::RawExchange;

Response Ok(std::string body) { return EnvelopeResponse(boost::json::value(body)); }

// A header-phase screen: requests without X-Ticket are refused before their body is read.
class TicketScreen final : public Middleware {
 public:
  std::optional<Response> Screen(Request& head) const override {
    if (head.headers.Has("X-Ticket")) return std::nullopt;
    Response refused = MakeError(401, "unauthorized", "no ticket");
    refused.headers.Set("WWW-Authenticate", "Ticket");
    return refused;
  }
  Response Handle(Request& request, Next next) const override { return next(request); }
};

class ServerTest : public ::testing::Test {
 protected:
  void StartStack(int workers = 2, size_t queue = 16, ServerOptions options = {},
                  bool screen = false) {
    capture_ = std::make_shared<ucf::testing::LogCapture>();
    logger_ = std::make_unique<observability::Logger>(
        observability::LoggerOptions{.json = true}, std::vector<spdlog::sink_ptr>{capture_});
    router_ = std::make_unique<Router>(std::vector<Route>{
        {"GET", "/fast", [](Request&) { return Ok("fast"); }, "", Access::kPublic,
         Execution::kInline},
        {"GET", "/slow",
         [this](Request&) {
           slow_started_.store(true);
           std::this_thread::sleep_for(std::chrono::milliseconds(400));
           return Ok("slow");
         },
         "", Access::kPublic, Execution::kWorker},
        {"GET", "/throw", [](Request&) -> Response { throw std::runtime_error("secret boom"); },
         "", Access::kPublic, Execution::kWorker},
        {"POST", "/echo", [](Request& r) { return Ok(r.body); }, "", Access::kPublic,
         Execution::kWorker},
    });
    std::vector<std::unique_ptr<Middleware>> chain;
    chain.push_back(std::make_unique<RequestIdMiddleware>());
    chain.push_back(std::make_unique<AccessLogMiddleware>(*logger_, metrics_));
    chain.push_back(std::make_unique<RecoverMiddleware>(*logger_));
    if (screen) chain.push_back(std::make_unique<TicketScreen>());
    pipeline_ = std::make_unique<Pipeline>(std::move(chain));
    pool_ = std::make_unique<WorkerPool>(workers, queue);
    dispatcher_ = std::make_unique<Dispatcher>(*router_, *pipeline_, *pool_);
    options.port = 0;
    server_ = std::make_unique<Server>(
        options,
        [this](Request r, std::function<void(Response)> done) {
          dispatcher_->Dispatch(std::move(r), std::move(done));
        },
        *logger_, [this](Request& head) { return dispatcher_->Screen(head); });
    ASSERT_TRUE(server_->Start().ok());
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
    if (pool_) pool_->Stop();
  }

  std::string Url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
  }

  std::shared_ptr<ucf::testing::LogCapture> capture_;
  std::unique_ptr<observability::Logger> logger_;
  observability::MetricsRegistry metrics_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<WorkerPool> pool_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<Server> server_;
  std::atomic<bool> slow_started_{false};
};

boost::json::object Error(const ucf::testing::TestResponse& r) {
  auto env = boost::json::parse(r.body).as_object();
  EXPECT_EQ(env["ok"], false);
  EXPECT_TRUE(env["data"].is_null());
  return env["error"].as_object();
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowedAreEnvelopes) {
  StartStack();
  auto missing = Fetch("GET", Url("/missing"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Error(missing)["code"], "not_found");
  auto wrong = Fetch("DELETE", Url("/fast"));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(Error(wrong)["code"], "method_not_allowed");
  EXPECT_EQ(*wrong.headers.Get("Allow"), "GET, HEAD, OPTIONS");
}

TEST_F(ServerTest, HeadAndOptions) {
  StartStack();
  auto head = Fetch("HEAD", Url("/fast"));
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_NE(std::stoi(std::string(*head.headers.Get("Content-Length"))), 0);
  auto options = Fetch("OPTIONS", Url("/echo"));
  EXPECT_EQ(options.status, 204);
  EXPECT_EQ(*options.headers.Get("Allow"), "OPTIONS, POST");
}

TEST_F(ServerTest, BodyOverLimitIs413Envelope) {
  StartStack(2, 16, ServerOptions{.max_body_bytes = 1024});
  auto big = Fetch("POST", Url("/echo"), {"Content-Type: application/json"}, std::string(4096, 'x'));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(Error(big)["code"], "payload_too_large");
  EXPECT_TRUE(big.headers.Has("X-Request-Id"));
  auto small = Fetch("POST", Url("/echo"), {}, "hello");
  EXPECT_EQ(small.status, 200);
}

TEST_F(ServerTest, OversizedHeadersAre431AndMalformedIs400) {
  StartStack(2, 16, ServerOptions{.max_header_bytes = 2048});
  std::string huge = "GET /fast HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8192, 'a') + "\r\n\r\n";
  std::string reply = RawExchange(server_->port(), huge);
  EXPECT_EQ(reply.rfind("HTTP/1.1 431", 0), 0u) << reply.substr(0, 80);
  EXPECT_NE(reply.find("\"ok\":false"), std::string::npos);
  std::string garbage = RawExchange(server_->port(), "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(garbage.rfind("HTTP/1.1 400", 0), 0u) << garbage.substr(0, 80);
  EXPECT_NE(garbage.find("invalid_request"), std::string::npos);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartStack();
  std::string two =
      "GET /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::string reply = RawExchange(server_->port(), two);
  size_t first = reply.find("HTTP/1.1 200");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(reply.find("HTTP/1.1 200", first + 1), std::string::npos) << reply;
}

TEST_F(ServerTest, SilentAndIdleConnectionsAreClosedAfterTheirTimeouts) {
  StartStack(2, 16,
             ServerOptions{.header_timeout = std::chrono::milliseconds(200),
                           .idle_timeout = std::chrono::milliseconds(300)});
  // A client that connects and never sends a request is disconnected (RawExchange returns when
  // the peer closes, well before its own 5 s limit).
  auto start = std::chrono::steady_clock::now();
  std::string nothing = RawExchange(server_->port(), "", 5000);
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(nothing.empty());
  EXPECT_LT(waited, std::chrono::seconds(2));
  // A keep-alive connection that goes quiet after one request is closed after the idle timeout.
  start = std::chrono::steady_clock::now();
  std::string one = RawExchange(server_->port(), "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n", 5000);
  waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(one.rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_LT(waited, std::chrono::seconds(2));
  EXPECT_GE(waited, std::chrono::milliseconds(250));
}

TEST_F(ServerTest, ExceptionBecomesLogged500WithRequestId) {
  StartStack();
  auto r = Fetch("GET", Url("/throw"), {"X-Request-Id: rid-throw-1"});
  EXPECT_EQ(r.status, 500);
  auto error = Error(r);
  EXPECT_EQ(error["code"], "internal_error");
  EXPECT_EQ(error["details"].as_object()["requestId"], "rid-throw-1");
  EXPECT_EQ(r.body.find("secret boom"), std::string::npos);
  std::string log = capture_->Text();
  EXPECT_NE(log.find("unhandled exception"), std::string::npos);
  EXPECT_NE(log.find("rid-throw-1"), std::string::npos);
  // The server keeps serving.
  EXPECT_EQ(Fetch("GET", Url("/fast")).status, 200);
}

TEST_F(ServerTest, FullQueueAnswers503WithRetryAfter) {
  StartStack(/*workers=*/1, /*queue=*/1);
  std::vector<std::future<ucf::testing::TestResponse>> calls;
  for (int i = 0; i < 4; ++i) {
    calls.push_back(std::async(std::launch::async, [&] { return Fetch("GET", Url("/slow")); }));
  }
  int ok = 0, busy = 0;
  for (auto& c : calls) {
    auto r = c.get();
    if (r.status == 200) ++ok;
    if (r.status == 503) {
      ++busy;
      EXPECT_EQ(*r.headers.Get("Retry-After"), "1");
      EXPECT_EQ(Error(r)["code"], "unavailable");
    }
  }
  EXPECT_GE(ok, 1);
  EXPECT_GE(busy, 1);
  // Inline routes are never starved by the busy pool.
  EXPECT_EQ(Fetch("GET", Url("/fast")).status, 200);
}

TEST_F(ServerTest, GracefulShutdownFinishesInFlightRequest) {
  StartStack();
  auto in_flight = std::async(std::launch::async, [&] { return Fetch("GET", Url("/slow")); });
  while (!slow_started_.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::string url_after = Url("/fast");
  server_->Shutdown();
  auto r = in_flight.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("slow"), std::string::npos);
  EXPECT_EQ(Fetch("GET", url_after, {}, {}, 1000).status, 0);  // no longer accepting
}

TEST_F(ServerTest, TheHeaderPhaseRefusesBeforeTheBodyIsReadOrQueued) {
  StartStack(2, 16, ServerOptions{.header_timeout = std::chrono::milliseconds(5000)}, /*screen=*/true);
  pool_->Stop();  // nothing can be queued any more: a queued request would get 503
  // Headers announce 500 KB (under the limit) that never come: the answer comes anyway.
  auto start = std::chrono::steady_clock::now();
  std::string reply = RawExchange(server_->port(),
                                  "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 500000\r\n\r\n", 4000);
  EXPECT_EQ(reply.rfind("HTTP/1.1 401", 0), 0u) << reply.substr(0, 120);
  EXPECT_NE(reply.find("WWW-Authenticate: Ticket"), std::string::npos);
  EXPECT_NE(reply.find("X-Request-Id"), std::string::npos) << "refusals go through the middleware";
  EXPECT_NE(reply.find("Connection: close"), std::string::npos) << "the unread body ends the connection";
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(3500));
  // A client that keeps sending after the refusal still gets the whole answer.
  std::string pushy = RawExchange(server_->port(),
                                  "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 600000\r\n\r\n" +
                                      std::string(600000, 'x'),
                                  4000);
  EXPECT_EQ(pushy.rfind("HTTP/1.1 401", 0), 0u) << pushy.substr(0, 120);
  // A bodiless request is refused on the network thread too (not 503 from the stopped pool), and
  // its connection stays usable.
  std::string two = RawExchange(server_->port(),
                                "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                                "GET /fast HTTP/1.1\r\nHost: x\r\nX-Ticket: 1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(two.rfind("HTTP/1.1 401", 0), 0u) << two.substr(0, 120);
  EXPECT_NE(two.find("HTTP/1.1 200"), std::string::npos) << two;
  EXPECT_FALSE(slow_started_.load());
  EXPECT_NE(capture_->Text().find("\"status\":401"), std::string::npos) << "refusals are logged";
}

TEST_F(ServerTest, ScreenedRequestsThatPassAreServedWithTheirBody) {
  StartStack(2, 16, {}, /*screen=*/true);
  auto echoed = Fetch("POST", Url("/echo"), {"X-Ticket: 1"}, "hello body");
  EXPECT_EQ(echoed.status, 200);
  EXPECT_NE(echoed.body.find("hello body"), std::string::npos);
  EXPECT_EQ(Fetch("POST", Url("/echo"), {}, "hello body").status, 401);
}

}  // namespace
}  // namespace ucf::http
