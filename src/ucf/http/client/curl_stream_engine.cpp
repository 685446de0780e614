#include "ucf/http/client/curl_stream_engine.hpp"

#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <chrono>
#include <thread>
#include <utility>
#include <vector>

#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/client/address_policy.hpp"
#include "ucf/http/client/curl_common.hpp"

namespace ucf::http {
// Named, not anonymous: Impl (declared in the header) holds CurlStreams, and a unity build
// (scripts/test.sh) makes this file an included one, where GCC warns about such members.
namespace curl_stream_internal {

class CurlStream;

}  // namespace curl_stream_internal
using curl_stream_internal::CurlStream;

struct CurlStreamEngine::Impl {
  explicit Impl(CurlStreamEngineOptions o) : options(std::move(o)), multi(curl_multi_init()) {}

  // Runs `command` on the engine thread (the only thread touching the multi and easy handles).
  // Once the engine stops, commands are dropped (its streams were already finished).
  void Post(std::function<void()> command) {
    std::lock_guard lock(mu);
    if (stopping) return;
    commands.push_back(std::move(command));
    curl_multi_wakeup(multi);
  }
  void Run();

  const CurlStreamEngineOptions options;
  CURLM* multi;
  std::thread thread;
  std::mutex mu;
  std::vector<std::function<void()>> commands;  // guarded by mu
  bool stopping = false;                        // guarded by mu
  // Engine thread only: the transfers in the multi handle, keeping their streams alive.
  std::map<CURL*, std::shared_ptr<CurlStream>> active;
  // Engine thread only: OpenAsync transfers without a streamed body, by head deadline.
  std::multimap<std::chrono::steady_clock::time_point, std::weak_ptr<CurlStream>> head_deadlines;
  // Fails the transfers whose head is overdue; returns the milliseconds to the next deadline.
  int ExpireHeads();
  std::atomic<int> open{0};
};

namespace curl_stream_internal {

class CurlStream final : public UpstreamStream, public std::enable_shared_from_this<CurlStream> {
 public:
  CurlStream(std::shared_ptr<CurlStreamEngine::Impl> engine, UpstreamRequest request)
      : engine_(std::move(engine)), request_(std::move(request)) {}
  ~CurlStream() override {
    if (easy_ != nullptr) curl_easy_cleanup(easy_);
  }

  int status() const override { return status_; }
  const Headers& headers() const override { return headers_; }

  // Builds the transfer (caller's thread) and hands it to the engine thread.
  absl::Status Start() {
    UCF_RETURN_IF_ERROR(curl::ValidateRequest(request_));
    absl::StatusOr<curl::Slist> list = curl::BuildHeaderList(request_);
    if (!list.ok()) return list.status();
    header_list_ = std::move(*list);
    easy_ = curl_easy_init();
    if (easy_ == nullptr) return absl::InternalError("libcurl could not create a handle");
    const CurlStreamEngineOptions& o = engine_->options;
    curl::ApplyTransportPolicy(easy_, request_, o.ca_file, o.connect_timeout, header_list_.get());
    curl_easy_setopt(easy_, CURLOPT_USERAGENT, o.user_agent.c_str());
    curl_easy_setopt(easy_, CURLOPT_HTTP_CONTENT_DECODING, 0L);  // bytes pass through unchanged
    long stall = std::max<long>(1, static_cast<long>(o.stall_timeout.count() / 1000));
    curl_easy_setopt(easy_, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(easy_, CURLOPT_LOW_SPEED_TIME, stall);
    curl_easy_setopt(easy_, CURLOPT_OPENSOCKETFUNCTION, &OnOpenSocket);
    curl_easy_setopt(easy_, CURLOPT_OPENSOCKETDATA, this);
    curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &OnBody);
    curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &OnHeader);
    curl_easy_setopt(easy_, CURLOPT_HEADERDATA, this);
    if (request_.body_stream) {
      SetStreamedBody();
    } else {
      curl::SetMethodAndBody(easy_, request_);
    }
    auto self = shared_from_this();
    engine_->Post([self] {
      CurlStreamEngine::Impl& e = *self->engine_;
      if (self->cancelled()) return self->Finish(absl::CancelledError("stream cancelled"));
      e.active.emplace(self->easy_, self);
      e.open.fetch_add(1);
      if (self->on_head_ && !self->request_.body_stream) {
        self->deadline_ = e.head_deadlines.emplace(std::chrono::steady_clock::now() + e.options.head_timeout, self);
      }
      curl_multi_add_handle(e.multi, self->easy_);
    });
    return absl::OkStatus();
  }

  // A transfer that could not start (OpenAsync): reports `status` to on_head.
  void Fail(absl::Status status) { Finish(std::move(status)); }

