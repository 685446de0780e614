// CurlStreamEngine against a real local HTTP server (ucf_http_server on 127.0.0.1, port 0).

#include "ucf/http/client/curl_stream_engine.hpp"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <chrono>
#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "ucf/http/client/upstream_test_server.hpp"

namespace ucf::http {
namespace {

using std::chrono::milliseconds;

CurlStreamEngineOptions LoopbackStreams(std::size_t buffer = 64 * 1024) {
  return CurlStreamEngineOptions{.buffer_bytes = buffer, .allow_private_networks = true};
}

std::string Pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 4096) % 26);
  return s;
}

// Pulls to the end; the sizes of the pieces go to `sizes`.
absl::StatusOr<std::string> ReadAll(UpstreamStream& stream, std::vector<std::size_t>* sizes = nullptr,
                                    milliseconds pause_between = milliseconds(0)) {
  std::string all;
  while (true) {
    std::promise<BodyStream::Piece> got;
    stream.Pull([&got](BodyStream::Piece piece) { got.set_value(std::move(piece)); });
    BodyStream::Piece piece = got.get_future().get();
    if (!piece.ok()) return piece.status();
    if (!piece->has_value()) return all;
    if (sizes) sizes->push_back((*piece)->size());
    all += **piece;
    if (pause_between.count() > 0) std::this_thread::sleep_for(pause_between);
  }
}

TEST(CurlStreamEngineTest, HeadThenTheBodyInBoundedPiecesUnchanged) {
  const std::string body = Pattern(3 * 1024 * 1024 + 17);
  UpstreamTestServer server([&](const Request& request, UpstreamTestServer::Respond respond) {
    Response r = Response::Text(200, body, "application/octet-stream");
    r.headers.Set("X-Saw-Custom", request.headers.Get("X-Custom").value_or("<none>"));
    r.headers.Add("Set-Cookie", "a=b");
    respond(std::move(r));
  });
  CurlStreamEngine engine(LoopbackStreams());
  UpstreamRequest request{.method = "GET", .url = server.Url("/big")};
  request.headers.Set("X-Custom", "v1");
  auto stream = engine.Open(request);
  ASSERT_TRUE(stream.ok()) << stream.status();
  EXPECT_EQ((*stream)->status(), 200);
  EXPECT_EQ((*stream)->headers().Get("X-Saw-Custom"), "v1");
  EXPECT_EQ((*stream)->headers().Get("Set-Cookie"), "a=b");  // filtering is the caller's
  std::vector<std::size_t> sizes;
  // A slow reader: the transfer is paused meanwhile, so no piece exceeds the buffer by more than
  // one libcurl write (16 KiB).
  auto all = ReadAll(**stream, &sizes, milliseconds(1));
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(*all, body);
  for (std::size_t n : sizes) EXPECT_LE(n, 64 * 1024 + CURL_MAX_WRITE_SIZE);
  EXPECT_GT(sizes.size(), 40u);
  for (int i = 0; i < 100 && engine.open_streams() > 0; ++i) std::this_thread::sleep_for(milliseconds(10));
  EXPECT_EQ(engine.open_streams(), 0);
}

TEST(CurlStreamEngineTest, ReaderThatWaitsLongKeepsOnlyTheBufferAndResumes) {
  const std::string body = Pattern(2 * 1024 * 1024);
  UpstreamTestServer server([&](const Request&, UpstreamTestServer::Respond respond) {
    respond(Response::Text(200, body, "application/octet-stream"));
  });
  CurlStreamEngine engine(LoopbackStreams(32 * 1024));
  auto stream = engine.Open({.method = "GET", .url = server.Url("/big")});
  ASSERT_TRUE(stream.ok()) << stream.status();
  std::this_thread::sleep_for(milliseconds(300));  // the transfer pauses at the buffer's size
  std::vector<std::size_t> sizes;
  auto all = ReadAll(**stream, &sizes);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), body.size());
  EXPECT_EQ(*all, body);
  EXPECT_LE(sizes.front(), 32 * 1024 + CURL_MAX_WRITE_SIZE);
}

