#include "ucf/http/client/upstream_error.hpp"

#include <gtest/gtest.h>

#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::http {
namespace {

using std::chrono::seconds;

const core::TimePoint kClockNow{seconds(1'750'000'000)};

UpstreamResponse Json(int status, std::string body) {
  UpstreamResponse r{.status = status, .body = std::move(body)};
  r.headers.Set("Content-Type", "application/json");
  return r;
}

TEST(UpstreamErrorTest, MapsStatusCodes) {
  struct Case {
    int status;
    absl::StatusCode code;
  } cases[] = {
      {200, absl::StatusCode::kOk},
      {204, absl::StatusCode::kOk},
      {400, absl::StatusCode::kInvalidArgument},
      {422, absl::StatusCode::kInvalidArgument},
      {401, absl::StatusCode::kUnauthenticated},
      {403, absl::StatusCode::kPermissionDenied},
      {404, absl::StatusCode::kNotFound},
      {410, absl::StatusCode::kNotFound},
      {408, absl::StatusCode::kDeadlineExceeded},
      {409, absl::StatusCode::kAborted},
      {412, absl::StatusCode::kFailedPrecondition},
      {429, absl::StatusCode::kResourceExhausted},
      {500, absl::StatusCode::kUnavailable},
      {502, absl::StatusCode::kUnavailable},
      {503, absl::StatusCode::kUnavailable},
      {501, absl::StatusCode::kUnimplemented},
      {302, absl::StatusCode::kUnknown},
      {418, absl::StatusCode::kUnknown},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(StatusFromUpstream(UpstreamResponse{.status = c.status}, "jira", kClockNow).code(), c.code)
        << c.status;
  }
}

TEST(UpstreamErrorTest, MessageAndDetailsCarryTheProvidersWords) {
  absl::Status s = StatusFromUpstream(
      Json(
          404,
          R"({"errorMessages":["Issue does not exist or you do not have permission to see it."]})"),
      "jira", kClockNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(
      core::ToStd(s.message()),
      "jira returned HTTP 404: Issue does not exist or you do not have permission to see it.");
  auto details = core::GetDetails(s);
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->at("provider"), "jira");
  EXPECT_EQ(details->at("upstreamStatus"), 404);
  EXPECT_EQ(details->at("upstreamMessage"),
            "Issue does not exist or you do not have permission to see it.");
  EXPECT_FALSE(details->contains("retryAfterSeconds"));

  absl::Status bare = StatusFromUpstream(UpstreamResponse{.status = 500}, "github", kClockNow);
  EXPECT_EQ(core::ToStd(bare.message()), "github returned HTTP 500");
}

TEST(UpstreamErrorTest, SecretsInProviderMessagesAreRedacted) {
  absl::Status s = StatusFromUpstream(
      Json(
          401,
          R"({"error":"invalid_token","error_description":"token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig123 expired; access_token=abc123secret"})"),
      "oauth", kClockNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnauthenticated);
  std::string message(core::ToStd(s.message()));
  EXPECT_EQ(message.find("eyJ"), std::string::npos) << message;
  EXPECT_EQ(message.find("abc123secret"), std::string::npos) << message;
  EXPECT_NE(message.find("invalid_token"), std::string::npos) << message;
  auto details = core::GetDetails(s);
  ASSERT_TRUE(details.has_value());
  std::string upstream(details->at("upstreamMessage").as_string());
  EXPECT_EQ(upstream.find("abc123secret"), std::string::npos);

  absl::Status github = StatusFromUpstream(
      Json(401,
           // A fake token, split so no source line looks like a real credential.
           R"({"message":"Bad credentials for Bearer gh)" R"(p_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE"})"),
      "github", kClockNow);
  EXPECT_EQ(core::ToStd(github.message()),
            "github returned HTTP 401: Bad credentials for Bearer ***");
}

TEST(UpstreamErrorTest, LongMessagesAreTruncated) {
  std::string long_text(2000, 'a');
  absl::Status s =
      StatusFromUpstream(Json(400, R"({"message":")" + long_text + R"("})"), "jira", kClockNow);
  auto details = core::GetDetails(s);
  ASSERT_TRUE(details.has_value());
  std::string upstream(details->at("upstreamMessage").as_string());
  EXPECT_EQ(upstream, std::string(kMaxUpstreamMessageBytes, 'a') + "\xE2\x80\xA6");
}

TEST(UpstreamErrorTest, RateLimitsCarryRetryAfter) {
  UpstreamResponse r = Json(429, R"({"message":"Rate limit exceeded"})");
  r.headers.Set("Retry-After", "30");
  absl::Status s = StatusFromUpstream(r, "jira", kClockNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  auto details = core::GetDetails(s);
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->at("retryAfterSeconds"), 30);
  EXPECT_EQ(details->at("provider"), "jira");

  UpstreamResponse github{.status = 403};
  github.headers.Set("X-RateLimit-Remaining", "0");
  github.headers.Set("X-RateLimit-Reset", "1750000061");
  s = StatusFromUpstream(github, "github", kClockNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  details = core::GetDetails(s);
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->at("retryAfterSeconds"), 61);

  UpstreamResponse unknown_wait{.status = 429};
  details = core::GetDetails(StatusFromUpstream(unknown_wait, "jira", kClockNow));
  ASSERT_TRUE(details.has_value());
  EXPECT_FALSE(details->contains("retryAfterSeconds"));
}

}  // namespace
}  // namespace ucf::http
