#include "ucf/observability/metrics.hpp"

#include <gtest/gtest.h>

namespace ucf::observability {
namespace {

TEST(MetricsTest, RendersPrometheusText) {
  MetricsRegistry registry;
  auto& requests = registry.Counter("http_requests_total", "Requests", {"method", "status"});
  requests.Increment({"GET", "200"});
  requests.Increment({"GET", "200"});
  requests.Increment({"POST", "4\"00"});
  auto& latency = registry.Histogram("http_request_duration_seconds", "Latency", {"route"},
                                     {0.1, 1});
  latency.Observe({"/"}, 0.05);
  latency.Observe({"/"}, 0.5);
  latency.Observe({"/"}, 5);
  std::string text = registry.RenderPrometheus();
  EXPECT_NE(text.find("# TYPE http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("http_requests_total{method=\"GET\",status=\"200\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("status=\"4\\\"00\""), std::string::npos);
  EXPECT_NE(text.find("http_request_duration_seconds_bucket{route=\"/\",le=\"0.1\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("http_request_duration_seconds_bucket{route=\"/\",le=\"1\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("http_request_duration_seconds_count{route=\"/\"} 3\n"), std::string::npos);
}

TEST(MetricsTest, SameNameReturnsSameFamily) {
  MetricsRegistry registry;
  EXPECT_EQ(&registry.Counter("a", "x", {}), &registry.Counter("a", "y", {}));
}

}  // namespace
}  // namespace ucf::observability
