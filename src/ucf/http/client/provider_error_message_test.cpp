#include "ucf/http/client/provider_error_message.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

namespace ucf::http {
namespace {

TEST(ProviderErrorMessageTest, CommonShapes) {
  struct Case {
    const char* name;
    const char* body;
    const char* want;
  } cases[] = {
      {"jira", R"({"errorMessages":["Issue does not exist"],"errors":{}})", "Issue does not exist"},
      {"jira fields", R"({"errorMessages":[],"errors":{"summary":"You must specify a summary."}})",
       "summary: You must specify a summary."},
      {"confluence v2",
       R"({"errors":[{"status":404,"code":"NOT_FOUND","title":"Page not found","detail":null}]})",
       "Page not found"},
      {"confluence v1", R"({"statusCode":403,"message":"Not permitted"})", "Not permitted"},
      {"github", R"({"message":"Bad credentials","documentation_url":"https://docs.github.com"})",
       "Bad credentials"},
      {"github validation",
       R"({"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}]})",
       "Validation Failed; title: missing_field"},
      {"oauth", R"({"error":"invalid_grant","error_description":"Refresh token expired"})",
       "invalid_grant: Refresh token expired"},
      {"oauth bare", R"({"error":"invalid_client"})", "invalid_client"},
      {"salesforce",
       R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])",
       "INVALID_SESSION_ID: Session expired or invalid"},
      {"nested error", R"({"error":{"code":400,"message":"Bad field"}})", "Bad field"},
      {"detail", R"({"detail":"Not found."})", "Not found."},
      {"plain text", "Service Unavailable\nmore lines", "Service Unavailable"},
      {"html", "<html><body>502 Bad Gateway</body></html>", ""},
      {"empty", "", ""},
      {"unknown json", R"({"foo":1})", ""},
      {"broken json", R"({"message": "cut)", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(ExtractProviderMessage(c.body), c.want) << c.name;
}

// Issue #9: a provider body listing 100,000 distinct errors was compared pairwise (quadratic).
TEST(ProviderErrorMessageTest, ManyErrorsKeepTheFirstFewInLinearTime) {
  std::string body = R"({"errorMessages":[)";
  for (int i = 0; i < 100'000; ++i) body += (i ? ",\"e" : "\"e") + std::to_string(i) + "\"";
  body += "]}";
  auto start = std::chrono::steady_clock::now();
  std::string message = ExtractProviderMessage(body);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 2.0);
  EXPECT_EQ(message.rfind("e0; e1; e2", 0), 0u);
  EXPECT_EQ(std::count(message.begin(), message.end(), ';'), 15);
}

}  // namespace
}  // namespace ucf::http
