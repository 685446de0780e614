// The brute-force brake and the header phase of AuthMiddleware over a real SQLite database.

#include "ucf/auth/auth_middleware.hpp"

#include <gtest/gtest.h>

#include "tests/support/scratch_sqlite.hpp"
#include "ucf/auth/api_key_service.hpp"
#include "ucf/auth/tenant_service.hpp"

namespace ucf::auth {
namespace {

using std::chrono::seconds;

constexpr char kAdmin[] = "admin-token-for-auth-tests-01234";
constexpr char kWrongKey[] = "ucf_000000000000_wrongwrongwrongwrongwrongwrongwr";

class AuthMiddlewareTest : public ::testing::Test {
 protected:
  AuthMiddlewareTest()
      : scratch_(clock_),
        authenticator_(scratch_.db(), kAdmin, clock_),
        throttle_(clock_, 3, seconds(60)),
        middleware_(authenticator_, throttle_, scratch_.db()) {
    TenantService tenants(scratch_.db());
    EXPECT_TRUE(tenants.Create(audit::Actor{"", "admin", "", ""}, "acme", "Acme").ok());
    ApiKeyService keys(scratch_.db(), authenticator_);
    key_ = keys.Create(audit::Actor{"acme", "admin", "", ""}, "k").value().key;
    tenant_route_.access = http::Access::kTenant;
    tenant_route_.pattern = "/api/api-keys";
    public_route_.access = http::Access::kPublic;
  }

  http::Request Head(const std::string& credential, const std::string& client = "192.0.2.1",
                     const http::Route* route = nullptr) {
    http::Request r;
    r.method = "POST";
    r.path = "/api/api-keys";
    r.route = route ? route : &tenant_route_;
    if (!credential.empty()) r.headers.Add("Authorization", "Bearer " + credential);
    r.context.client_address = client;
    return r;
  }
  // Runs Handle; the status of the answer (200 when it reached the handler).
  int Handled(http::Request request) {
    return middleware_.Handle(request, [](http::Request&) { return http::Response{}; }).status;
  }
  void LockOut(const std::string& client) {
    for (int i = 0; i < 3; ++i) EXPECT_EQ(Handled(Head(kWrongKey, client)), 401);
    ASSERT_TRUE(throttle_.RetryAfter(client).has_value());
  }

  core::FakeClock clock_{core::TimePoint(seconds(1'700'000'000))};
  testing::ScratchSqlite scratch_;
  Authenticator authenticator_;
  LoginThrottle throttle_;
  AuthMiddleware middleware_;
  std::string key_;
  http::Route tenant_route_, public_route_;
};

TEST_F(AuthMiddlewareTest, TheHeaderPhaseRefusesMissingAndMalformedCredentials) {
  for (std::string credential : {"", "short", "ucf_not-a-key"}) {
    auto head = Head(credential);
    auto refused = middleware_.Screen(head);
    ASSERT_TRUE(refused.has_value()) << credential;
    EXPECT_EQ(refused->status, 401);
    EXPECT_EQ(refused->headers.Get("WWW-Authenticate").value_or(""), "Bearer");
  }
  EXPECT_TRUE(throttle_.RetryAfter("192.0.2.1").has_value()) << "each refusal counts";
  auto open = Head("", "192.0.2.1", &public_route_);
  EXPECT_FALSE(middleware_.Screen(open).has_value()) << "public routes are not screened";
  // Well-formed credentials from a client in good standing wait for the body and the look-up.
  auto unknown = Head(kWrongKey, "192.0.2.2");
  EXPECT_FALSE(middleware_.Screen(unknown).has_value());
}

TEST_F(AuthMiddlewareTest, AThrottledAddressIsRefusedEarlyUnlessItsCredentialIsKnownGood) {
  LockOut("192.0.2.1");
  auto guess = Head(kWrongKey);
  auto refused = middleware_.Screen(guess);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 429);
  EXPECT_TRUE(refused->headers.Has("Retry-After"));
  for (const std::string& good : {key_, std::string(kAdmin)}) {
    auto head = Head(good);
    EXPECT_FALSE(middleware_.Screen(head).has_value()) << "known good credentials pass the screen";
  }
}

TEST_F(AuthMiddlewareTest, AValidCredentialIsNeverLockedOut) {
  LockOut("192.0.2.1");
  EXPECT_EQ(Handled(Head(key_)), 200);
  auto admin = Head(kAdmin);
  admin.headers.Add("X-Tenant-Id", "acme");
  EXPECT_EQ(Handled(admin), 200);
  EXPECT_EQ(Handled(Head(kWrongKey)), 429) << "failing attempts stay refused";
  EXPECT_EQ(Handled(Head("")), 429);
  // A key revoked in storage (e.g. by another instance) is no longer vouched for once it fails.
  clock_.Advance(seconds(30));  // past the validation cache
  ASSERT_TRUE(scratch_.db()
                  .Transact(storage::TxMode::kWrite,
                            [&](storage::Session& s) {
                              auto listed = s.api_keys().List("acme");
                              if (!listed.ok()) return listed.status();
                              return s.api_keys().Revoke("acme", listed->front().id).status();
                            })
                  .ok());
  EXPECT_EQ(Handled(Head(key_, "192.0.2.9")), 401);
  EXPECT_EQ(Handled(Head(key_)), 429);
  EXPECT_EQ(authenticator_.Screen("Bearer " + key_), Authenticator::Triage::kNeedsLookUp);
}

TEST_F(AuthMiddlewareTest, KeysInStorageAreVouchedForAfterPreload) {
  Authenticator fresh(scratch_.db(), kAdmin, clock_);
  EXPECT_EQ(fresh.Screen("Bearer " + key_), Authenticator::Triage::kNeedsLookUp);
  ASSERT_TRUE(fresh.Preload().ok());
  EXPECT_EQ(fresh.Screen("Bearer " + key_), Authenticator::Triage::kVouched);
  EXPECT_EQ(fresh.Screen("Bearer " + std::string(kWrongKey)), Authenticator::Triage::kNeedsLookUp);
  EXPECT_EQ(fresh.Screen("Basic abc"), Authenticator::Triage::kRefused);
  EXPECT_EQ(fresh.Screen("Bearer " + std::string(kAdmin)), Authenticator::Triage::kVouched);
}

}  // namespace
}  // namespace ucf::auth