  // Asynchronous head (OpenAsync): `on_head` hears once, from the engine thread. Before Start.
  void OnHead(StreamingHttpClient::HeadFn on_head) { on_head_ = std::move(on_head); }

  // Engine thread: the head deadline passed; fails the transfer unless the head came.
  void HeadOverdue(bool erased) {
    if (erased) deadline_.reset();
    {
      std::lock_guard lock(mu_);
      if (head_ready_ || done_) return;
    }
    Remove(absl::DeadlineExceededError(core::StrCat("upstream ", request_.method, " ", LoggableOrigin(),
                                                    ": no response head within ",
                                                    engine_->options.head_timeout.count(), " ms")));
  }

  // Blocks until the head arrived, the transfer failed, or `timeout`.
  absl::Status WaitHead(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, timeout, [&] { return head_ready_ || done_; })) {
      lock.unlock();
      Cancel();
      return absl::DeadlineExceededError(
          core::StrCat("upstream ", request_.method, " ", LoggableOrigin(), ": no response head within ",
                       timeout.count(), " ms"));
    }
    if (head_ready_) return absl::OkStatus();
    return error_.ok() ? absl::UnavailableError("upstream closed before answering") : error_;
  }

  void Pull(std::function<void(Piece)> next) override {
    std::unique_lock lock(mu_);
    if (!buffer_.empty()) {
      std::string piece = std::move(buffer_);
      buffer_.clear();
      bool resume = std::exchange(paused_, false);
      lock.unlock();
      if (resume) Resume();
      next(std::optional<std::string>(std::move(piece)));
      return;
    }
    if (done_) {
      Piece end = error_.ok() ? Piece(std::optional<std::string>()) : Piece(error_);
      lock.unlock();
      next(std::move(end));
      return;
    }
    pending_ = std::move(next);
    bool resume = std::exchange(paused_, false);
    lock.unlock();
    if (resume) Resume();
  }

  void Cancel() override {
    {
      std::lock_guard lock(mu_);
      if (cancelled_) return;
      cancelled_ = true;
    }
    auto self = shared_from_this();
    engine_->Post([self] { self->Remove(absl::CancelledError("stream cancelled")); });
  }

  // Engine thread: the transfer ended (`status` OK or why not); removes it from the multi handle.
  void Remove(absl::Status status) {
    CurlStreamEngine::Impl& e = *engine_;
    if (deadline_) {
      e.head_deadlines.erase(*deadline_);
      deadline_.reset();
    }
    if (e.active.erase(easy_) > 0) {
      curl_multi_remove_handle(e.multi, easy_);
      e.open.fetch_sub(1);
    }
    Finish(std::move(status));
  }

  void Done(CURLcode code) {
    absl::Status status = code == CURLE_OK
                              ? absl::OkStatus()
                              : curl::TransportError(code, refused_, false, request_, 0);
    if (code == CURLE_WRITE_ERROR && cancelled()) status = absl::CancelledError("stream cancelled");
    Remove(std::move(status));
  }

 private:
  bool cancelled() {
    std::lock_guard lock(mu_);
    return cancelled_;
  }

  std::string LoggableOrigin() const {
    std::size_t scheme = request_.url.find("://");
    std::size_t end = request_.url.find_first_of("/?#", scheme == std::string::npos ? 0 : scheme + 3);
    return request_.url.substr(0, end);
  }

  void Resume() {
    auto self = shared_from_this();
    engine_->Post([self] {
      if (self->engine_->active.count(self->easy_) > 0) curl_easy_pause(self->easy_, CURLPAUSE_CONT);
    });
  }

  void Finish(absl::Status status) {
    std::function<void(Piece)> next;
    std::string rest;
    StreamingHttpClient::HeadFn on_head;
    bool cancel_upload = false;
    {
      std::lock_guard lock(mu_);
      if (done_) return;
      done_ = true;
      error_ = std::move(status);
      if (!head_ready_) on_head = std::move(on_head_);
      on_head_ = nullptr;
      cancel_upload = request_.body_stream != nullptr && !upload_ended_;
      if (pending_) {
        next = std::move(pending_);
        pending_ = nullptr;
        rest = std::move(buffer_);
        buffer_.clear();
      }
    }
    cv_.notify_all();
    if (cancel_upload) request_.body_stream->Cancel();
    if (on_head) on_head(error_.ok() ? absl::UnavailableError("upstream closed before answering") : error_);
    if (!next) return;
    if (!rest.empty()) return next(std::optional<std::string>(std::move(rest)));
    next(error_.ok() ? Piece(std::optional<std::string>()) : Piece(error_));
  }

  static std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto* s = static_cast<CurlStream*>(user);
    std::size_t n = size * count;
    StreamingHttpClient::HeadFn on_head;
    {
      std::lock_guard lock(s->mu_);
      if (s->head_ready_) return n;  // trailers
      if (curl::AddHeaderLine(std::string_view(data, n), s->headers_, &s->status_) != curl::HeaderLine::kEnd ||
          s->status_ < 200) {
        return n;
      }
      s->head_ready_ = true;
      on_head = std::move(s->on_head_);
      s->on_head_ = nullptr;
    }
    s->cv_.notify_all();
    if (s->deadline_) {  // engine thread: the head came in time
      s->engine_->head_deadlines.erase(*s->deadline_);
      s->deadline_.reset();
    }
    if (on_head) on_head(s->shared_from_this());
    return n;
  }

  static std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto* s = static_cast<CurlStream*>(user);
    std::size_t n = size * count;
    std::unique_lock lock(s->mu_);
    if (s->cancelled_) return 0;  // aborts the transfer
    if (!s->buffer_.empty() && s->buffer_.size() + n > s->engine_->options.buffer_bytes) {
      s->paused_ = true;
      return CURL_WRITEFUNC_PAUSE;  // libcurl keeps these bytes and offers them again on resume
    }
    s->buffer_.append(data, n);
    if (!s->pending_) return n;
    std::function<void(Piece)> next = std::move(s->pending_);
    s->pending_ = nullptr;
    std::string piece = std::move(s->buffer_);
    s->buffer_.clear();
    lock.unlock();
    next(std::optional<std::string>(std::move(piece)));
    return n;
  }

  // ---- Streamed request body: curl asks (OnRead), the source answers later (OnUploadPiece). ----

  void SetStreamedBody() {
    const std::string& method = request_.method;
    curl_easy_setopt(easy_, CURLOPT_UPLOAD, 1L);
    if (method != "PUT") curl_easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(easy_, CURLOPT_READFUNCTION, &OnRead);
    curl_easy_setopt(easy_, CURLOPT_READDATA, this);
    curl_slist* list = header_list_.release();
    if (request_.body_length) {
      curl_easy_setopt(easy_, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(*request_.body_length));
    } else {
      list = curl_slist_append(list, "Transfer-Encoding: chunked");
    }
    list = curl_slist_append(list, "Expect:");  // no 100-continue round trip (or 1 s wait)
    header_list_.reset(list);
    curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, header_list_.get());
  }

  // Engine thread. Hands out queued bytes; with none, pauses sending until the next piece arrives
  // (no thread waits). The queue is refilled ahead of libcurl's asks, up to buffer_bytes, so the
  // client's socket is read while the provider's is written.
  static std::size_t OnRead(char* out, std::size_t size, std::size_t count, void* user) {
    auto* s = static_cast<CurlStream*>(user);
    std::size_t room = size * count;
    std::unique_lock lock(s->mu_);
    if (s->cancelled_ || !s->upload_error_.ok()) return CURL_READFUNC_ABORT;
    std::size_t n = 0;
    while (n < room && !s->upload_q_.empty()) {
      std::string& front = s->upload_q_.front();
      std::size_t k = std::min(room - n, front.size() - s->upload_at_);
      std::copy_n(front.data() + s->upload_at_, k, out + n);
      n += k;
      s->upload_at_ += k;
      if (s->upload_at_ == front.size()) {
        s->upload_queued_ -= front.size();
        s->upload_q_.pop_front();
        s->upload_at_ = 0;
      }
    }
    if (n == 0 && s->upload_ended_) return 0;
    if (n == 0) s->send_paused_ = true;
    bool pull = s->StartPullLocked();
    lock.unlock();
    if (pull) s->PullUpload();
    return n > 0 ? n : CURL_READFUNC_PAUSE;
  }

  // Under mu_: whether to ask the source for another piece now (marks the pull in flight).
  bool StartPullLocked() {
    if (upload_pulling_ || upload_ended_ || !upload_error_.ok() || cancelled_ ||
        upload_queued_ >= engine_->options.buffer_bytes) {
      return false;
    }
    upload_pulling_ = true;
    return true;
  }

  void PullUpload() {
    request_.body_stream->Pull([self = shared_from_this()](Piece piece) { self->OnUploadPiece(std::move(piece)); });
  }

  // Any thread: the source's next piece; resumes a paused transfer and reads ahead.
  void OnUploadPiece(Piece piece) {
    bool resume;
    bool pull;
    {
      std::lock_guard lock(mu_);
      upload_pulling_ = false;
      if (!piece.ok()) {
        upload_error_ = piece.status();
      } else if (!piece->has_value()) {
        upload_ended_ = true;
      } else if (!(*piece)->empty()) {
        upload_queued_ += (*piece)->size();
        upload_q_.push_back(std::move(**piece));
      }
      resume = std::exchange(send_paused_, false);
      pull = StartPullLocked();
    }
    if (resume) Resume();
    if (pull) PullUpload();
  }

  static curl_socket_t OnOpenSocket(void* user, curlsocktype, curl_sockaddr* address) {
    auto* s = static_cast<CurlStream*>(user);
    if (!s->engine_->options.allow_private_networks &&
        IsRefusedAddress(&address->addr, static_cast<socklen_t>(address->addrlen))) {
      s->refused_ = true;
      return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  }

  const std::shared_ptr<CurlStreamEngine::Impl> engine_;
  const UpstreamRequest request_;  // its URL and body are read by libcurl during the transfer
  curl::Slist header_list_;
  CURL* easy_ = nullptr;
  bool refused_ = false;  // engine thread only
  // Engine thread only: this transfer's entry in Impl::head_deadlines until its head or end.
  std::optional<std::multimap<std::chrono::steady_clock::time_point, std::weak_ptr<CurlStream>>::iterator> deadline_;

  std::mutex mu_;
  std::condition_variable cv_;
  int status_ = 0;          // guarded by mu_ until head_ready_, then constant
  Headers headers_;         // likewise
  bool head_ready_ = false;
  bool done_ = false;
  bool cancelled_ = false;
  bool paused_ = false;
  absl::Status error_;
  std::string buffer_;
  std::function<void(Piece)> pending_;
  StreamingHttpClient::HeadFn on_head_;  // OpenAsync, until the head or the end
  // The streamed request body: the current piece and how far curl has read it.
  std::deque<std::string> upload_q_;  // pieces not yet handed to libcurl
  std::size_t upload_at_ = 0;          // bytes of the first piece already handed out
  std::size_t upload_queued_ = 0;
  bool upload_pulling_ = false;
  bool send_paused_ = false;
  bool upload_ended_ = false;
  absl::Status upload_error_;
};

}  // namespace curl_stream_internal

