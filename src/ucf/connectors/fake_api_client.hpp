#pragma once
// FakeApiClient: an ApiClient for connector unit tests. Requests go to a handler (or a queue of
// canned responses); every request is recorded. Non-2xx answers become Status exactly as the real
// client does (StatusFromUpstream), so connectors see the same errors.

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "ucf/connectors/api_client.hpp"

namespace ucf::connectors {

struct RecordedCall {
  std::string method;
  std::string url;  // absolute: base URL + path, or the absolute URL given
  std::string body;
  http::Headers headers;
};

class FakeApiClient final : public ApiClient {
 public:
  using Handler = std::function<http::UpstreamResponse(const RecordedCall&)>;

  explicit FakeApiClient(std::string base_url = "https://example.atlassian.net",
                         std::string connection_id = "conn-1");

  absl::StatusOr<http::UpstreamResponse> Send(std::string_view method, std::string_view path_or_url,
                                              std::string_view json_body,
                                              const http::Headers& extra_headers) override;
  std::string_view BaseUrl() const override { return base_url_; }
  std::string_view ConnectionId() const override { return connection_id_; }

  void SetHandler(Handler handler);
  // Answers the next request (FIFO) when no handler is set.
  void EnqueueJson(int status, std::string body, http::Headers headers = {});

  std::vector<RecordedCall> calls() const;

 private:
  std::string base_url_;
  std::string connection_id_;
  mutable std::mutex mu_;
  Handler handler_;
  std::deque<http::UpstreamResponse> queue_;
  std::vector<RecordedCall> calls_;
};

}  // namespace ucf::connectors
