// The HTTP stack end to end on a real socket: Beast server → dispatcher → middleware → routes.

#include "ucf/http/server/server.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <future>
#include <stdexcept>
#include <thread>

#include "ucf/core/strings.hpp"
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
                  bool screen = false, bool json_log = true) {
    capture_ = std::make_shared<ucf::testing::LogCapture>();
    logger_ = std::make_unique<observability::Logger>(
        observability::LoggerOptions{.json = json_log}, std::vector<spdlog::sink_ptr>{capture_});
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
        {"GET", "/items/{id}", [](Request& r) { return Ok(std::string(r.PathParam("id"))); }, "",
         Access::kPublic, Execution::kInline},
        {"GET", "/fail",
         [](Request&) {
           return ErrorFromStatus(absl::InternalError(
               "storage: constraint failed on tokens; password=hunter2 Bearer abc.def-123"));
         },
         "", Access::kPublic, Execution::kWorker},
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

// The timeouts are one lazily re-armed timer per connection: a busy keep-alive connection lives
// past the first timer it armed (each request moves its deadline later), and a deadline moved
// EARLIER (a body announced after the connection idled) still closes the connection in time.
TEST_F(ServerTest, TimeoutsFollowTheLatestDeadlineEitherWay) {
  StartStack(2, 16,
             ServerOptions{.header_timeout = std::chrono::milliseconds(300),
                           .idle_timeout = std::chrono::milliseconds(1500)});
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(server_->port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  auto exchange = [&](const std::string& request) {
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) return std::string();
    std::string got;
    char buffer[4096];
    while (got.find("\"error\":null}") == std::string::npos) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 3000) <= 0) break;
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      got.append(buffer, static_cast<std::size_t>(n));
    }
    return got;
  };
  // 5 requests 150 ms apart: 750 ms in all, well past the 300 ms the first header read armed.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(exchange("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n").rfind("HTTP/1.1 200", 0), 0u) << i;
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  // A body announced and never sent: the header timeout (300 ms) applies, not the idle one.
  auto start = std::chrono::steady_clock::now();
  std::string head = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n";
  ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  char byte;
  pollfd p{fd, POLLIN, 0};
  ASSERT_EQ(::poll(&p, 1, 5000), 1);
  EXPECT_LE(::recv(fd, &byte, 1, 0), 0);  // closed, no answer
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_LT(waited, std::chrono::milliseconds(1200));
  ::close(fd);
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

// Issue #9: the cause of a 500 answered from a Status was never logged.
TEST_F(ServerTest, StatusFiveHundredLogsItsScrubbedCauseWithTheRequestId) {
  StartStack();
  auto r = Fetch("GET", Url("/fail"), {"X-Request-Id: rid-fail-7"});
  EXPECT_EQ(r.status, 500);
  auto error = Error(r);
  EXPECT_EQ(error["code"], "internal_error");
  EXPECT_EQ(error["message"], "internal error; request id rid-fail-7");
  EXPECT_EQ(error["details"].as_object()["requestId"], "rid-fail-7");
  EXPECT_EQ(r.body.find("constraint"), std::string::npos);
  logger_->Flush();
  std::string log = capture_->Text();
  std::string line;
  for (std::string_view l : core::Split(log, '\n')) {
    if (l.find("\"internal error\"") != std::string_view::npos) line = std::string(l);
  }
  ASSERT_FALSE(line.empty()) << log;
  auto entry = boost::json::parse(line).as_object();
  EXPECT_EQ(entry["level"], "error");
  EXPECT_EQ(entry["request_id"], "rid-fail-7");
  std::string cause(entry["cause"].as_string());
  EXPECT_NE(cause.find("storage: constraint failed on tokens"), std::string::npos) << cause;
  EXPECT_EQ(log.find("hunter2"), std::string::npos);
  EXPECT_EQ(log.find("abc.def-123"), std::string::npos);
}

