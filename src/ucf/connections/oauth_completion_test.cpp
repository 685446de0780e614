#include "ucf/connections/oauth_completion.hpp"

#include "ucf/auth/oauth/authorization_flow.hpp"

#include <gtest/gtest.h>

#include <map>

#include "boost/json/parse.hpp"
#include "boost/url/parse.hpp"
#include "ucf/auth/oauth/form_encoding.hpp"
#include "ucf/auth/oauth/oauth_test_support.hpp"
#include "ucf/auth/oauth/pkce.hpp"
#include "ucf/connections/site_choice.hpp"
#include "ucf/auth/oauth/token_response.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::auth::oauth::test_support {
namespace {

using namespace ::ucf::connections;  // the lifecycle code under test

using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::string_view kRedirect =
    "https://app.example.com/oauth/callback?next=/dash&x=a%20b+c";

std::map<std::string, std::string> QueryOf(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  EXPECT_TRUE(parsed.has_value()) << url;
  auto params = DecodeFormParams(std::string_view(parsed->encoded_query()));
  EXPECT_TRUE(params.ok());
  std::map<std::string, std::string> out;
  for (auto& [k, v] : *params) out[k] = v;
  return out;
}

std::string FieldOf(const absl::Status& s) {
  auto details = core::GetDetails(s);
  if (!details || !details->contains("field")) return "";
  return std::string(details->at("field").as_string());
}

std::string Message(const absl::Status& s) { return std::string(core::ToStd(s.message())); }

class AuthorizationFlowTest : public OAuthTest {
 protected:
  AuthorizationFlow& flow() {
    if (!flow_) {
      flow_ = std::make_unique<AuthorizationFlow>(*db_, http_, clock_, catalog_, resolver_);
    }
    return *flow_;
  }
  connections::OAuthCompletion& completion() {
    if (!completion_) completion_ = std::make_unique<connections::OAuthCompletion>(*db_, flow());
    return *completion_;
  }
  const catalog::ProviderSpec& Spec(std::string_view id) { return *catalog_.Find(id); }
  OAuthClientSettings Client(std::vector<std::string> scopes = {}) {
    return {std::string(kClientId), std::string(kClientSecret), std::move(scopes),
            std::string(kRedirect)};
  }
  AuthorizationStart StartAcme(const audit::Actor& actor, std::string_view name = "") {
    auto started = flow().Start(actor, Spec("acme"), Client(), name, {{"region", "eu1"}});
    EXPECT_TRUE(started.ok()) << started.status();
    return started.ok() ? *started : AuthorizationStart{};
  }
  void EnqueueTokens(std::string access = "at-1", std::string refresh = "rt-1") {
    http_.EnqueueJson(
        200, core::StrCat(R"({"access_token":")", access, R"(","refresh_token":")", refresh,
                          R"(","token_type":"bearer","expires_in":3600,
                                           "scope":"read write","instance_url":"https://i.acme.test"})"));
  }
  std::int64_t ConnectionCount(const std::string& tenant) {
    auto page = Read([&](storage::Session& s) {
      return s.connections().List(tenant, storage::ConnectionFilter{}, "", 100);
    });
    EXPECT_TRUE(page.ok());
    return static_cast<std::int64_t>(page->items.size());
  }

  audit::Actor actor_a_{"a", "key_a", "req-1", "10.0.0.1"};
  audit::Actor actor_b_{"b", "key_b", "req-2", "10.0.0.2"};
  std::unique_ptr<AuthorizationFlow> flow_;
  std::unique_ptr<connections::OAuthCompletion> completion_;
};

