#include "ucf/http/server/server.hpp"

#include "ucf/core/strings.hpp"

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>


namespace ucf::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct Server::Impl {
  Impl(ServerOptions o, DispatchFn d, const observability::Logger& l, ScreenFn s)
      : options(std::move(o)),
        dispatch(std::move(d)),
        screen(std::move(s)),
        logger(l),
        ioc(options.io_threads),
        work(net::make_work_guard(ioc)),
        acceptor(net::make_strand(ioc)),
        accept_retry(acceptor.get_executor()) {}

  void Accept();
  void OnAcceptError(const beast::error_code& ec);

  ServerOptions options;
  DispatchFn dispatch;
  ScreenFn screen;
  const observability::Logger& logger;
  net::io_context ioc;
  // Keeps the network threads running while requests are on the worker pool (no pending I/O) and
  // after the acceptor closed during shutdown, so their responses can still be written.
  net::executor_work_guard<net::io_context::executor_type> work;
  tcp::acceptor acceptor;
  // Out of file descriptors (or kernel memory), accept() fails at once for as long as a connection
  // waits in the backlog; retrying at once would spin a network thread at 100% CPU. The next try
  // waits for this timer instead. Used on the acceptor's strand only.
  net::steady_timer accept_retry;
  bool accept_failing = false;  // logged once per episode
  std::vector<std::thread> threads;
  std::atomic<int> in_flight{0};
  // Sessions sending a streamed body, by id: Shutdown stops them (an SSE stream never ends alone).
  std::mutex streams_mu;
  std::map<std::uint64_t, std::function<void()>> stream_stoppers;
  std::uint64_t next_stream_id = 0;
  std::atomic<bool> draining{false};
  int bound_port = 0;

