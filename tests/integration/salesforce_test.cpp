// Salesforce end to end through UCF's HTTP API (issue 10), against the fake org of
// tests/peers/salesforce (shaped by the official Postman collection and Salesforce's documented
// bodies): OAuth 2.0 web server flow with PKCE on the org's My Domain (the fake checks the
// verifier), the My Domain — not the token response's instance_url — as API base, the API version
// from the connect, objects → records across nextRecordsUrl batches → record → Chatter feed,
// SOSL search with hostile text, create record and feed post, bad input refused before any
// write, INVALID_SESSION_ID → one refresh → one retry, REQUEST_LIMIT_EXCEEDED → 429, the
// Sforce-Limit-Info reading on the connection, and one records sync shown in the change feed.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "tests/integration/test_server.hpp"
#include "tests/support/saas_server.hpp"
#include "tests/support/mini_browser.hpp"
#include "tests/support/saas_peer.hpp"
#include "ucf/core/strings.hpp"

namespace ucf {
namespace {

using testing::MiniBrowser;
using testing::QueryOf;
using testing::SaasPeer;
using testing::TestResponse;

constexpr char kAdmin[] = "admin-token-for-salesforce-tests-012";
constexpr char kRedirect[] = "http://127.0.0.1:1/sf/callback";
constexpr char kFirstAccount[] = "Account:001000000000001AAA";

boost::json::object Data(const TestResponse& r) { return testing::EnvelopeData(r); }
std::string Json(const boost::json::object& o) { return boost::json::serialize(o); }

std::string FieldOf(const TestResponse& r) { return testing::EnvelopeErrorField(r); }

class SalesforceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!SaasPeer::Installed()) GTEST_SKIP() << "tests/peers/node_modules missing (npm ci in tests/peers)";
    auto peer = SaasPeer::Start("salesforce/server.mjs", {{"SF_EXIT_WITH_PARENT", "1"}}, 30'000);
    ASSERT_TRUE(peer.ok()) << peer.status();
    peer_ = *std::move(peer);
    const std::string f = peer_->url("fake");
    boost::json::object sf{
        {"id", "salesforce"},
        {"displayName", "Salesforce"},
        {"description", "The fake org (tests/peers/salesforce)."},
        {"authMethods", boost::json::array{"oauth2"}},
        {"apiBaseUrl", f + "/{myDomain}/services/data/{apiVersion}"},
        {"oauth",
         {{"authorizeUrl", f + "/{myDomain}/services/oauth2/authorize"},
          {"tokenUrl", f + "/{myDomain}/services/oauth2/token"},
          {"revokeUrl", f + "/{myDomain}/services/oauth2/revoke"},
          {"userinfoUrl", f + "/{myDomain}/services/oauth2/userinfo"},
          {"defaultScopes", boost::json::array{"api", "refresh_token"}},
          {"scopeSeparator", " "},
          {"pkce", true},
          {"clientAuth", "post"},
          {"tokenRequestFormat", "form"},
          {"refreshTokens", true},
          {"tokenResponse", {{"expiresInField", "expires_in"}, {"keep", boost::json::array{"instance_url", "id", "issued_at"}}}}}},
        {"urlParams",
         boost::json::array{
             boost::json::object{{"name", "myDomain"}, {"description", "My Domain"}, {"pattern", "^[a-z0-9-]{1,63}$"},
                                 {"example", "acme"}, {"required", true}},
             boost::json::object{{"name", "apiVersion"}, {"description", "API version"},
                                 {"pattern", "^v(?:5[5-9]|[6-9][0-9])\\.0$"}, {"example", "v62.0"}, {"required", true}}}}};
    saas_ = std::make_unique<testing::SaasServer>(kAdmin, boost::json::array{sf});
    ASSERT_TRUE(saas_->ok());
  }

  TestResponse Call(const std::string& method, const std::string& path, const std::string& body = {}) {
    return saas_->Call(method, path, body);
  }

  boost::json::object Stats() {
    auto s = peer_->Control("GET", "/__test/stats");
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? s->as_object() : boost::json::object{};
  }