// Issue #9: a "%0a" in the path, decoded, forged a second line in the text log.
TEST_F(ServerTest, EncodedLineBreaksInThePathCannotForgeLogLines) {
  StartStack(2, 16, {}, /*screen=*/false, /*json_log=*/false);
  auto r = Fetch("GET", Url("/nothing%0a2026-01-01T00:00:00.000Z%20%7C%20ERROR%20%7C%20forged%0d%1b"));
  EXPECT_EQ(r.status, 404);
  logger_->Flush();
  std::string log = capture_->Text();
  for (std::string_view l : core::Split(log, '\n')) {
    EXPECT_EQ(l.rfind("2026-01-01T00:00:00.000Z", 0), std::string_view::npos) << log;
  }
  EXPECT_NE(log.find("path=/nothing\\n2026-01-01T00:00:00.000Z | ERROR | forged\\r\\x1b"),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find('\r'), std::string::npos);
}

// Issue #9: query and path parameters are bounded before any handler sees them.
TEST_F(ServerTest, OversizedQueryAndPathParametersAre400NamingThem) {
  StartStack();
  auto query = Fetch("GET", Url("/fast?cursor=" + std::string(5000, 'c')));
  EXPECT_EQ(query.status, 400);
  auto error = Error(query);
  EXPECT_EQ(error["code"], "invalid_request");
  EXPECT_EQ(error["details"].as_object()["field"], "cursor");
  // Percent-decoded length counts: 1,500 escapes are 1,500 bytes, not 4,500.
  std::string encoded;
  for (int i = 0; i < 1500; ++i) encoded += "%41";
  EXPECT_EQ(Fetch("GET", Url("/fast?q=" + encoded)).status, 200);
  auto path = Fetch("GET", Url("/items/" + std::string(5000, 'i')));
  EXPECT_EQ(path.status, 400);
  EXPECT_EQ(Error(path)["details"].as_object()["field"], "id");
  EXPECT_EQ(Fetch("GET", Url("/items/abc")).status, 200);
}

double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Issue #9: with no file descriptor left, accept() fails at once for as long as a connection
// waits, and the accept loop retried at once: a network thread at 100% CPU.
TEST_F(ServerTest, AcceptBacksOffWhenFileDescriptorsRunOutAndRecovers) {
  StartStack();
  // The client's socket exists before the table fills, so only the server lacks a descriptor.
  int client = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(client, 0);
  rlimit original{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &original), 0);
  rlimit lowered = original;
  lowered.rlim_cur = 512;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);
  std::vector<int> filler;
  for (int fd; (fd = dup(client)) >= 0;) filler.push_back(fd);
  ASSERT_EQ(errno, EMFILE);
  auto release = [&] {
    for (int fd : filler) close(fd);
    filler.clear();
    setrlimit(RLIMIT_NOFILE, &original);
  };

  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(server_->port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    release();
    FAIL() << "connect: " << std::strerror(errno);
  }
  std::string request = "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ASSERT_EQ(send(client, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));

  // The connection waits in the backlog; the server must not burn CPU meanwhile.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  double cpu_before = ProcessCpuSeconds();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  double cpu_used = ProcessCpuSeconds() - cpu_before;
  release();
  EXPECT_LT(cpu_used, 0.05) << "CPU seconds burnt in one second while out of descriptors";

  // Descriptors are back: the waiting connection is accepted and answered.
  pollfd p{client, POLLIN, 0};
  std::string reply;
  char buf[4096];
  while (poll(&p, 1, 3000) > 0) {
    ssize_t n = recv(client, buf, sizeof buf, 0);
    if (n <= 0) break;
    reply.append(buf, static_cast<std::size_t>(n));
  }
  close(client);
  EXPECT_EQ(reply.rfind("HTTP/1.1 200", 0), 0u) << reply.substr(0, 80);
  logger_->Flush();
  std::string log = capture_->Text();
  EXPECT_NE(log.find("cannot accept connections"), std::string::npos) << log;
  EXPECT_NE(log.find("accepting connections again"), std::string::npos) << log;
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
