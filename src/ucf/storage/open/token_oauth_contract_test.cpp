// Contract: tokens (versioned, compare-and-swap), OAuth states (single use, expiry), sync states.

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "ucf/storage/open/contract_test_fixture.hpp"

namespace ucf::storage::test_support {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TokenRecord NewToken(const ConnectionRecord& c, const std::string& access) {
  TokenRecord t;
  t.tenant_id = c.tenant_id;
  t.connection_id = c.id;
  t.access_token = access;
  t.refresh_token = "refresh-" + access;
  t.scopes = {"read", "write"};
  return t;
}

TEST_P(StorageContractTest, TokensPutReplaceDelete) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.tokens().GetCurrent("a", c.id); }), kNotFound);

  TokenRecord first = NewToken(c, "access-1");
  first.expires_at = clock_.Now() + minutes(60);
  UCF_ASSERT_OK_AND_ASSIGN(TokenRecord v1,
                           Write([&](Session& s) { return s.tokens().Put(first); }));
  EXPECT_EQ(v1.version, 1);
  EXPECT_TRUE(v1.id.starts_with("tok_"));
  EXPECT_EQ(v1.access_token, "access-1");
  EXPECT_EQ(v1.refresh_token, "refresh-access-1");
  EXPECT_EQ(v1.token_type, "Bearer");
  EXPECT_EQ(v1.scopes, (std::vector<std::string>{"read", "write"}));
  EXPECT_EQ(v1.expires_at, clock_.Now() + minutes(60));
  EXPECT_EQ(v1.created_at, clock_.Now());
  EXPECT_FALSE(v1.rotated_at.has_value());

  clock_.Advance(minutes(5));
  TokenRecord second = NewToken(c, "access-2");
  second.refresh_token.reset();
  UCF_ASSERT_OK_AND_ASSIGN(TokenRecord v2,
                           Write([&](Session& s) { return s.tokens().Put(second); }));
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v2.rotated_at, clock_.Now());
  EXPECT_FALSE(v2.refresh_token.has_value());
  EXPECT_FALSE(v2.expires_at.has_value());

  UCF_ASSERT_OK_AND_ASSIGN(TokenRecord current,
                           Read([&](Session& s) { return s.tokens().GetCurrent("a", c.id); }));
  EXPECT_EQ(current.access_token, "access-2");
  EXPECT_EQ(current.version, 2);

  // Only connections of the tenant can hold tokens.
  AddTenant("b");
  TokenRecord foreign = NewToken(c, "evil");
  foreign.tenant_id = "b";
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.tokens().Put(foreign); }), kNotFound);
  TokenRecord dangling = NewToken(c, "x");
  dangling.connection_id = "con_missing";
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.tokens().Put(dangling); }), kNotFound);
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.tokens().GetCurrent("b", c.id); }), kNotFound);
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.tokens().Delete("b", c.id); }), kNotFound);

  UCF_EXPECT_OK(Write([&](Session& s) { return s.tokens().Delete("a", c.id); }));
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.tokens().Delete("a", c.id); }), kNotFound);
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.tokens().GetCurrent("a", c.id); }), kNotFound);
}

TEST_P(StorageContractTest, TokensDeletedWithTheirConnection) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  UCF_ASSERT_OK(Write([&](Session& s) { return s.tokens().Put(NewToken(c, "x")); }));
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.sync_states().Put({.tenant_id = "a", .connection_id = c.id, .cursor = "p2"});
  }));
  UCF_ASSERT_OK(Write([&](Session& s) { return s.connections().Delete("a", c.id); }));
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.tokens().GetCurrent("a", c.id); }), kNotFound);
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.sync_states().Get("a", c.id, ""); }), kNotFound);
}

TEST_P(StorageContractTest, TokensCompareAndSwap) {
  AddTenant("a");
  ConnectionRecord c = AddConnection("a", "main");
  UCF_EXPECT_CODE(
      Write([&](Session& s) { return s.tokens().CompareAndSwap("a", c.id, 1, NewToken(c, "x")); }),
      kNotFound);
  UCF_ASSERT_OK(Write([&](Session& s) { return s.tokens().Put(NewToken(c, "v1")); }));

  clock_.Advance(seconds(30));
  UCF_ASSERT_OK_AND_ASSIGN(TokenRecord v2, Write([&](Session& s) {
                             return s.tokens().CompareAndSwap("a", c.id, 1, NewToken(c, "v2"));
                           }));
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v2.access_token, "v2");
  EXPECT_EQ(v2.rotated_at, clock_.Now());
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.tokens().CompareAndSwap("a", c.id, 1, NewToken(c, "stale"));
                  }),
                  kAborted);
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.tokens().CompareAndSwap("b", c.id, 2, NewToken(c, "foreign"));
                  }),
                  kNotFound);

  // Many refreshers race from the same version: exactly one wins.
  constexpr int kThreads = 8;
  std::atomic<int> won{0};
  std::atomic<int> aborted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      absl::StatusOr<TokenRecord> r = Write([&](Session& s) {
        return s.tokens().CompareAndSwap("a", c.id, 2, NewToken(c, "race" + std::to_string(i)));
      });
      if (r.ok()) {
        ++won;
      } else if (r.status().code() == absl::StatusCode::kAborted) {
        ++aborted;
      } else {
        ADD_FAILURE() << r.status();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(aborted.load(), kThreads - 1);
  UCF_ASSERT_OK_AND_ASSIGN(TokenRecord now,
                           Read([&](Session& s) { return s.tokens().GetCurrent("a", c.id); }));
  EXPECT_EQ(now.version, 3);
  EXPECT_TRUE(now.access_token.starts_with("race"));
}