  std::string ConnectOAuth() {
    EXPECT_EQ(Call("PATCH", "/api/connectors/salesforce",
                   Json({{"oauthClientId", "sf-client-id"}, {"oauthClientSecret", "sf-client-secret"}})).status, 200);
    auto started = Call("POST", "/api/connectors/salesforce/connect",
                        Json({{"method", "oauth2"}, {"redirectUri", kRedirect},
                              {"urlParams", {{"myDomain", "acme"}, {"apiVersion", "v62.0"}}}}));
    EXPECT_EQ(started.status, 200) << started.body;
    if (started.status != 200) return "";
    std::string auth_url(Data(started)["authUrl"].as_string());
    EXPECT_NE(auth_url.find("code_challenge_method=S256"), std::string::npos) << auth_url;
    EXPECT_NE(auth_url.find("/acme/services/oauth2/authorize"), std::string::npos) << auth_url;
    MiniBrowser browser;
    auto callback = browser.Authorize(auth_url, kRedirect);
    EXPECT_TRUE(callback.ok()) << callback.status();
    if (!callback.ok()) return "";
    auto q = QueryOf(*callback);
    auto done = Call("POST", "/api/connectors/salesforce/connect/callback", Json({{"code", q["code"]}, {"state", q["state"]}}));
    EXPECT_EQ(done.status, 200) << done.body;
    if (done.status != 200) return "";
    EXPECT_EQ(Data(done)["status"], "connected") << done.body;
    return std::string(Data(done)["connectionId"].as_string());
  }

  std::vector<boost::json::object> AllPages(const std::string& path, int limit, int* pages = nullptr) {
    return saas_->AllPages(path, limit, pages);
  }

  std::unique_ptr<SaasPeer> peer_;
  std::unique_ptr<testing::SaasServer> saas_;
};