  std::mutex mu;
  std::condition_variable stopped_cv;
  bool started = false;
  bool stopped = false;
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl* server)
      : stream_(std::move(socket)), server_(server), watchdog_(stream_.get_executor()) {
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
    auto remote = stream_.socket().remote_endpoint(ec);
    if (!ec) client_ = remote.address().to_string();
  }

  void Start() { ReadHeader(/*first=*/true); }

 private:
  void ReadHeader(bool first) {
    parser_.emplace();
    head_.reset();
    body_parser_.reset();
    body_cancelled_ = body_failed_ = false;
    parser_->header_limit(static_cast<std::uint32_t>(server_->options.max_header_bytes));
    // The body limit is set once the route is known (a streaming route has none): Beast would
    // otherwise refuse a larger Content-Length while parsing the header.
    parser_->body_limit(boost::none);
    SetDeadline(first ? server_->options.header_timeout : server_->options.idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                               self->OnHeader(ec);
                             });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    // RFC 9112 §6.3: a request whose Transfer-Encoding does not end in chunked has no length we
    // can trust; serving it would let a proxy that frames it otherwise smuggle a request in.
    if (parser_->get().count(bhttp::field::transfer_encoding) != 0 && !parser_->chunked()) {
      return Reject(400, "invalid_request", "Transfer-Encoding must end with chunked");
    }
    if (server_->screen && Screened()) return;
    // No body (most GETs): skip a second read operation and its round trip through the scheduler.
    if (parser_->is_done()) return OnBody(ec);
    if (head_ && head_->stream_body) return DispatchStreamingBody();
    const std::size_t limit = server_->options.max_body_bytes;
    if (auto length = parser_->content_length(); length && *length > limit) {
      return OnReadError(bhttp::error::body_limit);
    }
    parser_->body_limit(limit);  // a chunked body is counted as it arrives
    SetDeadline(server_->options.header_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->OnBody(ec);
                      });
  }

  // Runs the header-phase screen; true when it refused the request (then already dispatched).
  bool Screened() {
    Request head = HeadRequest();
    if (head.rejection) return false;  // answered once the request is read
    head.context.client_address = client_;
    std::optional<Rejection> refused = server_->screen(head);
    if (!refused) {
      head_ = std::move(head);  // completed by OnBody
      return false;
    }
    // Without a body the connection may stay open; with one, the body is never read.
    body_unread_ = !parser_->is_done();
    head.keep_alive = head.keep_alive && !body_unread_;
    head.route = nullptr;
    head.path_params.clear();
    head.rejection = std::move(refused);
    Dispatch(std::move(head));
    return true;
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) {
      return Reject(431, "invalid_request", "request header fields too large");
    }
    if (ec == bhttp::error::body_limit) {
      return Reject(413, "payload_too_large",
                    core::StrCat("request body exceeds ", server_->options.max_body_bytes,
                                 " bytes"));
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      return Reject(400, "invalid_request", "malformed HTTP request");
    }
    Close();  // eof, timeout, reset: nothing to answer
  }

  void OnBody(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    Request request = head_ ? std::move(*head_) : HeadRequest();
    head_.reset();
    request.body = std::move(parser_->get().body());
    Dispatch(std::move(request));
  }

  // ---- Streamed request bodies (Request::body_stream): the route reads the body piece by piece.

  // Switches to a body parser that fills a fixed buffer (no body limit: nothing is accumulated)
  // and dispatches the request at once with a source the handler pulls from.
  void DispatchStreamingBody() {
    body_parser_.emplace(std::move(*parser_));
    parser_.reset();
    body_parser_->body_limit(boost::none);
    body_buffer_.resize(kBodyPieceBytes);
    Request request = std::move(*head_);
    head_.reset();
    request.body_stream = std::make_shared<SessionBodySource>(weak_from_this());
    Dispatch(std::move(request));
  }

  // The source given to the handler: forwards to the session's strand (weak: a finished session
  // answers with an error).
  class SessionBodySource final : public BodyStream {
   public:
    explicit SessionBodySource(std::weak_ptr<Session> session) : session_(std::move(session)) {}
    void Pull(std::function<void(Piece)> next) override {
      auto self = session_.lock();
      if (!self) return next(absl::UnavailableError("the client's connection is closed"));
      net::dispatch(self->stream_.get_executor(),
                    [self, next = std::move(next)]() mutable { self->PullBody(std::move(next)); });
    }
    void Cancel() override {
      if (auto self = session_.lock()) {
        net::dispatch(self->stream_.get_executor(), [self] { self->body_cancelled_ = true; self->body_next_ = nullptr; });
      }
    }

   private:
    std::weak_ptr<Session> session_;
  };

  // The handler's first pull means it accepts the body (authenticated, its target checked): a
  // client waiting on `Expect: 100-continue` hears 100 Continue now, and sends the body. A handler
  // that refuses never pulls: the client gets the final status and never sends the body.
  void PullBody(std::function<void(BodyStream::Piece)> next) {
    if (!body_parser_ || body_cancelled_) return next(absl::CancelledError("request body cancelled"));
    if (body_failed_) return next(absl::UnavailableError("the client stopped sending the request body"));
    if (body_parser_->is_done()) return next(std::optional<std::string>());
    auto& head = body_parser_->get();
    if (auto expect = head.find(bhttp::field::expect);
        expect != head.end() && head.version() >= 11 && beast::iequals(expect->value(), "100-continue")) {
      head.erase(expect);  // once per request
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      stream_.expires_after(server_->options.idle_timeout);
      return net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                              [self = shared_from_this(), next = std::move(next)](beast::error_code ec,
                                                                                  std::size_t) mutable {
                                if (!ec) return self->PullBody(std::move(next));
                                self->body_failed_ = true;
                                next(absl::UnavailableError("the client stopped sending the request body"));
                              });
    }
    body_next_ = std::move(next);
    auto& body = body_parser_->get().body();
    body.data = body_buffer_.data();
    body.size = body_buffer_.size();
    body.more = true;
    SetDeadline(server_->options.idle_timeout);  // a client stalled this long is gone
    bhttp::async_read_some(stream_, buffer_, *body_parser_,
                           [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             self->OnBodyPiece(ec);
                           });
  }

  void OnBodyPiece(beast::error_code ec) {
    ClearDeadline();  // the consumer's pace (an upstream) is not the client's idleness
    if (ec == bhttp::error::need_buffer) ec = {};
    std::function<void(BodyStream::Piece)> next = std::move(body_next_);
    body_next_ = nullptr;
    if (ec) {
      body_failed_ = true;
      if (next) next(absl::UnavailableError("the client stopped sending the request body"));
      return;
    }
    std::size_t got = body_buffer_.size() - body_parser_->get().body().size;
    if (next) next(std::optional<std::string>(std::string(body_buffer_.data(), got)));
  }

  // True while a streamed request body was not read to its end: the connection cannot carry
  // another request.
  bool BodyUnfinished() const { return body_parser_ && !body_parser_->is_done(); }

  // A handler that answers after its streamed body was sent (DeferredResponse).
  void AwaitDeferred(Response placeholder) {
    std::shared_ptr<DeferredResponse> deferred = std::move(placeholder.deferred);
    auto set = std::make_shared<Headers>(std::move(placeholder.headers));
    deferred->Await([self = shared_from_this(), set, head_only = placeholder.omit_body](Response real) {
      for (const auto& [name, value] : *set) real.headers.Remove(name);
      for (const auto& [name, value] : *set) real.headers.Add(name, value);
      real.omit_body = real.omit_body || head_only;  // HEAD
      net::dispatch(self->stream_.get_executor(),
                    [self, r = std::move(real)]() mutable { self->Write(std::move(r)); });
    });
  }

  // The request as far as its headers go (method, target, headers, keep-alive).
  Request HeadRequest() {
    auto& msg = parser_->get();
    Request request;
    request.method = std::string(msg.method_string());
    request.target = std::string(msg.target());
    for (const auto& field : msg) request.headers.Add(field.name_string(), field.value());
    request.keep_alive = msg.keep_alive();
    if (!request.SplitTarget()) {
      request.rejection = Rejection{400, "invalid_request", "malformed request target"};
    }
    return request;
  }

  void Reject(int status, std::string code, std::string message) {
    Request request;
    if (parser_ && parser_->is_header_done()) {
      request.method = std::string(parser_->get().method_string());
      request.target = std::string(parser_->get().target());
      for (const auto& field : parser_->get()) {
        request.headers.Add(field.name_string(), field.value());
      }
      request.SplitTarget();
    }
    request.keep_alive = false;
    request.rejection = Rejection{status, std::move(code), std::move(message)};
    Dispatch(std::move(request));
  }

  void Dispatch(Request request) {
    request.context.client_address = client_;
    keep_alive_ = request.keep_alive;
    ClearDeadline();
    server_->in_flight.fetch_add(1);
    server_->dispatch(std::move(request), [self = shared_from_this()](Response response) {
      // Inline handlers answer on the session's strand: dispatch runs the write at once;
      // worker threads' answers are queued to the strand.
      net::dispatch(self->stream_.get_executor(),
                    [self, r = std::move(response)]() mutable { self->Write(std::move(r)); });
    });
  }

  void Write(Response response) {
    if (response.deferred) return AwaitDeferred(std::move(response));
    if (response.stream) return WriteStream(std::move(response));
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(static_cast<unsigned>(response.status));
    for (const auto& [name, value] : response.headers) res->insert(name, value);
    bool keep = keep_alive_ && !server_->draining.load() && !BodyUnfinished();
    res->keep_alive(keep);
    if (response.omit_body) {
      res->content_length(response.body.size());
    } else {
      res->body() = std::move(response.body);
      res->prepare_payload();
    }
    SetDeadline(server_->options.idle_timeout);
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res, keep](beast::error_code ec, std::size_t) {
                         self->server_->in_flight.fetch_sub(1);
                         if (!ec && self->body_unread_) return self->Linger();
                         if (ec || !keep) return self->Close();
                         self->ReadHeader(/*first=*/false);
                       });
  }

  // ---- Streamed bodies (BodyStream): headers first, then one piece at a time. ----

  void WriteStream(Response response) {
    stream_body_ = std::move(response.stream);
    stream_active_ = true;
    auto res = std::make_shared<bhttp::response<bhttp::empty_body>>();
    res->version(11);
    res->result(static_cast<unsigned>(response.status));
    for (const auto& [name, value] : response.headers) res->insert(name, value);
    stream_keep_ = keep_alive_ && !server_->draining.load() && !BodyUnfinished();
    res->keep_alive(stream_keep_);
    // With a Content-Length the body goes out raw and must have exactly that length.
    stream_remaining_.reset();
    if (auto length = res->find(bhttp::field::content_length); length != res->end()) {
      std::uint64_t n = 0;
      std::string_view text(length->value().data(), length->value().size());
      if (text.empty() || text.size() > 19) n = UINT64_MAX;
      for (char c : text) {
        if (c < '0' || c > '9') { n = UINT64_MAX; break; }
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
      }
      if (n == UINT64_MAX) {
        res->erase(bhttp::field::content_length);  // unreadable: fall back to chunked
      } else {
        stream_remaining_ = n;
      }
    }
    if (!stream_remaining_) res->chunked(true);
    if (response.omit_body) {  // HEAD: headers only
      stream_body_->Cancel();
      stream_body_.reset();
    } else {
      RegisterStream();
    }
    auto serializer = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*res);
    SetDeadline(server_->options.idle_timeout);
    bhttp::async_write_header(
        stream_, *serializer,
        [self = shared_from_this(), res, serializer](beast::error_code ec, std::size_t) {
          if (!self->stream_active_) return;  // stopped meanwhile
          if (ec) return self->EndStream(/*complete=*/false, /*cancel=*/true);
          if (!self->stream_body_) return self->EndStream(/*complete=*/true, /*cancel=*/false);
          self->PullPiece();
        });
  }

  void PullPiece() {
    ClearDeadline();  // waiting for the producer (SSE: for an event) is not idleness
    // The callback owns the session while the producer holds it (no I/O is pending meanwhile);
    // Cancel makes the producer drop it.
    stream_body_->Pull([self = shared_from_this(), generation = stream_generation_](
                           BodyStream::Piece piece) {
      net::dispatch(self->stream_.get_executor(), [self, generation, p = std::move(piece)]() mutable {
        if (generation != self->stream_generation_ || !self->stream_active_) return;  // stopped
        self->OnPiece(std::move(p));
      });
    });
  }

  void OnPiece(BodyStream::Piece piece) {
    if (!piece.ok()) return EndStream(/*complete=*/false, /*cancel=*/false);
    if (!piece->has_value()) {
      if (stream_remaining_ && *stream_remaining_ != 0) {
        return EndStream(/*complete=*/false, /*cancel=*/false);  // shorter than announced
      }
      if (stream_remaining_) return EndStream(/*complete=*/true, /*cancel=*/false);
      SetDeadline(server_->options.idle_timeout);
      return net::async_write(stream_, bhttp::make_chunk_last(),
                              [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                self->EndStream(/*complete=*/!ec, /*cancel=*/false);  // no-op if stopped
                              });
    }
    auto data = std::make_shared<std::string>(std::move(**piece));
    if (data->empty()) return PullPiece();
    if (stream_remaining_) {
      if (data->size() > *stream_remaining_) {  // longer than announced: never send the excess
        return EndStream(/*complete=*/false, /*cancel=*/true);
      }
      *stream_remaining_ -= data->size();
    }
    auto on_written = [self = shared_from_this(), data](beast::error_code ec, std::size_t) {
      if (!self->stream_active_) return;  // stopped meanwhile
      if (ec) return self->EndStream(/*complete=*/false, /*cancel=*/true);
      self->PullPiece();
    };
    SetDeadline(server_->options.idle_timeout);
    if (stream_remaining_) {
      net::async_write(stream_, net::buffer(*data), std::move(on_written));
    } else {
      net::async_write(stream_, bhttp::make_chunk(net::buffer(*data)), std::move(on_written));
    }
  }

  // Ends the current stream once: unregisters it, cancels the producer when it did not end by
  // itself, and either goes on with the next request or closes the connection.
  void EndStream(bool complete, bool cancel) {
    if (!stream_active_) return;
    stream_active_ = false;
    ++stream_generation_;
    UnregisterStream();
    if (stream_body_) {
      if (cancel) stream_body_->Cancel();
      stream_body_.reset();
    }
    server_->in_flight.fetch_sub(1);
    if (!complete || !stream_keep_) return Close();
    ReadHeader(/*first=*/false);
  }

  void RegisterStream() {
    std::lock_guard lock(server_->streams_mu);
    stream_id_ = ++server_->next_stream_id;
    std::weak_ptr<Session> weak = weak_from_this();
    server_->stream_stoppers[stream_id_] = [weak] {
      auto self = weak.lock();
      if (!self) return;
      net::dispatch(self->stream_.get_executor(), [self] {
        self->EndStream(/*complete=*/false, /*cancel=*/true);
      });
    };
  }

  void UnregisterStream() {
    if (stream_id_ == 0) return;
    std::lock_guard lock(server_->streams_mu);
    server_->stream_stoppers.erase(stream_id_);
    stream_id_ = 0;
  }

  // After refusing a request whose body was never read: stop sending, then read and discard
  // what the client still sends (bounded in bytes and time) before closing, so that closing with
  // unread data (a TCP reset) does not destroy the answer before the client reads it.
  void Linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    SetDeadline(std::chrono::seconds(2));
    Drain(0);
  }

  void Drain(std::size_t drained) {
    stream_.async_read_some(net::buffer(drain_),
                            [self = shared_from_this(), drained](beast::error_code ec, std::size_t n) {
                              if (ec || drained + n >= kMaxDrainBytes) return self->Close();
                              self->Drain(drained + n);
                            });
  }

  // ---- Timeouts. One timer per connection, re-armed lazily, instead of beast's expiry per
  // operation: that arms a timer around every read and write and cancels it when the operation
  // completes, and each cancellation hands a completion to another network thread (about two
  // context switches per request, the larger part of a small request's cost). Here a request only
  // moves `deadline_`; the timer fires at the deadline it was armed for (at most one timeout
  // period late to notice a deadline moved later), re-arms if the deadline moved, and closes the
  // socket if it passed — the pending operation then fails and the session ends, as before.
  using Clock = std::chrono::steady_clock;
  static constexpr Clock::time_point kNever = Clock::time_point::max();

  void SetDeadline(Clock::duration timeout) {
    deadline_ = Clock::now() + timeout;
    // An earlier deadline than the armed one (a body after an idle wait, Linger) re-arms at once.
    if (!watchdog_armed_ || deadline_ < watchdog_.expiry()) ArmWatchdog();
  }
  void ClearDeadline() { deadline_ = kNever; }

  void ArmWatchdog() {
    watchdog_armed_ = true;
    watchdog_.expires_at(deadline_);  // a pending wait is cancelled and sees a stale generation
    watchdog_.async_wait([weak = weak_from_this(), generation = ++watchdog_generation_](beast::error_code ec) {
      auto self = weak.lock();
      if (!self || generation != self->watchdog_generation_) return;
      self->OnWatchdog(ec);
    });
  }

  void OnWatchdog(beast::error_code ec) {
    watchdog_armed_ = false;
    if (ec || closed_ || deadline_ == kNever) return;  // nothing timed now: SetDeadline re-arms
    if (Clock::now() < deadline_) return ArmWatchdog();  // moved later meanwhile
    beast::error_code ignored;  // timed out: the pending read or write fails and ends the session
    stream_.socket().close(ignored);
  }

  void Close() {
    closed_ = true;
    watchdog_.cancel();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  Server::Impl* server_;  // outlives every session: sessions live inside its io_context
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<Request> head_;  // the screened head of the request being read
  // A streamed request body (DispatchStreamingBody): its parser, the piece buffer, the pending Pull.
  static constexpr std::size_t kBodyPieceBytes = 64 * 1024;
  std::optional<bhttp::request_parser<bhttp::buffer_body>> body_parser_;
  std::vector<char> body_buffer_;
  std::function<void(BodyStream::Piece)> body_next_;
  bool body_cancelled_ = false;
  bool body_failed_ = false;
  std::string client_;
  bool keep_alive_ = true;
  bool body_unread_ = false;  // the header phase refused the request: its body was never read
  static constexpr std::size_t kMaxDrainBytes = 1 << 20;
  // The streamed body being sent (null otherwise), on the session's strand only.
  std::shared_ptr<BodyStream> stream_body_;
  std::optional<std::uint64_t> stream_remaining_;  // bytes still owed under a Content-Length
  std::uint64_t stream_generation_ = 0;  // bumped when a stream ends: late pieces are dropped
  std::uint64_t stream_id_ = 0;          // registration in Impl::stream_stoppers (0 = none)
  bool stream_keep_ = false;
  bool stream_active_ = false;  // between WriteStream and EndStream
  std::array<char, 8192> drain_;
  // Timeouts (SetDeadline), on the session's strand only.
  net::steady_timer watchdog_;
  Clock::time_point deadline_ = kNever;
  bool watchdog_armed_ = false;
  std::uint64_t watchdog_generation_ = 0;
  bool closed_ = false;
};

}  // namespace

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [self = this](beast::error_code ec, tcp::socket socket) {
    if (!self->acceptor.is_open()) return;  // shutting down
    if (ec) return self->OnAcceptError(ec);
    if (self->accept_failing) {
      self->accept_failing = false;
      self->logger.Info("ucf.http", "accepting connections again");
    }
    std::make_shared<Session>(std::move(socket), self)->Start();
    self->Accept();
  });
}

