// CurlHttpClient against a real local HTTP server (ucf_http_server on 127.0.0.1, port 0).

#include "ucf/http/client/curl_http_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "ucf/core/error_details.hpp"
#include "ucf/http/client/retrying_http_client.hpp"
#include "ucf/http/client/upstream_test_server.hpp"

namespace ucf::http {
namespace {

using std::chrono::milliseconds;

CurlHttpClientOptions Loopback() { return CurlHttpClientOptions{.allow_private_networks = true}; }

// Echoes the request: status 200, the method, a header and the body.
void Echo(const Request& request, UpstreamTestServer::Respond respond) {
  Response response = Response::Text(200, request.body, "text/plain");
  response.headers.Set("X-Method", request.method);
  response.headers.Set("X-Target", request.target);
  response.headers.Set("X-Saw-Custom", request.headers.Get("X-Custom").value_or("<none>"));
  response.headers.Set("X-Saw-Content-Type",
                       request.headers.Get("Content-Type").value_or("<none>"));
  response.headers.Set("X-Saw-Expect", request.headers.Get("Expect").value_or("<none>"));
  respond(std::move(response));
}

TEST(CurlHttpClientTest, GetRoundTripsHeadersAndStatus) {
  UpstreamTestServer server(Echo);
  CurlHttpClient client(Loopback());
  UpstreamRequest request{.method = "GET", .url = server.Url("/items?q=a%20b")};
  request.headers.Set("X-Custom", "v1");
  absl::StatusOr<UpstreamResponse> response = client.Send(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->headers.Get("X-Method"), "GET");
  EXPECT_EQ(response->headers.Get("x-target"), "/items?q=a%20b");
  EXPECT_EQ(response->headers.Get("X-Saw-Custom"), "v1");
  EXPECT_EQ(response->body, "");
}

TEST(CurlHttpClientTest, PostSendsBodyWithoutExpectOrFormContentType) {
  UpstreamTestServer server(Echo);
  CurlHttpClient client(Loopback());
  std::string big(200 * 1024, 'x');  // large enough for libcurl to consider Expect: 100-continue
  absl::StatusOr<UpstreamResponse> response =
      client.Send({.method = "POST", .url = server.Url("/create"), .body = big});
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->headers.Get("X-Method"), "POST");
  EXPECT_EQ(response->body, big);
  EXPECT_EQ(response->headers.Get("X-Saw-Expect"), "<none>");
  EXPECT_EQ(response->headers.Get("X-Saw-Content-Type"), "<none>");
}

TEST(CurlHttpClientTest, OtherMethodsAndContentType) {
  UpstreamTestServer server(Echo);
  CurlHttpClient client(Loopback());
  UpstreamRequest put{.method = "PUT", .url = server.Url("/x"), .body = R"({"a":1})"};
  put.headers.Set("Content-Type", "application/json");
  auto response = client.Send(put);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->headers.Get("X-Method"), "PUT");
  EXPECT_EQ(response->headers.Get("X-Saw-Content-Type"), "application/json");
  EXPECT_EQ(response->body, R"({"a":1})");

  for (std::string method : {"PATCH", "DELETE", "OPTIONS"}) {
    response = client.Send({.method = method, .url = server.Url("/x")});
    ASSERT_TRUE(response.ok()) << method << ": " << response.status();
    EXPECT_EQ(response->headers.Get("X-Method"), method);
  }
  response = client.Send({.method = "HEAD", .url = server.Url("/x")});
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "");
}

TEST(CurlHttpClientTest, ErrorStatusesAndRedirectsAreResponses) {
  UpstreamTestServer server([](const Request& request, UpstreamTestServer::Respond respond) {
    if (request.path == "/moved") {
      Response r = Response::Text(302, "", "text/plain");
      r.headers.Set("Location", "http://169.254.169.254/latest/meta-data");
      return respond(std::move(r));
    }
    respond(Response::Json(404, R"({"errorMessages":["Issue does not exist"]})"));
  });
  CurlHttpClient client(Loopback());
  auto missing = client.Send({.url = server.Url("/missing")});
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->headers.Get("Content-Type"), "application/json");
  EXPECT_EQ(missing->body, R"({"errorMessages":["Issue does not exist"]})");

  auto moved = client.Send({.url = server.Url("/moved")});
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->status, 302);  // not followed
  EXPECT_EQ(server.requests(), 2);
}

TEST(CurlHttpClientTest, SequentialRequestsReuseOneConnection) {
  UpstreamTestServer server(Echo);
  CurlHttpClient client(Loopback());
  for (int i = 0; i < 5; ++i) {
    auto response = client.Send({.url = server.Url("/r")});
    ASSERT_TRUE(response.ok()) << response.status();
  }
  CurlHttpClientStats stats = client.stats();
  EXPECT_EQ(stats.requests, 5u);
  EXPECT_EQ(stats.connections_opened, 1u);
}

TEST(CurlHttpClientTest, ConcurrentSendsAllSucceed) {
  UpstreamTestServer server(Echo);
  CurlHttpClient client(Loopback());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        std::string body = std::to_string(t * 100 + i);
        auto response = client.Send({.method = "POST", .url = server.Url("/c"), .body = body});
        if (response.ok() && response->body == body) ok.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 80);
  EXPECT_LE(client.stats().connections_opened, 8u);  // each thread's handle keeps its connection
}

