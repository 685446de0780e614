#include <gtest/gtest.h>

#include "boost/json/serialize.hpp"
#include "ucf/connectors/atlassian/test_support.hpp"
#include "ucf/connectors/jira/fixture.hpp"
#include "ucf/connectors/fake_api_client.hpp"
#include "ucf/connectors/jira/jira_connector.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::jira {
namespace {

using atlassian::testing::FieldOf;
using atlassian::testing::ParseJson;

using testing::Fixture;

class JiraWebhooksTest : public ::testing::Test {
 protected:
  std::unique_ptr<Connector> connector_ = MakeJiraConnector();
  FakeApiClient api_{"https://api.atlassian.com/ex/jira/cloud-1", "conn-1"};
};

TEST_F(JiraWebhooksTest, RegisterWithDefaultsThenLearnsTheExpiry) {
  api_.EnqueueJson(200, Fixture("webhook_register.json"));
  api_.EnqueueJson(200, Fixture("webhook_refresh.json"));
  auto reg =
      connector_->RegisterWebhook(api_, {.callback_url = "https://ucf.example.com/hooks/jira/c1"});
  ASSERT_TRUE(reg.ok()) << reg.status();
  EXPECT_EQ(reg->provider_webhook_id, "1000");
  EXPECT_EQ(reg->callback_url, "https://ucf.example.com/hooks/jira/c1");
  EXPECT_EQ(reg->events, (std::vector<std::string>{"jira:issue_created", "jira:issue_updated",
                                                   "comment_created"}));
  EXPECT_EQ(reg->expires_at, "2019-07-01T12:42:30.000Z");
  EXPECT_EQ(reg->details.at("jqlFilter").as_string(), "project != EMPTY");

  auto calls = api_.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].method, "POST");
  EXPECT_EQ(calls[0].url, "https://api.atlassian.com/ex/jira/cloud-1/rest/api/3/webhook");
  EXPECT_EQ(
      calls[0].body,
      R"({"url":"https://ucf.example.com/hooks/jira/c1","webhooks":[{"events":)"
      R"(["jira:issue_created","jira:issue_updated","comment_created"],"jqlFilter":"project != EMPTY"}]})");
  EXPECT_EQ(calls[1].method, "PUT");
  EXPECT_EQ(calls[1].url, "https://api.atlassian.com/ex/jira/cloud-1/rest/api/3/webhook/refresh");
  EXPECT_EQ(calls[1].body, R"({"webhookIds":[1000]})");
}

TEST_F(JiraWebhooksTest, RegisterWithOwnEventsAndFilterSurvivesAFailedExpiryLookup) {
  api_.EnqueueJson(200, R"({"webhookRegistrationResult":[{"createdWebhookId":1001}]})");
  api_.EnqueueJson(503, "");
  auto reg = connector_->RegisterWebhook(
      api_,
      {.callback_url = "https://h/x", .events = {"jira:issue_deleted"}, .filter = "project = EX"});
  ASSERT_TRUE(reg.ok()) << reg.status();
  EXPECT_EQ(reg->provider_webhook_id, "1001");
  EXPECT_FALSE(reg->expires_at.has_value());
  auto sent = ParseJson(api_.calls()[0].body);
  EXPECT_EQ(boost::json::serialize(sent.at("webhooks")),
            R"([{"events":["jira:issue_deleted"],"jqlFilter":"project = EX"}])");
}

TEST_F(JiraWebhooksTest, RegisterErrors) {
  EXPECT_EQ(FieldOf(connector_->RegisterWebhook(api_, {.callback_url = ""}).status()),
            "callbackUrl");
  EXPECT_TRUE(api_.calls().empty());

  api_.EnqueueJson(200, Fixture("webhook_register_errors.json"));
  auto rejected = connector_->RegisterWebhook(
      api_, {.callback_url = "https://h/x", .filter = "watchCount > 1"});
  EXPECT_EQ(rejected.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(rejected.status()), "filter");
  EXPECT_NE(core::ToStd(rejected.status().message()).find("watchCount is unsupported"),
            std::string_view::npos);

  api_.EnqueueJson(200, R"({"unexpected":true})");
  EXPECT_EQ(connector_->RegisterWebhook(api_, {.callback_url = "https://h/x"}).status().code(),
            absl::StatusCode::kInternal);

  api_.EnqueueJson(403, R"({"errorMessages":["Only OAuth apps can register webhooks"]})");
  EXPECT_EQ(connector_->RegisterWebhook(api_, {.callback_url = "https://h/x"}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(JiraWebhooksTest, RefreshAcceptsEpochMillisOrDateStrings) {
  WebhookRegistration reg{.provider_webhook_id = "1000,1001", .callback_url = "https://h/x"};
  api_.EnqueueJson(200, Fixture("webhook_refresh.json"));
  auto refreshed = connector_->RefreshWebhook(api_, reg);
  ASSERT_TRUE(refreshed.ok()) << refreshed.status();
  EXPECT_EQ(refreshed->expires_at, "2019-07-01T12:42:30.000Z");
  EXPECT_EQ(refreshed->provider_webhook_id, "1000,1001");
  EXPECT_EQ(api_.calls()[0].body, R"({"webhookIds":[1000,1001]})");

  api_.EnqueueJson(200, R"({"expirationDate":"2019-06-01T12:42:30.000+0000"})");
  EXPECT_EQ(connector_->RefreshWebhook(api_, reg)->expires_at, "2019-06-01T12:42:30.000Z");

  api_.EnqueueJson(200, R"({})");
  EXPECT_EQ(connector_->RefreshWebhook(api_, reg).status().code(), absl::StatusCode::kInternal);

  EXPECT_EQ(FieldOf(connector_->RefreshWebhook(api_, {.provider_webhook_id = "abc"}).status()),
            "providerWebhookId");
  EXPECT_EQ(FieldOf(connector_->RefreshWebhook(api_, {.provider_webhook_id = ""}).status()),
            "providerWebhookId");
}

TEST_F(JiraWebhooksTest, UnregisterDeletesByIds) {
  api_.EnqueueJson(202, "");
  ASSERT_TRUE(connector_->UnregisterWebhook(api_, {.provider_webhook_id = "1000, 1001"}).ok());
  auto call = api_.calls()[0];
  EXPECT_EQ(call.method, "DELETE");
  EXPECT_EQ(call.url, "https://api.atlassian.com/ex/jira/cloud-1/rest/api/3/webhook");
  EXPECT_EQ(call.body, R"({"webhookIds":[1000,1001]})");

  api_.EnqueueJson(404, "");
  EXPECT_EQ(connector_->UnregisterWebhook(api_, {.provider_webhook_id = "1"}).code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace ucf::connectors::jira