void Server::Impl::OnAcceptError(const beast::error_code& ec) {
  // A client that gave up before we accepted it: nothing is exhausted, take the next one.
  if (ec == net::error::connection_aborted || ec == net::error::try_again) return Accept();
  // EMFILE, ENFILE, ENOBUFS, ENOMEM and anything unexpected: keep serving the connections we have
  // and try again after a pause (the pending connection stays in the listen backlog).
  if (!accept_failing) {
    accept_failing = true;
    logger.Error("ucf.http", "cannot accept connections; retrying every 100 ms",
                 {{"error", ec.message()}});
  }
  accept_retry.expires_after(std::chrono::milliseconds(100));
  accept_retry.async_wait([self = this](beast::error_code wait_ec) {
    if (wait_ec || !self->acceptor.is_open()) return;  // cancelled: shutting down
    self->Accept();
  });
}

Server::Server(ServerOptions options, DispatchFn dispatch, const observability::Logger& logger,
               ScreenFn screen)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(dispatch), logger,
                                   std::move(screen))) {}

Server::~Server() { Shutdown(); }

absl::Status Server::Start() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec) return absl::InvalidArgumentError(core::StrCat("UCF_HOST: not an IP address: ", impl_->options.host));
  tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options.port));
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(core::StrCat("cannot listen on ", impl_->options.host, ":",
                                               impl_->options.port, ": ", ec.message()));
  }
  impl_->bound_port = acceptor.local_endpoint().port();
  if (impl_->options.on_bound) impl_->options.on_bound(impl_->bound_port);
  impl_->Accept();
  for (int i = 0; i < impl_->options.io_threads; ++i) {
    impl_->threads.emplace_back([impl = impl_.get()] { impl->ioc.run(); });
  }
  std::lock_guard lock(impl_->mu);
  impl_->started = true;
  return absl::OkStatus();
}