int CurlStreamEngine::Impl::ExpireHeads() {
  auto now = std::chrono::steady_clock::now();
  while (!head_deadlines.empty() && head_deadlines.begin()->first <= now) {
    std::shared_ptr<CurlStream> stream = head_deadlines.begin()->second.lock();
    head_deadlines.erase(head_deadlines.begin());
    if (stream) stream->HeadOverdue(/*erased=*/true);
  }
  if (head_deadlines.empty()) return 1000;
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(head_deadlines.begin()->first - now).count();
  return static_cast<int>(std::clamp<long long>(wait + 1, 1, 1000));
}

void CurlStreamEngine::Impl::Run() {
  while (true) {
    std::vector<std::function<void()>> batch;
    bool stop;
    {
      std::lock_guard lock(mu);
      batch.swap(commands);
      stop = stopping;
    }
    if (stop) break;  // commands queued with the stop only concerned streams finished below
    for (auto& command : batch) command();
    int running = 0;
    curl_multi_perform(multi, &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      auto it = active.find(msg->easy_handle);
      if (it == active.end()) continue;
      std::shared_ptr<CurlStream> stream = it->second;
      stream->Done(msg->data.result);
    }
    curl_multi_poll(multi, nullptr, 0, ExpireHeads(), nullptr);
  }
  // Stopping: abort what is still open; readers hear Cancelled.
  std::map<CURL*, std::shared_ptr<CurlStream>> rest = active;
  for (auto& [easy, stream] : rest) stream->Remove(absl::CancelledError("upstream engine stopped"));
}