TEST(CurlHttpClientTest, TotalTimeoutIsDeadlineExceeded) {
  UpstreamTestServer slow([&slow](const Request&, UpstreamTestServer::Respond respond) {
    slow.RespondAfter(milliseconds(1500), std::move(respond),
                      Response::Text(200, "late", "text/plain"));
  });
  CurlHttpClient client(Loopback());
  auto started = std::chrono::steady_clock::now();
  auto response = client.Send({.url = slow.Url("/slow"), .timeout = milliseconds(200)});
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDeadlineExceeded) << response.status();
  EXPECT_LT(elapsed, milliseconds(1200));
}

TEST(CurlHttpClientTest, ResponseOverTheCapIsResourceExhausted) {
  UpstreamTestServer server([](const Request& request, UpstreamTestServer::Respond respond) {
    std::size_t size = request.path == "/big" ? 4096 : 1024;
    respond(Response::Text(200, std::string(size, 'b'), "text/plain"));
  });
  CurlHttpClient client(
      CurlHttpClientOptions{.max_response_bytes = 1024, .allow_private_networks = true});
  auto big = client.Send({.url = server.Url("/big")});
  EXPECT_EQ(big.status().code(), absl::StatusCode::kResourceExhausted) << big.status();
  auto details = core::GetDetails(big.status());
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->at("reason"), "response_too_large");
  EXPECT_EQ(details->at("limitBytes"), 1024);

  auto exact = client.Send({.url = server.Url("/exact")});
  ASSERT_TRUE(exact.ok()) << exact.status();
  EXPECT_EQ(exact->body.size(), 1024u);
}

TEST(CurlHttpClientTest, LoopbackIsRefusedWhenPrivateNetworksAreNotAllowed) {
  UpstreamTestServer server(Echo);
  CurlHttpClient client(CurlHttpClientOptions{.allow_private_networks = false});
  std::string port = std::to_string(server.port());
  for (std::string url : {"http://127.0.0.1:" + port + "/", "http://localhost:" + port + "/",
                          "http://[::1]:" + port + "/", "http://0.0.0.0:" + port + "/",
                          "http://127.1:" + port + "/"}) {
    auto response = client.Send({.url = url});
    EXPECT_EQ(response.status().code(), absl::StatusCode::kPermissionDenied)
        << url << ": " << response.status();
  }
  EXPECT_EQ(server.requests(), 0);
  EXPECT_EQ(client.stats().connections_opened, 0u);
  EXPECT_GE(client.stats().connections_refused, 5u);

  CurlHttpClient allowed(Loopback());
  auto response = allowed.Send({.url = "http://localhost:" + port + "/"});
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(server.requests(), 1);
}

TEST(CurlHttpClientTest, TransportFailuresAreUnavailable) {
  int port = 0;
  {
    UpstreamTestServer gone(Echo);
    port = gone.port();
  }
  CurlHttpClient client(Loopback());
  auto refused = client.Send({.url = "http://127.0.0.1:" + std::to_string(port) + "/"});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnavailable) << refused.status();
  auto unresolvable = client.Send({.url = "http://no-such-host.invalid/"});
  EXPECT_EQ(unresolvable.status().code(), absl::StatusCode::kUnavailable) << unresolvable.status();
}

TEST(CurlHttpClientTest, MalformedRequestsAreInvalidArgument) {
  CurlHttpClient client(Loopback());
  const UpstreamRequest cases[] = {
      {.url = "ftp://example.com/file"},
      {.url = "file:///etc/passwd"},
      {.url = "example.com/no-scheme"},
      {.method = "", .url = "https://example.com/"},
      {.method = "GE T", .url = "https://example.com/"},
  };
  for (const UpstreamRequest& request : cases) {
    EXPECT_EQ(client.Send(request).status().code(), absl::StatusCode::kInvalidArgument)
        << request.url;
  }
  UpstreamRequest injected{.url = "https://example.com/"};
  injected.headers.Set("X-Evil", "a\r\nHost: other");
  EXPECT_EQ(client.Send(injected).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client.stats().requests, 0u);
}

TEST(CurlHttpClientTest, ErrorMessagesOmitQueryAndUserInfo) {
  CurlHttpClient client(CurlHttpClientOptions{.allow_private_networks = false});
  auto response = client.Send({.url = "http://user:hunter2@127.0.0.1:9/p?access_token=s3cr3t"});
  ASSERT_FALSE(response.ok());
  std::string message(response.status().message());
  EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
  EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << message;
  EXPECT_NE(message.find("http://127.0.0.1:9/p"), std::string::npos) << message;
}

TEST(CurlHttpClientTest, RetryingOverCurlRecoversFromA503) {
  std::atomic<int> calls{0};
  UpstreamTestServer server([&calls](const Request&, UpstreamTestServer::Respond respond) {
    if (calls.fetch_add(1) == 0) {
      Response r = Response::Json(503, R"({"message":"busy"})");
      r.headers.Set("Retry-After", "2");
      return respond(std::move(r));
    }
    respond(Response::Json(200, R"({"ok":true})"));
  });
  CurlHttpClient curl(Loopback());
  core::FakeClock clock;
  FakeSleeper sleeper(&clock);
  FixedRandomSource random(0.5);
  RetryingHttpClient client(curl, RetryOptions{}, clock, sleeper, random);
  auto response = client.Send({.url = server.Url("/r")});
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(sleeper.sleeps(), std::vector<milliseconds>{milliseconds(2000)});
  EXPECT_EQ(curl.stats().connections_opened, 1u);
}

}  // namespace
}  // namespace ucf::http
