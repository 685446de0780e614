// Contract: tenants, API keys and connector settings.

#include <chrono>

#include "ucf/storage/open/contract_test_fixture.hpp"

namespace ucf::storage::test_support {
namespace {

using std::chrono::seconds;

TEST_P(StorageContractTest, TenantsCreateGetList) {
  UCF_ASSERT_OK_AND_ASSIGN(TenantRecord b, Write([&](Session& s) {
                             return s.tenants().Create({.id = "beta", .name = "Beta"});
                           }));
  EXPECT_EQ(b.id, "beta");
  EXPECT_EQ(b.created_at, clock_.Now());
  AddTenant("alpha");
  UCF_EXPECT_CODE(
      Write([&](Session& s) { return s.tenants().Create({.id = "beta", .name = "B"}); }),
      kAlreadyExists);

  UCF_ASSERT_OK_AND_ASSIGN(TenantRecord got,
                           Read([&](Session& s) { return s.tenants().Get("beta"); }));
  EXPECT_EQ(got.name, "Beta");
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.tenants().Get("gamma"); }), kNotFound);

  UCF_ASSERT_OK_AND_ASSIGN(auto all, Read([&](Session& s) { return s.tenants().List(); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "alpha");
  EXPECT_EQ(all[1].id, "beta");
}

ApiKeyRecord Key(const std::string& tenant, const std::string& prefix) {
  return {.tenant_id = tenant, .name = "ci", .prefix = prefix, .key_hash = "ab12" + prefix};
}

TEST_P(StorageContractTest, ApiKeysLifecycle) {
  AddTenant("a");
  AddTenant("b");
  UCF_ASSERT_OK_AND_ASSIGN(
      ApiKeyRecord k1, Write([&](Session& s) { return s.api_keys().Create(Key("a", "pfx1")); }));
  EXPECT_TRUE(k1.id.starts_with("key_"));
  EXPECT_EQ(k1.created_at, clock_.Now());
  EXPECT_FALSE(k1.last_used_at.has_value());
  EXPECT_FALSE(k1.revoked_at.has_value());
  clock_.Advance(seconds(1));
  UCF_ASSERT_OK_AND_ASSIGN(
      ApiKeyRecord k2, Write([&](Session& s) { return s.api_keys().Create(Key("a", "pfx2")); }));

  // The prefix is unique across tenants; the tenant must exist.
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.api_keys().Create(Key("b", "pfx1")); }),
                  kAlreadyExists);
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.api_keys().Create(Key("nope", "pfx9")); }),
                  kNotFound);

  UCF_ASSERT_OK_AND_ASSIGN(ApiKeyRecord found,
                           Read([&](Session& s) { return s.api_keys().FindByPrefix("pfx2"); }));
  EXPECT_EQ(found.id, k2.id);
  EXPECT_EQ(found.tenant_id, "a");
  EXPECT_EQ(found.key_hash, "ab12pfx2");
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.api_keys().FindByPrefix("zzz"); }), kNotFound);

  UCF_ASSERT_OK_AND_ASSIGN(auto listed, Read([&](Session& s) { return s.api_keys().List("a"); }));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, k1.id);
  EXPECT_EQ(listed[1].id, k2.id);
  UCF_ASSERT_OK_AND_ASSIGN(auto of_b, Read([&](Session& s) { return s.api_keys().List("b"); }));
  EXPECT_TRUE(of_b.empty());

  // Another tenant's key is missing for tenant b.
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.api_keys().Get("b", k1.id); }), kNotFound);
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.api_keys().Revoke("b", k1.id); }), kNotFound);
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.api_keys().Revoke("a", "key_missing"); }),
                  kNotFound);

  clock_.Advance(seconds(5));
  core::TimePoint revoked_at = clock_.Now();
  UCF_ASSERT_OK_AND_ASSIGN(ApiKeyRecord revoked,
                           Write([&](Session& s) { return s.api_keys().Revoke("a", k1.id); }));
  EXPECT_EQ(revoked.revoked_at, revoked_at);
  clock_.Advance(seconds(5));
  UCF_ASSERT_OK_AND_ASSIGN(revoked,
                           Write([&](Session& s) { return s.api_keys().Revoke("a", k1.id); }));
  EXPECT_EQ(revoked.revoked_at, revoked_at) << "revoking twice keeps the first time";

  core::TimePoint used = clock_.Now() + seconds(7);
  UCF_EXPECT_OK(Write([&](Session& s) { return s.api_keys().TouchLastUsed(k2.id, used); }));
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.api_keys().TouchLastUsed("key_nope", used); }),
                  kNotFound);
  UCF_ASSERT_OK_AND_ASSIGN(ApiKeyRecord touched,
                           Read([&](Session& s) { return s.api_keys().Get("a", k2.id); }));
  EXPECT_EQ(touched.last_used_at, used);
  EXPECT_FALSE(touched.revoked_at.has_value());
}

