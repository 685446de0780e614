#pragma once
// RecordingApiClient: passes every call to another connectors::ApiClient and keeps the last
// request and answer, so a failing contract test can show the upstream body that caused it
// (tests/contract/). Header-only; not thread-safe (one test at a time).

#include <string>

#include "ucf/connectors/api_client.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::testing {

class RecordingApiClient final : public connectors::ApiClient {
 public:
  explicit RecordingApiClient(connectors::ApiClient& inner) : inner_(inner) {}
  absl::StatusOr<http::UpstreamResponse> Send(std::string_view method, std::string_view path_or_url,
                                              std::string_view json_body,
                                              const http::Headers& extra_headers) override {
    last_request_ = core::StrCat(method, " ", path_or_url);
    auto response = inner_.Send(method, path_or_url, json_body, extra_headers);
    last_body_ = response.ok() ? response->body : std::string(response.status().message());
    return response;
  }
  std::string_view BaseUrl() const override { return inner_.BaseUrl(); }
  std::string_view ConnectionId() const override { return inner_.ConnectionId(); }
  std::string Last() const { return core::StrCat(last_request_, " answered:\n", last_body_); }

 private:
  connectors::ApiClient& inner_;
  std::string last_request_;
  std::string last_body_;
};

}  // namespace ucf::testing