TEST_F(SalesforceTest, OAuthWithPkceOnMyDomainBrowseCreateRefreshLimitsAndSync) {
  std::string id = ConnectOAuth();
  ASSERT_FALSE(id.empty());
  auto stats = Stats();
  EXPECT_EQ(stats["code_grants"], 1);
  EXPECT_EQ(stats["pkce_failures"], 0);

  // Containers: the queryable objects (ApexLog is not).
  auto objects = AllPages("/api/connections/" + id + "/containers", 3);
  std::vector<std::string> names;
  for (const auto& o : objects) names.emplace_back(o.at("id").as_string());
  EXPECT_EQ(names, (std::vector<std::string>{"Account", "Contact", "Case", "Task"}));

  // Records by SOQL: 230 accounts in two nextRecordsUrl batches (Salesforce's minimum batch is 200).
  int pages = 0;
  auto accounts = AllPages("/api/connections/" + id + "/items?containerId=Account", 200, &pages);
  EXPECT_EQ(accounts.size(), 230u);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(accounts.back()["id"], kFirstAccount);  // SystemModstamp DESC: the oldest last
  EXPECT_EQ(accounts.back()["name"], "Zoë Ångström — 日本 Ltd");

  // The API base is the My Domain: nothing went to the token response's instance_url.
  auto connection = Data(Call("GET", "/api/connections/" + id));
  EXPECT_NE(std::string(connection["config"].as_object()["instance_url"].as_string()).find("/na1-instance"), std::string::npos);
  EXPECT_EQ(Stats()["instance_hits"], 0);
  // Sforce-Limit-Info as last seen, on the connection.
  auto usage = connection["metadata"].as_object()["apiUsage"].as_object();
  EXPECT_EQ(usage["max"], 15000);
  EXPECT_GT(usage["used"].as_int64(), 2);

  // SOSL: a match, and hostile text that stays one search term (the fake refuses any unescaped
  // reserved character with MALFORMED_SEARCH, so a 200 proves the escaping).
  auto found = Data(Call("GET", "/api/connections/" + id + "/items?containerId=Account&q=%C3%85ngstr%C3%B6m"));
  ASSERT_EQ(found["items"].as_array().size(), 1u);
  EXPECT_EQ(found["items"].as_array()[0].at("id"), kFirstAccount);
  for (const char* hostile : {"x%7D%20IN%20ALL%20FIELDS%20RETURNING%20Contact(Id)", "%5C%7D%22'%26%7C!%5B%5D%5E~*%3F%3A%2B-",
                              "%7B%7D%7B"}) {
    auto r = Call("GET", "/api/connections/" + id + "/items?containerId=Case&q=" + hostile);
    EXPECT_EQ(r.status, 200) << hostile << ": " << r.body;
  }
  auto braces = Data(Call("GET", "/api/connections/" + id + "/items?containerId=Case&q=%7Bbraces%7D%20%26"));
  EXPECT_EQ(braces["items"].as_array().size(), 1u) << "the case whose subject has {braces} &";

  // One record, its Chatter feed across pages, and an object without a feed (501).
  auto item = Call("GET", "/api/connections/" + id + "/items/" + kFirstAccount);
  ASSERT_EQ(item.status, 200) << item.body;
  EXPECT_EQ(Data(item)["body"], "The first account");
  auto feed = AllPages("/api/connections/" + id + "/items/" + kFirstAccount + "/comments", 2, &pages);
  ASSERT_EQ(feed.size(), 3u);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(feed[1]["text"], "Post 2 — ünïcode");
  auto task = Call("GET", "/api/connections/" + id + "/items/Task:00T000000000236AAA/comments");
  EXPECT_EQ(task.status, 501) << task.body;

  // Bad input: 400 naming the field, and nothing is written at Salesforce.
  auto no_title = Call("POST", "/api/connections/" + id + "/items", Json({{"containerId", "Account"}, {"title", ""}}));
  EXPECT_EQ(FieldOf(no_title), "title");
  EXPECT_EQ(FieldOf(Call("POST", "/api/connections/" + id + "/items", Json({{"containerId", "Account; DELETE"}, {"title", "t"}}))),
            "containerId");
  EXPECT_EQ(FieldOf(Call("POST", "/api/connections/" + id + "/items",
                         Json({{"containerId", "Account"}, {"title", "t"}, {"fields", {{"Name", "again"}}}}))),
            "fields.Name");
  EXPECT_EQ(FieldOf(Call("GET", "/api/connections/" + id + "/items/Account:001'OR'1")), "itemId");
  EXPECT_EQ(FieldOf(Call("POST", "/api/connections/" + id + "/items/" + kFirstAccount + "/comments", Json({{"text", " "}}))), "text");
  auto after = Stats()["by_path"].as_object();
  EXPECT_EQ(after.if_contains("/acme/services/data/v62.0/sobjects/Account"), nullptr) << "no create reached Salesforce";
  EXPECT_EQ(after.if_contains("/acme/services/data/v62.0/chatter/feed-elements"), nullptr);

  // Create a record (title → Name) and a feed post on it.
  auto created = Call("POST", "/api/connections/" + id + "/items",
                      Json({{"containerId", "Account"}, {"title", "Created by UCF"}, {"body", "via the API"}, {"fields", {{"Industry", "Energy"}}}}));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string new_id(Data(created)["id"].as_string());
  EXPECT_TRUE(new_id.starts_with("Account:001")) << new_id;
  auto post = Call("POST", "/api/connections/" + id + "/items/" + new_id + "/comments", Json({{"text", "hello feed"}}));
  ASSERT_EQ(post.status, 201) << post.body;
  EXPECT_EQ(Data(post)["text"], "hello feed");
  auto case_created = Call("POST", "/api/connections/" + id + "/items", Json({{"containerId", "Case"}, {"title", "Subject line"}}));
  EXPECT_EQ(case_created.status, 201) << case_created.body;

  // INVALID_SESSION_ID: one refresh at the token endpoint, one retry, the caller sees a 200.
  ASSERT_TRUE(peer_->Control("POST", "/__test/expire-tokens").ok());
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/items/" + kFirstAccount).status, 200);
  EXPECT_EQ(Stats()["refresh_grants"], 1);

  // REQUEST_LIMIT_EXCEEDED: 429 rate_limited with Retry-After.
  ASSERT_TRUE(peer_->Control("POST", "/__test/faults",
                             Json({{"path_prefix", "data/v62.0/sobjects"}, {"status", 403},
                                   {"body", boost::json::array{{{"message", "TotalRequests Limit exceeded."},
                                                                {"errorCode", "REQUEST_LIMIT_EXCEEDED"}}}}})).ok());
  auto limited = Call("GET", "/api/connections/" + id + "/containers");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(testing::EnvelopeErrorCode(limited), "rate_limited");
  EXPECT_EQ(limited.headers.Get("Retry-After").value_or(""), "3600");

  // One sync of the records: every queryable object's records in the change feed.
  auto sync = [&] {
    return saas_->RunSync(id, Json({{"model", "records"}}));
  };
  boost::json::object state = sync();
  const std::int64_t total = 230 + 1 + 3 + 2 + 1 + 2;  // accounts (+1 created), contacts, cases (+1), tasks
  EXPECT_EQ(state["counts"].as_object()["fetched"], 4 + total);  // + the 4 queryable objects
  auto records = AllPages("/api/connections/" + id + "/records?model=records", 200);
  EXPECT_EQ(static_cast<std::int64_t>(records.size()), total);
  bool seen = false;
  for (const auto& r : records) seen = seen || r.at("externalId") == boost::json::value(new_id);
  EXPECT_TRUE(seen);

  // The next run is incremental: SOQL WHERE SystemModstamp >= each object's marker, so only the
  // newest record of each of the four objects with records is read again, and nothing changed.
  boost::json::object again = sync();
  EXPECT_EQ(again["counts"].as_object()["fetched"], 4 + 4) << boost::json::serialize(again);
  EXPECT_EQ(again["counts"].as_object()["changed"], 0) << boost::json::serialize(again);
}