CurlStreamEngine::CurlStreamEngine(CurlStreamEngineOptions options)
    : impl_(std::make_shared<Impl>(std::move(options))) {
  impl_->thread = std::thread([impl = impl_.get()] { impl->Run(); });
}

CurlStreamEngine::~CurlStreamEngine() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->stopping = true;
  }
  curl_multi_wakeup(impl_->multi);
  impl_->thread.join();
  curl_multi_cleanup(impl_->multi);
  impl_->multi = nullptr;
}

absl::StatusOr<std::shared_ptr<UpstreamStream>> CurlStreamEngine::Open(const UpstreamRequest& request) {
  auto stream = std::make_shared<CurlStream>(impl_, request);
  if (absl::Status started = stream->Start(); !started.ok()) return started;
  if (absl::Status head = stream->WaitHead(impl_->options.head_timeout); !head.ok()) return head;
  return stream;
}

void CurlStreamEngine::OpenAsync(const UpstreamRequest& request, HeadFn on_head) {
  auto stream = std::make_shared<CurlStream>(impl_, request);
  stream->OnHead(std::move(on_head));
  // A failed start never reached the engine thread: Finish reports it to on_head.
  if (absl::Status started = stream->Start(); !started.ok()) stream->Fail(std::move(started));
}

int CurlStreamEngine::open_streams() const { return impl_->open.load(); }

}  // namespace ucf::http