TEST_P(AuthorizationFlowTest, StartEncodesEveryAuthorizeParameter) {
  auto started =
      flow().Start(actor_a_, Spec("acme"), Client({"read", "write:all"}), "", {{"region", "eu1"}});
  ASSERT_TRUE(started.ok()) << started.status();
  const std::string& url = started->auth_url;
  EXPECT_TRUE(
      url.starts_with("https://eu1.id.acme.test/oauth/authorize?tenant=main&response_type="))
      << url;
  // Spaces between scopes and every reserved character of the redirect URI are percent-encoded.
  EXPECT_TRUE(core::Contains(url, "&scope=read%20write%3Aall&")) << url;
  EXPECT_TRUE(core::Contains(url,
                             "&redirect_uri=https%3A%2F%2Fapp.example.com%2Foauth%2Fcallback%"
                             "3Fnext%3D%2Fdash%26x%3Da%2520b%2Bc&"))
      << url;
  EXPECT_FALSE(core::Contains(url, " "));
  EXPECT_FALSE(core::Contains(url, "#"));

  auto q = QueryOf(url);
  EXPECT_EQ(q["tenant"], "main");
  EXPECT_EQ(q["response_type"], "code");
  EXPECT_EQ(q["client_id"], kClientId);
  EXPECT_EQ(q["redirect_uri"], kRedirect);
  EXPECT_EQ(q["scope"], "read write:all");
  EXPECT_EQ(q["state"], started->state);
  EXPECT_EQ(q["code_challenge"], started->code_challenge);
  EXPECT_EQ(q["code_challenge_method"], "S256");
  EXPECT_EQ(q["prompt"], "consent");
  EXPECT_EQ(q.count("code_verifier"), 0u);
  EXPECT_EQ(started->state.size(), 43u);  // 256 bits
  EXPECT_EQ(started->expires_at, clock_.Now() + minutes(10));

  // Stored: the hash of the state (never the state), with the verifier behind the challenge.
  auto record = Write([&](storage::Session& s) {
    return s.oauth_states().Consume(HashState(started->state), clock_.Now());
  });
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->tenant_id, "a");
  EXPECT_EQ(record->connector_id, "acme");
  EXPECT_EQ(record->redirect_uri, kRedirect);
  EXPECT_EQ(record->scopes, (std::vector<std::string>{"read", "write:all"}));
  EXPECT_EQ(record->connection_name, "acme");
  EXPECT_EQ(CodeChallengeS256(record->code_verifier), started->code_challenge);
  EXPECT_EQ(record->expires_at, clock_.Now() + minutes(10));
  EXPECT_EQ(record->extra.at("urlParams").at("region").as_string(), "eu1");
  EXPECT_EQ(http_.request_count(), 0u);
}

TEST_P(AuthorizationFlowTest, StartForAtlassianUsesAudiencePromptAndNoPkce) {
  auto started = flow().Start(actor_a_, Spec("jira"), Client(), "", {});
  ASSERT_TRUE(started.ok()) << started.status();
  EXPECT_TRUE(started->auth_url.starts_with("https://auth.atlassian.com/authorize?"));
  EXPECT_TRUE(started->code_challenge.empty());
  auto q = QueryOf(started->auth_url);
  EXPECT_EQ(q["audience"], "api.atlassian.com");
  EXPECT_EQ(q["prompt"], "consent");
  EXPECT_EQ(q["scope"], "read:jira-work write:jira-work read:jira-user manage:jira-webhook offline_access");
  EXPECT_EQ(q.count("code_challenge"), 0u);
  EXPECT_EQ(q.count("code_challenge_method"), 0u);
}

