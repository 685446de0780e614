// Streamed response bodies (http::BodyStream) on a real socket: chunked and fixed-length bodies,
// pieces produced later on other threads without holding a worker, back-pressure, aborts, client
// disconnects and shutdown.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
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

// A stream fed by the test: pieces queued with Push/End/Fail are handed out on Pull, from the
// pushing thread when a Pull is waiting (as an event source would).
class ScriptedStream final : public BodyStream {
 public:
  void Pull(std::function<void(Piece)> next) override {
    std::unique_lock lock(mu_);
    ++pulls_;
    if (!queue_.empty()) {
      Piece piece = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      next(std::move(piece));
      return;
    }
    waiting_ = std::move(next);
    cv_.notify_all();
  }
  void Cancel() override {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    waiting_ = nullptr;
    cv_.notify_all();
  }

  void Push(Piece piece) {
    std::unique_lock lock(mu_);
    if (waiting_) {
      auto next = std::move(waiting_);
      waiting_ = nullptr;
      lock.unlock();
      next(std::move(piece));
      return;
    }
    queue_.push_back(std::move(piece));
  }
  void Send(std::string bytes) { Push(std::optional<std::string>(std::move(bytes))); }
  void End() { Push(std::optional<std::string>()); }

  bool WaitForPull(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return waiting_ != nullptr || cancelled_; }) &&
           !cancelled_;
  }
  bool WaitCancelled(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return cancelled_; });
  }
  int pulls() {
    std::lock_guard lock(mu_);
    return pulls_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Piece> queue_;
  std::function<void(Piece)> waiting_;
  bool cancelled_ = false;
  int pulls_ = 0;
};

class ServerStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(served_.Start(std::vector<Route>{
        {"GET", "/stream",
         [this](Request&) { return Response::Stream(200, stream_, "text/event-stream"); }, "",
         Access::kPublic, Execution::kWorker},
        {"GET", "/sized",
         [this](Request&) {
           Response r = Response::Stream(200, stream_, "application/octet-stream");
           r.headers.Set("Content-Length", "10");
           return r;
         },
         "", Access::kPublic, Execution::kWorker},
        {"GET", "/work",
         [](Request&) {
           Response r;
           r.body = "done";
           return r;
         },
         "", Access::kPublic, Execution::kWorker},
    }));
  }
  std::string Url(const std::string& path) { return served_.Url(path); }

  std::shared_ptr<ScriptedStream> stream_ = std::make_shared<ScriptedStream>();
  testing::ServedRoutes served_;
};

TEST_F(ServerStreamTest, PiecesArriveChunkedWhileTheWorkerServesOthers) {
  auto answer = std::async(std::launch::async, [&] { return Fetch("GET", Url("/stream")); });
  ASSERT_TRUE(stream_->WaitForPull(5s));
  stream_->Send("data: one\n\n");
  ASSERT_TRUE(stream_->WaitForPull(5s));
  // The stream waits for its next piece; the only worker thread is free for other requests.
  auto other = Fetch("GET", Url("/work"), {}, {}, 2000);
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.body, "done");
  std::thread producer([&] {
    stream_->Send("data: two\n\n");
    stream_->Send("");  // allowed, sends nothing
    stream_->Send("data: three\n\n");
    stream_->End();
  });
  auto r = answer.get();
  producer.join();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "data: one\n\ndata: two\n\ndata: three\n\n");
  EXPECT_EQ(r.headers.Get("Content-Type").value_or(""), "text/event-stream");
  EXPECT_EQ(r.headers.Get("Transfer-Encoding").value_or(""), "chunked");
}

TEST_F(ServerStreamTest, KeepAliveContinuesAfterAStreamEnds) {
  stream_->Send("a");
  stream_->Send("b");
  stream_->End();
  std::string raw = RawExchange(served_.port(),
                                "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n"
                                "GET /work HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                3000);
  EXPECT_NE(raw.find("Transfer-Encoding: chunked"), std::string::npos) << raw;
  EXPECT_NE(raw.find("1\r\na\r\n1\r\nb\r\n0\r\n\r\n"), std::string::npos) << raw;
  EXPECT_NE(raw.find("\r\n\r\ndone"), std::string::npos) << raw;  // the second answer came
}

TEST_F(ServerStreamTest, AFixedLengthStreamGoesOutRawAndMustNotRunShort) {
  stream_->Send("01234");
  stream_->Send("56789");
  stream_->End();
  auto r = Fetch("GET", Url("/sized"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "0123456789");
  EXPECT_FALSE(r.headers.Get("Transfer-Encoding").has_value());

  auto shorter = std::make_shared<ScriptedStream>();
  stream_ = shorter;
  shorter->Send("0123");
  shorter->End();  // 4 of 10 bytes: the connection closes, the client sees a short body
  auto cut = Fetch("GET", Url("/sized"), {}, {}, 3000);
  EXPECT_TRUE(cut.status == 0 || cut.body.size() < 10) << cut.body;
}

TEST_F(ServerStreamTest, AnErrorPieceAbortsWithoutTheLastChunk) {
  stream_->Send("partial");
  stream_->Push(absl::UnavailableError("upstream reset"));
  std::string raw = RawExchange(served_.port(), "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n", 3000);
  EXPECT_NE(raw.find("partial"), std::string::npos) << raw;
  EXPECT_EQ(raw.find("0\r\n\r\n"), std::string::npos) << raw;  // no proper end
}

TEST_F(ServerStreamTest, AClientThatLeavesCancelsTheStream) {
  auto answer = std::async(std::launch::async, [&] { return Fetch("GET", Url("/stream"), {}, {}, 500); });
  ASSERT_TRUE(stream_->WaitForPull(5s));
  answer.get();  // the client gave up after 500 ms and closed its connection
  // The next piece cannot be delivered: the write fails and the producer is told.
  for (int i = 0; i < 50 && !stream_->WaitCancelled(100ms); ++i) stream_->Send(std::string(65536, 'x'));
  EXPECT_TRUE(stream_->WaitCancelled(1s));
}

TEST_F(ServerStreamTest, ShutdownEndsAStreamThatWouldNeverEnd) {
  auto answer = std::async(std::launch::async, [&] { return Fetch("GET", Url("/stream"), {}, {}, 10'000); });
  ASSERT_TRUE(stream_->WaitForPull(5s));
  auto start = std::chrono::steady_clock::now();
  served_.server().Shutdown();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);  // not the 5 s grace
  EXPECT_TRUE(stream_->WaitCancelled(1s));
  answer.get();
}

TEST_F(ServerStreamTest, HeadSendsHeadersOnlyAndReleasesTheStream) {
  auto r = Fetch("HEAD", Url("/stream"), {}, {}, 3000);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(stream_->WaitCancelled(1s));
  EXPECT_EQ(stream_->pulls(), 0);
}

}  // namespace
}  // namespace ucf::http
