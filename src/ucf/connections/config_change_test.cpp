#include "ucf/connections/config_change.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/connectors/config_fields.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::connections {
namespace {

class SiteConnector final : public connectors::HttpConnector {
 public:
  SiteConnector() {
    d_.id = "acme";
    d_.config_fields = {{"baseUrl", "Site", "url", false, "", "", connectors::BaseUrlAliases()}};
    d_.credential_fields = {{"email", "E-mail", "email", true, "", "", connectors::EmailAliases()},
                            {"apiKey", "Key", "secret", true, "", "", connectors::ApiKeyAliases()}};
  }
  const connectors::ConnectorDescription& Describe() const override { return d_; }
  absl::StatusOr<connectors::AccountInfo> CheckCredentials(connectors::ApiClient&) const override {
    return connectors::AccountInfo{};
  }

 private:
  connectors::ConnectorDescription d_;
};

boost::json::object Json(const char* text) { return boost::json::parse(text).as_object(); }

storage::ConnectionRecord ApiTokenConnection() {
  storage::ConnectionRecord c;
  c.id = "con_1";
  c.connector_id = "acme";
  c.auth_method = "api_key";
  c.status = storage::ConnectionStatus::kConnected;
  c.config = Json(R"({"baseUrl":"https://acme.example","email":"a@acme.example"})");
  c.secret_config = Json(R"({"apiKey":"OLD-SECRET"})");
  return c;
}

std::string FieldOf(const absl::Status& s) {
  auto d = core::GetDetails(s);
  return d && d->contains("field") ? std::string(d->at("field").as_string()) : "";
}

TEST(ConfigChangeTest, AChangedSiteDropsTheCredentialsAndNeedsACheck) {
  // Issue 9 hole 1: a new site never keeps the credentials given for the old one.
  SiteConnector connector;
  auto change = PlanConfigChange(connector, nullptr, ApiTokenConnection(),
                                 Json(R"({"baseUrl":"https://elsewhere.example","email":"a@acme.example"})"));
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_TRUE(change->destination_changed);
  EXPECT_TRUE(change->credentials_dropped);
  ASSERT_TRUE(change->secret_config.has_value());
  EXPECT_TRUE(change->secret_config->empty());
  EXPECT_TRUE(change->needs_check);
  // The original's spelling of the same site is no change at all.
  auto same = PlanConfigChange(connector, nullptr, ApiTokenConnection(),
                               Json(R"({"base_url":"https://acme.example","api_email":"a@acme.example"})"));
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_FALSE(same->destination_changed);
  EXPECT_FALSE(same->secret_config.has_value());
  EXPECT_FALSE(same->needs_check);
}

TEST(ConfigChangeTest, NewCredentialsComeSealedAndAreCheckedBeforeUse) {
  SiteConnector connector;
  auto change = PlanConfigChange(
      connector, nullptr, ApiTokenConnection(),
      Json(R"({"baseUrl":"https://elsewhere.example","email":"b@x.example","api_token":"NEW-SECRET"})"));
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_FALSE(change->credentials_dropped);
  EXPECT_EQ(change->secret_config->at("api_token"), "NEW-SECRET");
  EXPECT_EQ(boost::json::serialize(change->config).find("NEW-SECRET"), std::string::npos);
  EXPECT_TRUE(change->needs_check);
  // Another Basic user on the same site: the secret stays, but the pair is unproven.
  auto user = PlanConfigChange(connector, nullptr, ApiTokenConnection(),
                               Json(R"({"baseUrl":"https://acme.example","email":"mallory@x.example"})"));
  ASSERT_TRUE(user.ok());
  EXPECT_FALSE(user->secret_config.has_value());
  EXPECT_TRUE(user->needs_check);
}

TEST(ConfigChangeTest, UnknownKeysAreRefusedNamingThem) {
  SiteConnector connector;
  for (const char* json : {R"({"baseUrl":"https://acme.example","pw":"x"})",
                           R"({"apiBaseUrl":"https://elsewhere.example"})"}) {
    auto change = PlanConfigChange(connector, nullptr, ApiTokenConnection(), Json(json));
    EXPECT_TRUE(absl::IsInvalidArgument(change.status())) << json;
    EXPECT_TRUE(FieldOf(change.status()).starts_with("config.")) << FieldOf(change.status());
  }
}

TEST(ConfigChangeTest, AnOAuthConnectionsConfigBelongsToTheServer) {
  SiteConnector connector;
  storage::ConnectionRecord c = ApiTokenConnection();
  c.auth_method = "oauth2";
  c.secret_config = {};
  c.config = Json(R"({"cloudId":"c1","apiBaseUrl":"https://api.example/ex/c1"})");
  for (const char* json : {R"({"apiBaseUrl":"https://elsewhere.example"})", R"({"baseUrl":"https://e.example"})"}) {
    auto change = PlanConfigChange(connector, nullptr, c, Json(json));
    EXPECT_TRUE(absl::IsInvalidArgument(change.status())) << json;
  }
  EXPECT_EQ(FieldOf(PlanConfigChange(connector, nullptr, c, Json(R"({"apiBaseUrl":"x"})")).status()),
            "config.apiBaseUrl");
  auto nothing = PlanConfigChange(connector, nullptr, c, {});
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ(nothing->config, c.config);
  EXPECT_FALSE(nothing->needs_check);
}

}  // namespace
}  // namespace ucf::connections