int Server::port() const { return impl_->bound_port; }

void Server::Shutdown() {
  {
    std::lock_guard lock(impl_->mu);
    if (!impl_->started || impl_->stopped || impl_->draining.exchange(true)) return;
  }
  net::post(impl_->acceptor.get_executor(), [impl = impl_.get()] {
    beast::error_code ec;
    impl->acceptor.close(ec);
    impl->accept_retry.cancel();
  });
  // Streams (SSE) would hold their connections for ever: end them now.
  std::map<std::uint64_t, std::function<void()>> stoppers;
  {
    std::lock_guard lock(impl_->streams_mu);
    stoppers.swap(impl_->stream_stoppers);
  }
  for (auto& [id, stop] : stoppers) stop();
  auto deadline = std::chrono::steady_clock::now() + impl_->options.shutdown_grace;
  while (impl_->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  // Let the last responses' writes complete before the loop stops.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  impl_->work.reset();
  impl_->ioc.stop();
  for (std::thread& t : impl_->threads) {
    if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
  }
  std::lock_guard lock(impl_->mu);
  impl_->stopped = true;
  impl_->stopped_cv.notify_all();
}

void Server::Wait() {
  std::unique_lock lock(impl_->mu);
  impl_->stopped_cv.wait(lock, [&] { return impl_->stopped || !impl_->started; });
}

}  // namespace ucf::http
