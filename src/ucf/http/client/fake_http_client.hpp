#pragma once
// FakeHttpClient: a scripted HttpClient for unit tests of code that calls providers.
//
// Each Send records the request, then answers with the oldest scripted outcome still queued, or,
// once the queue is empty, with the handler's answer; with neither it returns
// FailedPrecondition "FakeHttpClient: no scripted response for <METHOD> <url>" so a test that
// under-scripts fails loudly. Thread-safe; the handler runs outside the fake's lock and must be
// thread-safe itself when Send is called concurrently.

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "ucf/http/client/http_client.hpp"

namespace ucf::http {

class FakeHttpClient final : public HttpClient {
 public:
  using Handler = std::function<absl::StatusOr<UpstreamResponse>(const UpstreamRequest&)>;

  FakeHttpClient() = default;
  explicit FakeHttpClient(Handler handler) : handler_(std::move(handler)) {}

  absl::StatusOr<UpstreamResponse> Send(const UpstreamRequest& request) override;

  // Queues one outcome (a response or a transport error).
  void Enqueue(absl::StatusOr<UpstreamResponse> outcome);
  // Queues a response; "Content-Type: application/json" is added unless `headers` has one.
  void EnqueueJson(int status, std::string body, Headers headers = {});
  void SetHandler(Handler handler);

  // Every request seen so far, oldest first (copies).
  std::vector<UpstreamRequest> requests() const;
  std::size_t request_count() const;
  // Scripted outcomes not yet consumed.
  std::size_t pending() const;

 private:
  mutable std::mutex mu_;
  std::deque<absl::StatusOr<UpstreamResponse>> queue_;  // guarded by mu_
  Handler handler_;                                     // guarded by mu_
  std::vector<UpstreamRequest> requests_;               // guarded by mu_
};

}  // namespace ucf::http
