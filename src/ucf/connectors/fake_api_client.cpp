#include "ucf/connectors/fake_api_client.hpp"

#include "ucf/core/strings.hpp"
#include "ucf/http/client/upstream_error.hpp"

namespace ucf::connectors {

FakeApiClient::FakeApiClient(std::string base_url, std::string connection_id)
    : base_url_(std::move(base_url)), connection_id_(std::move(connection_id)) {}

absl::StatusOr<http::UpstreamResponse> FakeApiClient::Send(std::string_view method,
                                                           std::string_view path_or_url,
                                                           std::string_view json_body,
                                                           const http::Headers& extra_headers) {
  RecordedCall call{std::string(method),
                    path_or_url.starts_with("/") ? core::StrCat(base_url_, path_or_url)
                                                 : std::string(path_or_url),
                    std::string(json_body), extra_headers};
  http::UpstreamResponse response;
  {
    std::lock_guard lock(mu_);
    calls_.push_back(call);
    if (handler_) {
      response = handler_(call);
    } else if (!queue_.empty()) {
      response = std::move(queue_.front());
      queue_.pop_front();
    } else {
      return absl::InternalError(core::StrCat("FakeApiClient: no response for ", method, " ", call.url));
    }
  }
  if (response.status < 200 || response.status > 299) return http::StatusFromUpstream(response, "fake");
  return response;
}

void FakeApiClient::SetHandler(Handler handler) {
  std::lock_guard lock(mu_);
  handler_ = std::move(handler);
}

void FakeApiClient::EnqueueJson(int status, std::string body, http::Headers headers) {
  headers.Set("Content-Type", "application/json");
  std::lock_guard lock(mu_);
  queue_.push_back(http::UpstreamResponse{status, std::move(headers), std::move(body)});
}

std::vector<RecordedCall> FakeApiClient::calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

}  // namespace ucf::connectors