// The records sync over chosen objects (`containers` on POST /api/connections/{id}/sync, checked
// against describeGlobal): only their records are stored, each object keeps its own
// SystemModstamp marker, a second run reads only what changed, and bad names are refused before
// anything is queued or stored.
TEST_F(SalesforceTest, RecordsSyncCoversTheChosenObjectsWithAMarkerEach) {
  std::string id = ConnectOAuth();
  ASSERT_FALSE(id.empty());
  const std::string sync = "/api/connections/" + id + "/sync";
  auto markers = [&] {
    auto state = Data(Call("GET", "/api/connections/" + id + "/sync-state?model=marker:records"));
    if (!state["cursor"].is_string()) return boost::json::object{};
    auto parsed = boost::json::parse(state["cursor"].as_string()).as_object();
    return parsed["markers"].is_object() ? parsed["markers"].as_object() : boost::json::object{};
  };

  // Bad choices: 400 naming the field; no job, no record, no marker.
  struct Bad {
    boost::json::value containers;
    std::string field;
  };
  for (const Bad& bad : {Bad{boost::json::array{"Contact", "Nope__c"}, "containers"},
                         Bad{boost::json::array{"ApexLog"}, "containers"},  // not queryable
                         Bad{"Contact", "containers"},
                         Bad{boost::json::array{"Contact", "Contact"}, "containers[1]"},
                         Bad{boost::json::array{"Contact", 7}, "containers[1]"},
                         Bad{boost::json::array{std::string(300, 'A')}, "containers[0]"}}) {
    auto r = Call("POST", sync, Json({{"model", "records"}, {"containers", bad.containers}}));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(FieldOf(r), bad.field) << r.body;
  }
  EXPECT_NE(Call("POST", sync, Json({{"model", "records"}, {"containers", boost::json::array{"Nope__c"}}})).body.find("Nope__c"),
            std::string::npos) << "the unknown name is given back";
  EXPECT_EQ(Data(Call("GET", "/api/jobs?connectionId=" + id))["items"].as_array().size(), 0u);
  EXPECT_TRUE(AllPages("/api/connections/" + id + "/records", 200).empty());
  EXPECT_TRUE(markers().empty());

  // Contacts and cases only: 3 + 2 records (the listing of the 4 queryable objects counts too).
  auto chosen = Json({{"model", "records"}, {"containers", boost::json::array{"Contact", "Case"}}});
  auto first = saas_->RunSync(id, chosen);
  EXPECT_EQ(first["counts"].as_object()["fetched"], 4 + 3 + 2) << boost::json::serialize(first);
  auto records = AllPages("/api/connections/" + id + "/records?model=records", 200);
  ASSERT_EQ(records.size(), 5u);
  for (const auto& r : records) {
    std::string object(r.at("data").at("containerId").as_string());
    EXPECT_TRUE(object == "Contact" || object == "Case") << boost::json::serialize(r);
  }
  auto after_first = markers();
  EXPECT_EQ(after_first.size(), 2u) << boost::json::serialize(after_first);
  EXPECT_TRUE(after_first.contains("Contact") && after_first.contains("Case")) << boost::json::serialize(after_first);
  std::string resume(Data(Call("GET", "/api/connections/" + id + "/records?model=records&limit=200"))["resume"].as_string());

  // A new case; the next run over the same objects reads each object's newest record again (its
  // marker, "at or after") and the new case: only the case's marker moves, the feed shows it.
  auto created = Call("POST", "/api/connections/" + id + "/items", Json({{"containerId", "Case"}, {"title", "Chosen"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string new_case(Data(created)["id"].as_string());
  auto second = saas_->RunSync(id, chosen);
  EXPECT_EQ(second["counts"].as_object()["fetched"], 4 + 1 + 2) << boost::json::serialize(second);
  EXPECT_EQ(second["counts"].as_object()["changed"], 1) << boost::json::serialize(second);
  auto after_second = markers();
  EXPECT_EQ(after_second["Contact"], after_first["Contact"]);
  EXPECT_NE(after_second["Case"], after_first["Case"]);
  auto changed = Data(Call("GET", "/api/connections/" + id + "/records?model=records&limit=200&cursor=" + resume));
  ASSERT_EQ(changed["items"].as_array().size(), 1u) << boost::json::serialize(changed);
  EXPECT_EQ(changed["items"].as_array()[0].at("externalId"), boost::json::value(new_case));

  // Another choice of the same model has markers of its own: Account starts from the beginning,
  // the others are left as they are.
  auto accounts = saas_->RunSync(id, Json({{"model", "records"}, {"containers", boost::json::array{"Account"}}}));
  EXPECT_EQ(accounts["counts"].as_object()["fetched"], 4 + 230) << boost::json::serialize(accounts);
  auto after_accounts = markers();
  EXPECT_EQ(after_accounts.size(), 3u);
  EXPECT_EQ(after_accounts["Case"], after_second["Case"]);
  EXPECT_EQ(AllPages("/api/connections/" + id + "/records?model=records", 200).size(), 5u + 1 + 230);
}

// An OAuth connection's config is the server's (where the token goes): a write is refused naming
// the key and changes nothing; a connect with a My Domain that is not one names it; nothing is
// created by a POST /api/connections for a connector that connects by OAuth only.
TEST_F(SalesforceTest, BadConfigAndConnectInputIs400NamingTheFieldAndChangesNothing) {
  std::string id = ConnectOAuth();
  ASSERT_FALSE(id.empty());
  auto before = Data(Call("GET", "/api/connections/" + id));
  auto moved = Call("PATCH", "/api/connections/" + id, Json({{"config", {{"instance_url", "https://evil.example"}}}}));
  EXPECT_EQ(moved.status, 400) << moved.body;
  EXPECT_EQ(FieldOf(moved), "config.instance_url") << moved.body;
  auto domain = Call("POST", "/api/connectors/salesforce/connect",
                     Json({{"method", "oauth2"}, {"redirectUri", kRedirect},
                           {"urlParams", {{"myDomain", "evil.example/x"}, {"apiVersion", "v62.0"}}}}));
  EXPECT_EQ(domain.status, 400) << domain.body;
  EXPECT_EQ(FieldOf(domain), "urlParams.myDomain") << domain.body;
  auto typed = Call("POST", "/api/connections",
                    Json({{"connectorId", "salesforce"}, {"name", "typed"}, {"authMethod", "api_key"}, {"config", {{"apiKey", "x"}}}}));
  EXPECT_EQ(typed.status, 400) << typed.body;
  EXPECT_EQ(FieldOf(typed), "authMethod") << typed.body;
  EXPECT_EQ(Data(Call("GET", "/api/connections"))["items"].as_array().size(), 1u);
  auto after = Data(Call("GET", "/api/connections/" + id));
  EXPECT_EQ(after["config"], before["config"]);
  EXPECT_EQ(after["status"], "connected");
  EXPECT_EQ(Call("GET", "/api/connections/" + id + "/containers").status, 200);
}

// A connect without the API version names the parameter, and nothing is stored.
TEST_F(SalesforceTest, ConnectNeedsMyDomainAndApiVersion) {
  EXPECT_EQ(Call("PATCH", "/api/connectors/salesforce",
                 Json({{"oauthClientId", "sf-client-id"}, {"oauthClientSecret", "sf-client-secret"}})).status, 200);
  auto missing = Call("POST", "/api/connectors/salesforce/connect",
                      Json({{"method", "oauth2"}, {"redirectUri", kRedirect}, {"urlParams", {{"myDomain", "acme"}}}}));
  EXPECT_EQ(missing.status, 400) << missing.body;
  EXPECT_EQ(FieldOf(missing), "urlParams.apiVersion");
  auto bad = Call("POST", "/api/connectors/salesforce/connect",
                  Json({{"method", "oauth2"}, {"redirectUri", kRedirect},
                        {"urlParams", {{"myDomain", "acme"}, {"apiVersion", "v62.0/../../x"}}}}));
  EXPECT_EQ(FieldOf(bad), "urlParams.apiVersion");
  EXPECT_EQ(Data(Call("GET", "/api/connections"))["items"].as_array().size(), 0u);
}

}  // namespace
}  // namespace ucf