TEST(CurlStreamEngineTest, RequestBodyMethodAndRedirectsAsIs) {
  UpstreamTestServer server([](const Request& request, UpstreamTestServer::Respond respond) {
    Response r = Response::Text(302, request.method + ":" + request.body, "text/plain");
    r.headers.Set("Location", "http://elsewhere.example/");
    respond(std::move(r));
  });
  CurlStreamEngine engine(LoopbackStreams());
  UpstreamRequest request{.method = "PUT", .url = server.Url("/x"), .body = "payload"};
  request.headers.Set("Content-Type", "text/plain");
  auto stream = engine.Open(request);
  ASSERT_TRUE(stream.ok()) << stream.status();
  EXPECT_EQ((*stream)->status(), 302);  // never followed
  EXPECT_EQ((*stream)->headers().Get("Location"), "http://elsewhere.example/");
  EXPECT_EQ(*ReadAll(**stream), "PUT:payload");
}

TEST(CurlStreamEngineTest, PrivateAddressesAreRefusedUnlessAllowed) {
  UpstreamTestServer server([](const Request&, UpstreamTestServer::Respond respond) {
    respond(Response::Text(200, "secret", "text/plain"));
  });
  CurlStreamEngine engine(CurlStreamEngineOptions{});
  auto stream = engine.Open({.method = "GET", .url = server.Url("/")});
  EXPECT_EQ(stream.status().code(), absl::StatusCode::kPermissionDenied) << stream.status();
  EXPECT_EQ(server.requests(), 0);
  EXPECT_EQ(engine.Open({.method = "GET", .url = "file:///etc/passwd"}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(CurlStreamEngineTest, HeadTimeoutAndCancelReleaseTheTransfer) {
  UpstreamTestServer server([&](const Request& request, UpstreamTestServer::Respond respond) {
    if (request.path == "/slow") {
      server.RespondAfter(milliseconds(1500), std::move(respond), Response::Text(200, "late", "text/plain"));
      return;
    }
    respond(Response::Text(200, Pattern(4 * 1024 * 1024), "application/octet-stream"));
  });
  CurlStreamEngineOptions options = LoopbackStreams();
  options.head_timeout = milliseconds(200);
  CurlStreamEngine engine(options);
  auto slow = engine.Open({.method = "GET", .url = server.Url("/slow")});
  EXPECT_EQ(slow.status().code(), absl::StatusCode::kDeadlineExceeded) << slow.status();

  options.head_timeout = milliseconds(5000);
  CurlStreamEngine engine2(options);
  auto big = engine2.Open({.method = "GET", .url = server.Url("/big")});
  ASSERT_TRUE(big.ok()) << big.status();
  std::promise<BodyStream::Piece> first;
  (*big)->Pull([&](BodyStream::Piece p) { first.set_value(std::move(p)); });
  ASSERT_TRUE(first.get_future().get().ok());
  (*big)->Cancel();
  for (int i = 0; i < 100 && engine2.open_streams() > 0; ++i) std::this_thread::sleep_for(milliseconds(10));
  EXPECT_EQ(engine2.open_streams(), 0);
  // After Cancel a Pull ends at once with an error instead of hanging.
  std::promise<BodyStream::Piece> after;
  (*big)->Pull([&](BodyStream::Piece p) { after.set_value(std::move(p)); });
  auto piece = after.get_future().get();
  EXPECT_TRUE(!piece.ok() || !piece->has_value() || !(*piece)->empty());
}

// ---- OpenAsync and streamed request bodies ----

// A request body handed out later, from another thread, one piece per Pull (as a client socket
// would): `pieces` pieces of `piece` bytes, then the end, or an error instead of piece `fail_at`.
class LateSource final : public BodyStream {
 public:
  LateSource(int pieces, std::size_t piece, int fail_at = -1) : left_(pieces), piece_(piece), fail_at_(fail_at) {}
  ~LateSource() override {  // the last owner may be one of its own threads (a piece's callback)
    for (std::thread& t : threads_) {
      if (t.get_id() == std::this_thread::get_id()) {
        t.detach();
      } else {
        t.join();
      }
    }
  }
  void Pull(std::function<void(Piece)> next) override {
    std::lock_guard lock(mu_);
    ++pulls_;
    int index = sent_++;
    bool fail = index == fail_at_;
    bool end = left_ == 0;
    if (!end) --left_;
    threads_.emplace_back([next = std::move(next), fail, end, n = piece_, index] {
      std::this_thread::sleep_for(milliseconds(2));
      if (fail) return next(absl::UnavailableError("client went away"));
      if (end) return next(std::optional<std::string>());
      next(std::optional<std::string>(std::string(n, static_cast<char>('A' + index % 26))));
    });
  }
  void Cancel() override {
    std::lock_guard lock(mu_);
    cancelled_ = true;
  }
  bool cancelled() {
    std::lock_guard lock(mu_);
    return cancelled_;
  }

 private:
  std::mutex mu_;
  int left_;
  std::size_t piece_;
  int fail_at_;
  int sent_ = 0;
  int pulls_ = 0;
  bool cancelled_ = false;
  std::vector<std::thread> threads_;
};

using Head = absl::StatusOr<std::shared_ptr<UpstreamStream>>;

Head OpenAsyncAndWait(CurlStreamEngine& engine, const UpstreamRequest& request) {
  auto head = std::make_shared<std::promise<Head>>();
  engine.OpenAsync(request, [head](Head h) { head->set_value(std::move(h)); });
  auto future = head->get_future();
  if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    return absl::DeadlineExceededError("test: no head callback");
  }
  return future.get();
}

TEST(CurlStreamEngineTest, AStreamedBodyIsSentAsItsPiecesArrive) {
  std::atomic<std::size_t> received{0};
  std::string seen_length, seen_encoding, seen_method;
  UpstreamTestServer server([&](const Request& request, UpstreamTestServer::Respond respond) {
    seen_length = request.headers.Get("Content-Length").value_or("");
    seen_encoding = request.headers.Get("Transfer-Encoding").value_or("");
    seen_method = request.method;
    received = request.body.size();
    respond(Response::Text(201, "got " + std::to_string(request.body.size()), "text/plain"));
  });
  CurlStreamEngine engine(LoopbackStreams());
  for (bool with_length : {true, false}) {
    UpstreamRequest request{.method = "PATCH", .url = server.Url("/up")};
    request.body_stream = std::make_shared<LateSource>(10, 1000);
    if (with_length) request.body_length = 10'000;
    Head head = OpenAsyncAndWait(engine, request);
    ASSERT_TRUE(head.ok()) << head.status();
    EXPECT_EQ((*head)->status(), 201);
    auto body = ReadAll(**head);
    EXPECT_EQ(body.value_or(""), "got 10000");
    EXPECT_EQ(seen_method, "PATCH");
    EXPECT_EQ(seen_length, with_length ? "10000" : "");
    EXPECT_EQ(seen_encoding, with_length ? "" : "chunked");
  }
}

TEST(CurlStreamEngineTest, ASourceErrorAbortsTheTransferAndTheHeadHearsIt) {
  std::atomic<int> answered{0};
  UpstreamTestServer server([&](const Request&, UpstreamTestServer::Respond respond) {
    answered.fetch_add(1);
    respond(Response::Text(200, "complete", "text/plain"));
  });
  CurlStreamEngine engine(LoopbackStreams());
  UpstreamRequest request{.method = "POST", .url = server.Url("/up")};
  request.body_stream = std::make_shared<LateSource>(10, 1000, /*fail_at=*/3);
  request.body_length = 10'000;
  Head head = OpenAsyncAndWait(engine, request);
  EXPECT_FALSE(head.ok());
  EXPECT_EQ(answered.load(), 0) << "the provider saw a complete request";
  for (int i = 0; i < 100 && engine.open_streams() > 0; ++i) std::this_thread::sleep_for(milliseconds(10));
  EXPECT_EQ(engine.open_streams(), 0);
}

TEST(CurlStreamEngineTest, OpenAsyncWithoutABodyStreamKeepsTheHeadTimeout) {
  UpstreamTestServer server([&](const Request&, UpstreamTestServer::Respond respond) {
    server.RespondAfter(milliseconds(3000), std::move(respond), Response::Text(200, "late", "text/plain"));
  });
  CurlStreamEngineOptions options = LoopbackStreams();
  options.head_timeout = milliseconds(300);
  CurlStreamEngine engine(options);
  Head head = OpenAsyncAndWait(engine, UpstreamRequest{.method = "GET", .url = server.Url("/slow")});
  ASSERT_FALSE(head.ok());
  EXPECT_EQ(head.status().code(), absl::StatusCode::kDeadlineExceeded) << head.status();
}

}  // namespace
}  // namespace ucf::http