TEST_P(AuthorizationFlowTest, StartRejectsBadInput) {
  catalog::ProviderSpec api_key_only;
  api_key_only.id = "pg";
  api_key_only.auth_methods = {"basic"};
  EXPECT_EQ(FieldOf(flow().Start(actor_a_, api_key_only, Client(), "", {}).status()), "method");

  for (const char* uri : {"", "not a url", "ftp://app.example.com/cb", "https:///cb",
                          "https://app.example.com/cb#frag", "https://app.example.com/a b"}) {
    OAuthClientSettings c = Client();
    c.redirect_uri = uri;
    EXPECT_EQ(FieldOf(flow().Start(actor_a_, Spec("acme"), c, "", {{"region", "eu1"}}).status()),
              "redirectUri")
        << uri;
  }
  EXPECT_EQ(
      FieldOf(flow()
                  .Start(actor_a_, Spec("acme"), Client({"read write"}), "", {{"region", "eu1"}})
                  .status()),
      "scopes");
  EXPECT_EQ(FieldOf(flow().Start(actor_a_, Spec("acme"), Client(), "", {}).status()),
            "urlParams.region");
  EXPECT_EQ(
      FieldOf(
          flow().Start(actor_a_, Spec("acme"), Client(), "", {{"region", "evil.com/x"}}).status()),
      "urlParams.region");
  OAuthClientSettings no_client = Client();
  no_client.client_id.clear();
  EXPECT_EQ(
      flow().Start(actor_a_, Spec("acme"), no_client, "", {{"region", "eu1"}}).status().code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST_P(AuthorizationFlowTest, CompleteExchangesTheCodeAndStoresEverythingOnce) {
  AuthorizationStart started = StartAcme(actor_a_);
  EnqueueTokens();
  auto done = completion().Complete(actor_a_, "acme", "code-123", started.state);
  ASSERT_TRUE(done.ok()) << done.status();

  // The exchange request: form-encoded POST with basic client auth and the PKCE verifier.
  ASSERT_EQ(http_.request_count(), 1u);
  http::UpstreamRequest req = http_.requests()[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, kTokenUrl);
  EXPECT_EQ(req.headers.Get("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(req.headers.Get("Accept"), "application/json");
  EXPECT_EQ(req.headers.Get("Authorization"),
            "Basic " + core::Base64Encode("client-1:s3cr3t%2F%2B%26%3D+x"));
  auto body = DecodeFormParams(req.body);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(FindParam(*body, "grant_type"), "authorization_code");
  EXPECT_EQ(FindParam(*body, "code"), "code-123");
  EXPECT_EQ(FindParam(*body, "redirect_uri"), kRedirect);
  ASSERT_TRUE(FindParam(*body, "code_verifier").has_value());
  EXPECT_EQ(CodeChallengeS256(*FindParam(*body, "code_verifier")), started.code_challenge);
  EXPECT_FALSE(FindParam(*body, "client_secret").has_value());
  EXPECT_FALSE(FindParam(*body, "client_id").has_value());  // authenticated by the header

  // The outcome.
  EXPECT_TRUE(done->created);
  EXPECT_EQ(done->connection.tenant_id, "a");
  EXPECT_EQ(done->connection.connector_id, "acme");
  EXPECT_EQ(done->connection.name, "acme");
  EXPECT_EQ(done->connection.auth_method, "oauth2");
  EXPECT_EQ(done->connection.status, storage::ConnectionStatus::kConnected);
  EXPECT_EQ(done->connection.config.at("apiBaseUrl").as_string(), "https://api.acme.test/eu1");
  EXPECT_EQ(done->connection.config.at("instance_url").as_string(), "https://i.acme.test");
  EXPECT_EQ(done->connection.config.at("urlParams").at("region").as_string(), "eu1");
  EXPECT_EQ(done->scopes, (std::vector<std::string>{"read", "write"}));
  EXPECT_EQ(done->token_expires_at, clock_.Now() + seconds(3600));
  EXPECT_TRUE(done->has_refresh_token);
  EXPECT_EQ(done->token_version, 1);

  auto token = CurrentToken("a", done->connection.id);
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(token->access_token, "at-1");
  EXPECT_EQ(token->refresh_token, "rt-1");
  EXPECT_EQ(token->token_type, "Bearer");
  EXPECT_EQ(token->expires_at, clock_.Now() + seconds(3600));

  EXPECT_EQ(AuditActions("a"), (std::vector<std::string>{"connection.created", "token.stored"}));
  EXPECT_EQ(AuditEntry("a", "connection.created").actor, "key_a");
  EXPECT_EQ(AuditEntry("a", "token.stored").request_id, "req-1");
  std::string audit = AuditText("a");
  for (const char* secret : {"at-1", "rt-1", "code-123", "s3cr3t"}) {
    EXPECT_FALSE(core::Contains(audit, secret)) << secret;
  }

  // The state is single use: a replay fails without reaching the provider.
  auto replay = completion().Complete(actor_a_, "acme", "code-123", started.state);
  EXPECT_EQ(replay.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(replay.status()), "state");
  EXPECT_TRUE(core::Contains(Message(replay.status()), "already used")) << replay.status();
  EXPECT_EQ(http_.request_count(), 1u);
}

TEST_P(AuthorizationFlowTest, StateExpiresAfterTenMinutes) {
  AuthorizationStart in_time = StartAcme(actor_a_, "in-time");
  AuthorizationStart too_late = StartAcme(actor_a_, "too-late");
  clock_.Advance(minutes(10) - seconds(1));
  EnqueueTokens();
  EXPECT_TRUE(completion().Complete(actor_a_, "acme", "c1", in_time.state).ok());
  clock_.Advance(seconds(1));
  auto expired = completion().Complete(actor_a_, "acme", "c2", too_late.state);
  EXPECT_EQ(expired.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(core::Contains(Message(expired.status()), "expired")) << expired.status();
  EXPECT_EQ(http_.request_count(), 1u);
  EXPECT_EQ(ConnectionCount("a"), 1);
}

// Issue 9, hole 8: abandoned states do not pile up — the periodic purge deletes expired ones.
TEST_P(AuthorizationFlowTest, ExpiredStatesArePurged) {
  StartAcme(actor_a_, "abandoned-1");
  StartAcme(actor_a_, "abandoned-2");
  clock_.Advance(minutes(5));
  AuthorizationStart later = StartAcme(actor_a_, "later");
  EXPECT_EQ(flow().PurgeExpiredStates().value(), 0);
  clock_.Advance(minutes(5));  // the first two expire now
  EXPECT_EQ(flow().PurgeExpiredStates().value(), 2);
  EXPECT_EQ(flow().PurgeExpiredStates().value(), 0);
  EnqueueTokens();
  EXPECT_TRUE(completion().Complete(actor_a_, "acme", "c1", later.state).ok());
}

TEST_P(AuthorizationFlowTest, ForeignTenantAndOtherConnectorStoreNothing) {
  AuthorizationStart started = StartAcme(actor_a_);
  auto foreign = completion().Complete(actor_b_, "acme", "code", started.state);
  EXPECT_EQ(foreign.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(foreign.status()), "state");
  EXPECT_TRUE(core::Contains(Message(foreign.status()), "unknown")) << foreign.status();

  auto other = completion().Complete(actor_a_, "jira", "code", started.state);
  EXPECT_EQ(other.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(other.status()),
            "invalid field 'state': was issued for connector acme, not jira");

  EXPECT_EQ(http_.request_count(), 0u);
  EXPECT_EQ(ConnectionCount("a"), 0);
  EXPECT_EQ(ConnectionCount("b"), 0);
  EXPECT_TRUE(Audit("a").empty());
  EXPECT_TRUE(Audit("b").empty());

  // Neither attempt used the state up for its owner.
  EnqueueTokens();
  EXPECT_TRUE(completion().Complete(actor_a_, "acme", "code", started.state).ok());
}

TEST_P(AuthorizationFlowTest, UnknownOrMissingInputs) {
  EXPECT_EQ(FieldOf(completion().Complete(actor_a_, "acme", "code", "nope").status()), "state");
  EXPECT_EQ(FieldOf(completion().Complete(actor_a_, "acme", "code", "").status()), "state");
  EXPECT_EQ(FieldOf(completion().Complete(actor_a_, "acme", "", "x").status()), "code");
  EXPECT_EQ(FieldOf(completion().Complete(actor_a_, "acme", "code", std::string(600, 'x')).status()),
            "state");
}

TEST_P(AuthorizationFlowTest, ProviderRejectionStoresNothingAndUsesTheStateUp) {
  AuthorizationStart started = StartAcme(actor_a_);
  http_.EnqueueJson(400, R"({"error":"invalid_grant","error_description":"code expired"})");
  auto done = completion().Complete(actor_a_, "acme", "stale-code", started.state);
  EXPECT_EQ(done.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(done.status()),
            "Acme ID rejected the authorization code: invalid_grant: code expired");
  EXPECT_EQ(OAuthErrorOf(done.status()), "invalid_grant");
  EXPECT_FALSE(core::Contains(Message(done.status()), "stale-code"));
  EXPECT_EQ(ConnectionCount("a"), 0);
  EXPECT_TRUE(Audit("a").empty());
  EXPECT_EQ(FieldOf(completion().Complete(actor_a_, "acme", "code", started.state).status()), "state");
}

TEST_P(AuthorizationFlowTest, ProviderOutageStoresNothing) {
  AuthorizationStart started = StartAcme(actor_a_);
  http_.EnqueueJson(503, "{}");
  EXPECT_EQ(completion().Complete(actor_a_, "acme", "code", started.state).status().code(),
            absl::StatusCode::kUnavailable);
  AuthorizationStart second = StartAcme(actor_a_);
  http_.Enqueue(absl::DeadlineExceededError("POST timed out"));
  EXPECT_EQ(completion().Complete(actor_a_, "acme", "code", second.state).status().code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(ConnectionCount("a"), 0);
}

TEST_P(AuthorizationFlowTest, BrowserRedirectCompletesForTheStartingTenantAndKey) {
  AuthorizationStart started = StartAcme(actor_a_, "crm");
  EnqueueTokens();
  auto done = completion().CompleteRedirect(
      {.code = "code", .state = started.state, .request_id = "req-9", .client_address = "1.2.3.4"});
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->connection.tenant_id, "a");
  EXPECT_EQ(done->connection.name, "crm");
  auto entry = AuditEntry("a", "connection.created");
  EXPECT_EQ(entry.actor, "key_a");
  EXPECT_EQ(entry.request_id, "req-9");
  EXPECT_EQ(entry.client_address, "1.2.3.4");
}

TEST_P(AuthorizationFlowTest, BrowserRedirectWithProviderErrorUsesTheStateUp) {
  AuthorizationStart started = StartAcme(actor_a_);
  auto denied = completion().CompleteRedirect({.state = started.state,
                                         .error = "access_denied",
                                         .error_description = "End-User aborted interaction"});
  EXPECT_EQ(denied.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(denied.status()),
            "Acme ID did not authorize the connection: access_denied: End-User aborted "
            "interaction");
  EXPECT_EQ(FieldOf(completion().CompleteRedirect({.code = "c", .state = started.state}).status()),
            "state");
  EXPECT_EQ(http_.request_count(), 0u);
}

TEST_P(AuthorizationFlowTest, ReconnectUpdatesTheConnectionAndReplacesTheToken) {
  EnqueueTokens("at-1", "rt-1");
  auto first = completion().Complete(actor_a_, "acme", "c1", StartAcme(actor_a_).state);
  ASSERT_TRUE(first.ok()) << first.status();
  storage::ConnectionUpdate broken;
  broken.status = storage::ConnectionStatus::kNeedsReauth;
  ASSERT_TRUE(Write([&](storage::Session& s) {
                return s.connections().Update("a", first->connection.id, broken).status();
              }).ok());
  clock_.Advance(minutes(1));
  EnqueueTokens("at-2", "rt-2");
  auto second = completion().Complete(actor_a_, "acme", "c2", StartAcme(actor_a_).state);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->connection.id, first->connection.id);
  EXPECT_EQ(second->connection.status, storage::ConnectionStatus::kConnected);
  EXPECT_EQ(second->token_version, 2);
  EXPECT_EQ(CurrentToken("a", first->connection.id)->refresh_token, "rt-2");
  EXPECT_EQ(AuditEntry("a", "connection.updated").details.at("reconnected").as_bool(), true);
}

TEST_P(AuthorizationFlowTest, AtlassianExchangeAndAccessibleResources) {
  ConfigureClient("a", "jira");
  auto started = flow().Start(actor_a_, Spec("jira"), Client(), "", {{"site", "beta"}});
  ASSERT_TRUE(started.ok()) << started.status();
  http_.EnqueueJson(200, R"({"access_token":"atl-at","refresh_token":"atl-rt","expires_in":3600,
                             "scope":"read:jira-work offline_access","token_type":"Bearer"})");
  http_.EnqueueJson(200, R"([
    {"id":"c-alpha","name":"alpha","url":"https://alpha.atlassian.net","scopes":["read:jira-work"]},
    {"id":"c-wiki","name":"wiki","url":"https://wiki.atlassian.net","scopes":["read:confluence-content.all"]},
    {"id":"c-beta","name":"beta","url":"https://beta.atlassian.net","scopes":["read:jira-work"]}])");
  auto done = completion().Complete(actor_a_, "jira", "code", started->state);
  ASSERT_TRUE(done.ok()) << done.status();

  auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].url, "https://auth.atlassian.com/oauth/token");
  EXPECT_EQ(requests[0].headers.Get("Content-Type"), "application/json");
  EXPECT_FALSE(requests[0].headers.Has("Authorization"));
  boost::json::object body = boost::json::parse(requests[0].body).as_object();
  EXPECT_EQ(body.at("grant_type").as_string(), "authorization_code");
  EXPECT_EQ(body.at("client_id").as_string(), kClientId);
  EXPECT_EQ(body.at("client_secret").as_string(), kClientSecret);
  EXPECT_EQ(body.at("code").as_string(), "code");
  EXPECT_EQ(body.at("redirect_uri").as_string(), kRedirect);
  EXPECT_FALSE(body.contains("code_verifier"));
  EXPECT_EQ(requests[1].method, "GET");
  EXPECT_EQ(requests[1].url, "https://api.atlassian.com/oauth/token/accessible-resources");
  EXPECT_EQ(requests[1].headers.Get("Authorization"), "Bearer atl-at");

  const boost::json::object& config = done->connection.config;
  EXPECT_EQ(config.at("cloudId").as_string(), "c-beta");
  EXPECT_EQ(config.at("siteUrl").as_string(), "https://beta.atlassian.net");
  EXPECT_EQ(config.at("apiBaseUrl").as_string(), "https://api.atlassian.com/ex/jira/c-beta");
  EXPECT_EQ(done->connection.metadata.at("sites").as_array().size(), 2u);  // jira sites only
}