TEST_P(StorageContractTest, ConnectorSettingsUpsertAndIsolation) {
  AddTenant("a");
  AddTenant("b");
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.connector_settings().Get("a", "jira"); }),
                  kNotFound);

  ConnectorSettingsRecord settings{.tenant_id = "a",
                                   .connector_id = "jira",
                                   .extra_details = true,
                                   .oauth_client_id = "client-1",
                                   .oauth_client_secret = "client-secret-1",
                                   .scopes = {"read:jira-work", "offline_access"}};
  settings.extra["site"] = "acme";
  UCF_ASSERT_OK_AND_ASSIGN(ConnectorSettingsRecord stored, Write([&](Session& s) {
                             return s.connector_settings().Upsert(settings);
                           }));
  EXPECT_EQ(stored.oauth_client_secret, "client-secret-1");
  EXPECT_EQ(stored.updated_at, clock_.Now());

  UCF_ASSERT_OK_AND_ASSIGN(ConnectorSettingsRecord got, Read([&](Session& s) {
                             return s.connector_settings().Get("a", "jira");
                           }));
  EXPECT_TRUE(got.extra_details);
  EXPECT_EQ(got.oauth_client_id, "client-1");
  EXPECT_EQ(got.oauth_client_secret, "client-secret-1");
  EXPECT_EQ(got.scopes, (std::vector<std::string>{"read:jira-work", "offline_access"}));
  EXPECT_EQ(got.extra.at("site"), "acme");

  // Replace: the secret can be cleared.
  clock_.Advance(seconds(3));
  settings.oauth_client_secret.reset();
  settings.extra_details = false;
  settings.scopes = {"read"};
  UCF_ASSERT_OK(Write([&](Session& s) { return s.connector_settings().Upsert(settings); }));
  UCF_ASSERT_OK_AND_ASSIGN(
      got, Read([&](Session& s) { return s.connector_settings().Get("a", "jira"); }));
  EXPECT_FALSE(got.extra_details);
  EXPECT_FALSE(got.oauth_client_secret.has_value());
  EXPECT_EQ(got.scopes, std::vector<std::string>{"read"});
  EXPECT_EQ(got.updated_at, clock_.Now());

  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.connector_settings().Upsert({.tenant_id = "a", .connector_id = "github"});
  }));
  UCF_ASSERT_OK_AND_ASSIGN(auto list,
                           Read([&](Session& s) { return s.connector_settings().List("a"); }));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].connector_id, "github");
  EXPECT_EQ(list[1].connector_id, "jira");

  // Tenant b sees none of a's settings; a missing tenant cannot have settings.
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.connector_settings().Get("b", "jira"); }),
                  kNotFound);
  UCF_ASSERT_OK_AND_ASSIGN(auto of_b,
                           Read([&](Session& s) { return s.connector_settings().List("b"); }));
  EXPECT_TRUE(of_b.empty());
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.connector_settings().Upsert({.tenant_id = "x", .connector_id = "j"});
                  }),
                  kNotFound);
}

}  // namespace
}  // namespace ucf::storage::test_support