TEST_P(StorageContractTest, TokensRefreshLease) {
  AddTenant("a");
  AddTenant("b");
  ConnectionRecord c = AddConnection("a", "main");
  auto claim = [&](std::int64_t version, const std::string& owner, std::chrono::seconds lasts) {
    return Write([&](Session& s) {
      return s.tokens().ClaimRefreshLease("a", c.id, version, owner, clock_.Now(),
                                          clock_.Now() + lasts);
    });
  };
  UCF_EXPECT_CODE(claim(1, "one", seconds(60)), kNotFound);
  UCF_ASSERT_OK(Write([&](Session& s) { return s.tokens().Put(NewToken(c, "v1")); }));

  // One holder at a time; the holder may claim again (renew); a stale version never claims.
  EXPECT_EQ(claim(1, "one", seconds(60)).value(), true);
  EXPECT_EQ(claim(1, "two", seconds(60)).value(), false);
  EXPECT_EQ(claim(1, "one", seconds(60)).value(), true);
  EXPECT_EQ(claim(0, "one", seconds(60)).value(), false);
  UCF_ASSERT_OK_AND_ASSIGN(TokenRecord held,
                           Read([&](Session& s) { return s.tokens().GetCurrent("a", c.id); }));
  EXPECT_EQ(held.refresh_lease_until, clock_.Now() + seconds(60));
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.tokens().ClaimRefreshLease("b", c.id, 1, "x", clock_.Now(),
                                                        clock_.Now() + seconds(1));
                  }),
                  kNotFound);

  // A lease that ran out (its holder died) can be taken over.
  clock_.Advance(seconds(60));
  EXPECT_EQ(claim(1, "two", seconds(60)).value(), true);
  // Releasing someone else's lease does nothing; the holder's release frees it.
  UCF_ASSERT_OK(Write([&](Session& s) { return s.tokens().ReleaseRefreshLease("a", c.id, "one"); }));
  EXPECT_EQ(claim(1, "three", seconds(60)).value(), false);
  UCF_ASSERT_OK(Write([&](Session& s) { return s.tokens().ReleaseRefreshLease("a", c.id, "two"); }));
  EXPECT_EQ(claim(1, "three", seconds(60)).value(), true);

  // Replacing the token ends the lease.
  UCF_ASSERT_OK_AND_ASSIGN(TokenRecord v2, Write([&](Session& s) {
                             return s.tokens().CompareAndSwap("a", c.id, 1, NewToken(c, "v2"));
                           }));
  EXPECT_FALSE(v2.refresh_lease_until.has_value());
  EXPECT_EQ(claim(2, "four", seconds(60)).value(), true);
  UCF_ASSERT_OK_AND_ASSIGN(TokenRecord v3,
                           Write([&](Session& s) { return s.tokens().Put(NewToken(c, "v3")); }));
  EXPECT_FALSE(v3.refresh_lease_until.has_value());
  EXPECT_EQ(claim(3, "five", seconds(60)).value(), true);

  // Racing claimants: exactly one wins.
  UCF_ASSERT_OK(Write([&](Session& s) { return s.tokens().ReleaseRefreshLease("a", c.id, "five"); }));
  std::atomic<int> won{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto r = claim(3, "racer" + std::to_string(i), seconds(60));
      if (r.ok() && *r) ++won;
      if (!r.ok()) ADD_FAILURE() << r.status();
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
}

OAuthStateRecord NewState(const std::string& hash, core::TimePoint expires) {
  OAuthStateRecord s;
  s.state_hash = hash;
  s.tenant_id = "a";
  s.connector_id = "github";
  s.redirect_uri = "http://localhost:8000/oauth/callback";
  s.scopes = {"repo"};
  s.code_verifier = "verifier-" + hash;
  s.connection_name = "main";
  s.extra["site"] = "x";
  s.expires_at = expires;
  return s;
}

