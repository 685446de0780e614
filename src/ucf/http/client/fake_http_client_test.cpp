#include "ucf/http/client/fake_http_client.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace ucf::http {
namespace {

TEST(FakeHttpClientTest, QueueThenHandlerThenFailure) {
  FakeHttpClient fake;
  fake.EnqueueJson(201, R"({"id":"1"})");
  fake.Enqueue(absl::UnavailableError("reset"));

  auto first = fake.Send({.method = "POST", .url = "https://x/items", .body = "{}"});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->status, 201);
  EXPECT_EQ(first->headers.Get("Content-Type"), "application/json");
  EXPECT_EQ(fake.Send({.url = "https://x/a"}).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(fake.Send({.url = "https://x/b"}).status().code(),
            absl::StatusCode::kFailedPrecondition);

  fake.SetHandler([](const UpstreamRequest& r) -> absl::StatusOr<UpstreamResponse> {
    return UpstreamResponse{.status = 200, .body = r.url};
  });
  auto handled = fake.Send({.url = "https://x/c"});
  ASSERT_TRUE(handled.ok());
  EXPECT_EQ(handled->body, "https://x/c");

  std::vector<UpstreamRequest> seen = fake.requests();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].body, "{}");
  EXPECT_EQ(seen[3].url, "https://x/c");
  EXPECT_EQ(fake.pending(), 0u);
}

TEST(FakeHttpClientTest, ConcurrentSendsAreAllRecorded) {
  FakeHttpClient fake([](const UpstreamRequest&) -> absl::StatusOr<UpstreamResponse> {
    return UpstreamResponse{.status = 204};
  });
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 50; ++j) (void)fake.Send({.url = "https://x/"});
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(fake.request_count(), 400u);
}

}  // namespace
}  // namespace ucf::http
