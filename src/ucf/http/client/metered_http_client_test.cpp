#include "ucf/http/client/metered_http_client.hpp"

#include <gtest/gtest.h>

#include "ucf/http/client/fake_http_client.hpp"

namespace ucf::http {
namespace {

TEST(MeteredHttpClientTest, CountsEveryAttemptByPurposeAndStatusClass) {
  FakeHttpClient fake;
  observability::MetricsRegistry metrics;
  MeteredHttpClient client(fake, metrics);
  fake.Enqueue(UpstreamResponse{.status = 200, .headers = {}, .body = ""});
  fake.Enqueue(UpstreamResponse{.status = 404, .headers = {}, .body = ""});
  fake.Enqueue(absl::UnavailableError("connection refused"));
  UpstreamRequest jira{.url = "https://example.com/"};
  jira.purpose = "jira";
  EXPECT_TRUE(client.Send(jira).ok());
  EXPECT_TRUE(client.Send(jira).ok());
  EXPECT_FALSE(client.Send({.url = "https://example.com/"}).ok());
  std::string text = metrics.RenderPrometheus();
  EXPECT_NE(text.find(R"(ucf_upstream_requests_total{purpose="jira",status_class="2xx"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(ucf_upstream_requests_total{purpose="jira",status_class="4xx"} 1)"), std::string::npos);
  EXPECT_NE(text.find(R"(ucf_upstream_requests_total{purpose="other",status_class="error"} 1)"), std::string::npos);
}

}  // namespace
}  // namespace ucf::http
