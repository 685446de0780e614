#include "ucf/http/client/fake_http_client.hpp"

#include <fmt/format.h>

namespace ucf::http {

absl::StatusOr<UpstreamResponse> FakeHttpClient::Send(const UpstreamRequest& request) {
  Handler handler;
  {
    std::lock_guard lock(mu_);
    requests_.push_back(request);
    if (!queue_.empty()) {
      absl::StatusOr<UpstreamResponse> outcome = std::move(queue_.front());
      queue_.pop_front();
      return outcome;
    }
    handler = handler_;
  }
  if (handler) return handler(request);
  return absl::FailedPreconditionError(
      fmt::format("FakeHttpClient: no scripted response for {} {}", request.method, request.url));
}

void FakeHttpClient::Enqueue(absl::StatusOr<UpstreamResponse> outcome) {
  std::lock_guard lock(mu_);
  queue_.push_back(std::move(outcome));
}

void FakeHttpClient::EnqueueJson(int status, std::string body, Headers headers) {
  if (!headers.Has("Content-Type")) headers.Set("Content-Type", "application/json");
  Enqueue(
      UpstreamResponse{.status = status, .headers = std::move(headers), .body = std::move(body)});
}

void FakeHttpClient::SetHandler(Handler handler) {
  std::lock_guard lock(mu_);
  handler_ = std::move(handler);
}

std::vector<UpstreamRequest> FakeHttpClient::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::size_t FakeHttpClient::request_count() const {
  std::lock_guard lock(mu_);
  return requests_.size();
}

std::size_t FakeHttpClient::pending() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

}  // namespace ucf::http