TEST_P(StorageContractTest, OAuthStateIsSingleUse) {
  AddTenant("a");
  core::TimePoint expires = clock_.Now() + minutes(10);
  UCF_ASSERT_OK_AND_ASSIGN(OAuthStateRecord created, Write([&](Session& s) {
                             return s.oauth_states().Create(NewState("h1", expires));
                           }));
  EXPECT_EQ(created.created_at, clock_.Now());
  UCF_EXPECT_CODE(
      Write([&](Session& s) { return s.oauth_states().Create(NewState("h1", expires)); }),
      kAlreadyExists);
  OAuthStateRecord orphan = NewState("h2", expires);
  orphan.tenant_id = "nobody";
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.oauth_states().Create(orphan); }), kNotFound);

  clock_.Advance(minutes(9));
  UCF_ASSERT_OK_AND_ASSIGN(OAuthStateRecord consumed, Write([&](Session& s) {
                             return s.oauth_states().Consume("h1", clock_.Now());
                           }));
  EXPECT_EQ(consumed.code_verifier, "verifier-h1");
  EXPECT_EQ(consumed.tenant_id, "a");
  EXPECT_EQ(consumed.connector_id, "github");
  EXPECT_EQ(consumed.redirect_uri, "http://localhost:8000/oauth/callback");
  EXPECT_EQ(consumed.scopes, std::vector<std::string>{"repo"});
  EXPECT_EQ(consumed.connection_name, "main");
  EXPECT_EQ(consumed.extra.at("site"), "x");
  EXPECT_EQ(consumed.expires_at, expires);

  UCF_EXPECT_CODE(Write([&](Session& s) { return s.oauth_states().Consume("h1", clock_.Now()); }),
                  kNotFound);
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.oauth_states().Consume("nope", clock_.Now()); }),
                  kNotFound);
}

TEST_P(StorageContractTest, OAuthStateExpires) {
  AddTenant("a");
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.oauth_states().Create(NewState("old", clock_.Now() + minutes(10)));
  }));
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.oauth_states().Create(NewState("older", clock_.Now() + minutes(5)));
  }));
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.oauth_states().Create(NewState("fresh", clock_.Now() + minutes(30)));
  }));
  clock_.Advance(minutes(10));  // "old" expires exactly now

  // Consuming an expired state deletes it and reports NotFound (committing that deletion is up to
  // the caller's transaction; here it commits because the error is inspected, not returned).
  absl::Status consume;
  UCF_ASSERT_OK(db().Transact(TxMode::kWrite, [&](Session& s) {
    consume = s.oauth_states().Consume("old", clock_.Now()).status();
    return absl::OkStatus();
  }));
  EXPECT_EQ(consume.code(), absl::StatusCode::kNotFound);
  UCF_EXPECT_CODE(Write([&](Session& s) { return s.oauth_states().Consume("old", clock_.Now()); }),
                  kNotFound);

  UCF_ASSERT_OK_AND_ASSIGN(std::int64_t purged, Write([&](Session& s) {
                             return s.oauth_states().PurgeExpired(clock_.Now());
                           }));
  EXPECT_EQ(purged, 1);  // "older"; "old" is already gone
  UCF_ASSERT_OK_AND_ASSIGN(OAuthStateRecord fresh, Write([&](Session& s) {
                             return s.oauth_states().Consume("fresh", clock_.Now());
                           }));
  EXPECT_EQ(fresh.code_verifier, "verifier-fresh");
}

TEST_P(StorageContractTest, SyncStatesPerModel) {
  AddTenant("a");
  AddTenant("b");
  ConnectionRecord c = AddConnection("a", "main");
  UCF_EXPECT_CODE(Read([&](Session& s) { return s.sync_states().Get("a", c.id, ""); }), kNotFound);

  UCF_ASSERT_OK_AND_ASSIGN(
      SyncStateRecord put, Write([&](Session& s) {
        return s.sync_states().Put({.tenant_id = "a", .connection_id = c.id, .cursor = "page-2"});
      }));
  EXPECT_EQ(put.model, "");
  EXPECT_EQ(put.updated_at, clock_.Now());
  clock_.Advance(seconds(1));
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.sync_states().Put(
        {.tenant_id = "a", .connection_id = c.id, .model = "issues", .cursor = "2026-01-01"});
  }));
  UCF_ASSERT_OK(Write([&](Session& s) {
    return s.sync_states().Put({.tenant_id = "a", .connection_id = c.id, .cursor = std::nullopt});
  }));

  UCF_ASSERT_OK_AND_ASSIGN(SyncStateRecord whole,
                           Read([&](Session& s) { return s.sync_states().Get("a", c.id, ""); }));
  EXPECT_FALSE(whole.cursor.has_value());
  EXPECT_EQ(whole.updated_at, clock_.Now());
  UCF_ASSERT_OK_AND_ASSIGN(auto all,
                           Read([&](Session& s) { return s.sync_states().List("a", c.id); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].model, "");
  EXPECT_EQ(all[1].model, "issues");
  EXPECT_EQ(all[1].cursor, "2026-01-01");

  UCF_EXPECT_CODE(Read([&](Session& s) { return s.sync_states().Get("b", c.id, ""); }), kNotFound);
  UCF_ASSERT_OK_AND_ASSIGN(auto of_b,
                           Read([&](Session& s) { return s.sync_states().List("b", c.id); }));
  EXPECT_TRUE(of_b.empty());
  UCF_EXPECT_CODE(Write([&](Session& s) {
                    return s.sync_states().Put({.tenant_id = "b", .connection_id = c.id});
                  }),
                  kNotFound);
}

}  // namespace
}  // namespace ucf::storage::test_support