TEST_P(AuthorizationFlowTest, SeveralSitesAndNoneNamedAsksInsteadOfPickingTheFirst) {
  ConfigureClient("a", "jira");
  auto started = flow().Start(actor_a_, Spec("jira"), Client(), "", {});
  http_.EnqueueJson(200, R"({"access_token":"atl-at","expires_in":3600})");
  http_.EnqueueJson(200, R"([
    {"id":"c-alpha","name":"alpha","url":"https://alpha.atlassian.net","scopes":["read:jira-work"]},
    {"id":"c-beta","name":"beta","url":"https://beta.atlassian.net","scopes":["read:jira-work"]}])");
  auto done = completion().Complete(actor_a_, "jira", "code", started->state);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_TRUE(done->site_choice_required);
  EXPECT_EQ(done->connection.status, storage::ConnectionStatus::kPending);
  EXPECT_FALSE(done->connection.config.contains("cloudId"));
  EXPECT_FALSE(done->connection.config.contains("apiBaseUrl"));
  EXPECT_EQ(done->connection.metadata.at("sites").as_array().size(), 2u);

  auto wrong = ChooseSite(*db_, catalog_, actor_a_, done->connection.id, "gamma");
  EXPECT_EQ(FieldOf(wrong.status()), "site");
  EXPECT_TRUE(core::Contains(Message(wrong.status()), "beta.atlassian.net"));
  EXPECT_EQ(ChooseSite(*db_, catalog_, actor_b_, done->connection.id, "beta").status().code(),
            absl::StatusCode::kNotFound);
  auto chosen = ChooseSite(*db_, catalog_, actor_a_, done->connection.id, "beta.atlassian.net");
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  EXPECT_EQ(chosen->status, storage::ConnectionStatus::kConnected);
  EXPECT_EQ(chosen->config.at("cloudId").as_string(), "c-beta");
  EXPECT_EQ(chosen->config.at("apiBaseUrl").as_string(), "https://api.atlassian.com/ex/jira/c-beta");
}

