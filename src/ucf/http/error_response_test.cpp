#include "ucf/http/error_response.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::http {
namespace {

TEST(ErrorResponseTest, MappingTable) {
  struct Case {
    absl::StatusCode code;
    int http;
    const char* error;
  } cases[] = {
      {absl::StatusCode::kInvalidArgument, 400, "invalid_request"},
      {absl::StatusCode::kUnauthenticated, 401, "unauthorized"},
      {absl::StatusCode::kPermissionDenied, 403, "forbidden"},
      {absl::StatusCode::kNotFound, 404, "not_found"},
      {absl::StatusCode::kAlreadyExists, 409, "conflict"},
      {absl::StatusCode::kAborted, 409, "conflict"},
      {absl::StatusCode::kResourceExhausted, 429, "rate_limited"},
      {absl::StatusCode::kUnavailable, 503, "unavailable"},
      {absl::StatusCode::kDeadlineExceeded, 504, "timeout"},
      {absl::StatusCode::kUnimplemented, 501, "not_implemented"},
      {absl::StatusCode::kInternal, 500, "internal_error"},
      {absl::StatusCode::kDataLoss, 500, "internal_error"},
  };
  for (const Case& c : cases) {
    Response r = ErrorFromStatus(absl::Status(c.code, "boom"));
    EXPECT_EQ(r.status, c.http);
    auto env = boost::json::parse(r.body).as_object();
    EXPECT_EQ(env["ok"], false);
    EXPECT_TRUE(env["data"].is_null());
    EXPECT_EQ(env["error"].as_object()["code"], c.error);
  }
}

TEST(ErrorResponseTest, InternalMessageIsGenericAndDetailsPassThrough) {
  Response r = ErrorFromStatus(absl::InternalError("db password=xyz failed"));
  EXPECT_EQ(r.body.find("xyz"), std::string::npos);
  Response limited = ErrorFromStatus(core::RateLimited("slow down", 7));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(*limited.headers.Get("retry-after"), "7");
  auto env = boost::json::parse(ErrorFromStatus(core::InvalidField("name", "is required")).body);
  EXPECT_EQ(env.as_object()["error"].as_object()["details"].as_object()["field"], "name");
}

TEST(ErrorResponseTest, SuccessEnvelope) {
  Response r = EnvelopeResponse(boost::json::value{{"a", 1}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"ok":true,"data":{"a":1},"error":null})");
}

}  // namespace
}  // namespace ucf::http