TEST_P(AuthorizationFlowTest, AtlassianUnknownSiteOrNoSiteStoresNothing) {
  ConfigureClient("a", "jira");
  auto tokens = R"({"access_token":"atl-at","expires_in":3600})";
  auto started = flow().Start(actor_a_, Spec("jira"), Client(), "", {{"site", "gamma"}});
  http_.EnqueueJson(200, tokens);
  http_.EnqueueJson(200, R"([{"id":"c-alpha","name":"alpha","url":"https://alpha.atlassian.net",
                              "scopes":["read:jira-work"]}])");
  auto unknown = completion().Complete(actor_a_, "jira", "code", started->state);
  EXPECT_EQ(FieldOf(unknown.status()), "urlParams.site");
  EXPECT_TRUE(core::Contains(Message(unknown.status()), "alpha.atlassian.net"));

  auto none = flow().Start(actor_a_, Spec("jira"), Client(), "", {});
  http_.EnqueueJson(200, tokens);
  http_.EnqueueJson(200, "[]");
  EXPECT_EQ(completion().Complete(actor_a_, "jira", "code", none->state).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ConnectionCount("a"), 0);
}

TEST_P(AuthorizationFlowTest, GithubErrorWithHttp200) {
  ConfigureClient("a", "github");
  auto started = flow().Start(actor_a_, Spec("github"), Client(), "", {});
  ASSERT_TRUE(started.ok());
  EXPECT_FALSE(started->code_challenge.empty());
  http_.EnqueueJson(
      200,
      R"({"error":"bad_verification_code","error_description":"The code passed is incorrect or expired."})");
  auto done = completion().Complete(actor_a_, "github", "code", started->state);
  EXPECT_EQ(OAuthErrorOf(done.status()), "bad_verification_code");
  EXPECT_EQ(ConnectionCount("a"), 0);
}

TEST_P(AuthorizationFlowTest, LoadClientSettingsPicksScopes) {
  auto defaults = LoadClientSettings(*db_, resolver_, "a", Spec("acme"), "https://x/cb", {});
  ASSERT_TRUE(defaults.ok()) << defaults.status();
  EXPECT_EQ(defaults->client_id, kClientId);
  EXPECT_EQ(defaults->client_secret, kClientSecret);
  EXPECT_EQ(defaults->scopes, (std::vector<std::string>{"read", "write", "offline_access"}));
  ConfigureClient("a", "acme", {"read"});
  EXPECT_EQ(LoadClientSettings(*db_, resolver_, "a", Spec("acme"), "https://x/cb", {})->scopes,
            std::vector<std::string>{"read"});
  EXPECT_EQ(
      LoadClientSettings(*db_, resolver_, "a", Spec("acme"), "https://x/cb", {"admin"})->scopes,
      std::vector<std::string>{"admin"});
  auto missing = LoadClientSettings(*db_, resolver_, "b", Spec("acme"), "https://x/cb", {});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(core::Contains(Message(missing.status()), "PATCH /api/connectors/acme"));
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthorizationFlowTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

}  // namespace
}  // namespace ucf::auth::oauth::test_support
