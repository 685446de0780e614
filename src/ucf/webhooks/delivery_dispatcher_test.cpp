#include "ucf/webhooks/delivery_dispatcher.hpp"

#include <gtest/gtest.h>

#include "tests/support/scratch_sqlite.hpp"
#include "ucf/http/client/fake_http_client.hpp"
#include "ucf/webhooks/signing_secrets.hpp"
#include "ucf/webhooks/subscription_service.hpp"

namespace ucf::webhooks {
namespace {

using std::chrono::seconds;

class DeliveryDispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<testing::ScratchSqlite>(clock_);
    db_ = &scratch_->db();
    ASSERT_TRUE(db_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) {
                     return s.tenants().Create({.id = "a", .name = "A"}).status();
                   }).ok());
    auto created = SubscriptionService(*db_, clock_, true).Create(audit::Actor::System("a"), "https://app.example/hook", {});
    ASSERT_TRUE(created.ok()) << created.status();
    subscription_ = created->subscription.id;
    secret_ = created->secret;
  }
  std::string Enqueue(std::string event) {
    storage::WebhookDeliveryRecord d;
    d.tenant_id = "a";
    d.subscription_id = subscription_;
    d.event = event;
    d.payload = {{"type", event}, {"data", {{"n", 1}}}};
    d.next_attempt_at = clock_.Now();
    std::string id;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
                     auto got = s.webhook_deliveries().Create(d);
                     if (got.ok()) id = got->id;
                     return got.status();
                   }).ok());
    return id;
  }
  storage::WebhookDeliveryRecord Delivery(const std::string& id) {
    storage::WebhookDeliveryRecord out;
    EXPECT_TRUE(db_->Transact(storage::TxMode::kRead, [&](storage::Session& s) -> absl::Status {
                     auto got = s.webhook_deliveries().Get("a", id);
                     if (got.ok()) out = *got;
                     return got.status();
                   }).ok());
    return out;
  }

  core::FakeClock clock_{core::TimePoint(std::chrono::hours(500'000))};
  std::unique_ptr<testing::ScratchSqlite> scratch_;
  storage::Database* db_ = nullptr;
  std::string subscription_;
  std::string secret_;
  http::FakeHttpClient http_;
};

TEST_F(DeliveryDispatcherTest, SignsInTheStandardWebhooksShapeAndRetriesUntilDelivered) {
  DispatchOptions options{.base = std::chrono::milliseconds(1000)};
  DeliveryDispatcher dispatcher(*db_, http_, clock_, options);
  std::string id = Enqueue("sync.finished");
  http_.EnqueueJson(500, "{}");
  ASSERT_EQ(*dispatcher.DispatchDue(), 1);
  auto failed_once = Delivery(id);
  EXPECT_EQ(failed_once.status, storage::kDeliveryPending);
  EXPECT_EQ(failed_once.attempts, 1);
  EXPECT_EQ(failed_once.last_error, "the receiver answered HTTP 500");
  ASSERT_TRUE(failed_once.next_attempt_at.has_value());
  EXPECT_GE(*failed_once.next_attempt_at, clock_.Now() + std::chrono::milliseconds(500));
  EXPECT_EQ(*dispatcher.DispatchDue(), 0) << "not due before its back-off";

  auto sent = http_.requests()[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, "https://app.example/hook");
  EXPECT_EQ(sent.headers.Get("webhook-id"), id);
  std::string ts(*sent.headers.Get("webhook-timestamp"));
  EXPECT_EQ(*sent.headers.Get("webhook-signature"), "v1," + SignatureFor(secret_, id, std::stoll(ts), sent.body));
  EXPECT_NE(sent.body.find("\"type\":\"sync.finished\""), std::string::npos);

  clock_.Advance(seconds(2));
  http_.EnqueueJson(204, "");
  ASSERT_EQ(*dispatcher.DispatchDue(), 1);
  EXPECT_EQ(Delivery(id).status, storage::kDeliverySucceeded);
  EXPECT_EQ(Delivery(id).attempts, 2);
}

TEST_F(DeliveryDispatcherTest, GivesUpAfterTheBoundAndFailsAtOnceWithoutASubscription) {
  DispatchOptions options{.base = std::chrono::milliseconds(1000), .max_backoff = std::chrono::milliseconds(4000),
                          .give_up_after = std::chrono::milliseconds(20'000)};
  DeliveryDispatcher dispatcher(*db_, http_, clock_, options);
  std::string id = Enqueue("records.changed");
  http_.SetHandler([](const http::UpstreamRequest&) -> absl::StatusOr<http::UpstreamResponse> {
    return absl::UnavailableError("connection refused");
  });
  for (int i = 0; i < 40 && Delivery(id).status == storage::kDeliveryPending; ++i) {
    ASSERT_TRUE(dispatcher.DispatchDue().ok());
    clock_.Advance(seconds(3));
  }
  auto gave_up = Delivery(id);
  EXPECT_EQ(gave_up.status, storage::kDeliveryFailed);
  EXPECT_GE(gave_up.attempts, 4);
  EXPECT_LE(gave_up.attempts, 12) << "exponential, not every pass";
  EXPECT_EQ(gave_up.last_error, "no answer from the receiver (UNAVAILABLE)");

  ASSERT_TRUE(SubscriptionService(*db_, clock_, true).Delete(audit::Actor::System("a"), subscription_).ok());
  EXPECT_TRUE(absl::IsNotFound(db_->Transact(storage::TxMode::kRead, [&](storage::Session& s) {
    return s.webhook_deliveries().Get("a", id).status();
  }))) << "deliveries go with their subscription";
}

TEST(DeliveryBackoffTest, DoublesUpToTheCapWithJitter) {
  DispatchOptions o{.base = std::chrono::milliseconds(1000), .max_backoff = std::chrono::milliseconds(8000)};
  EXPECT_EQ(DeliveryDispatcher::Backoff(o, 1, 0.5).count(), 1000);
  EXPECT_EQ(DeliveryDispatcher::Backoff(o, 3, 0.5).count(), 4000);
  EXPECT_EQ(DeliveryDispatcher::Backoff(o, 10, 0.5).count(), 8000);
  EXPECT_EQ(DeliveryDispatcher::Backoff(o, 1, 0.0).count(), 500);
}

TEST(SubscriptionTargetTest, PrivateAndMalformedTargetsAreRefusedLikeUpstreams) {
  core::FakeClock clock;
  testing::ScratchSqlite scratch(clock);
  SubscriptionService strict(scratch.db(), clock, /*allow_private_targets=*/false);
  EXPECT_TRUE(strict.CheckTarget("https://app.example/hook").ok());
  for (const char* bad : {"http://127.0.0.1:8080/hook", "http://169.254.169.254/latest", "http://[::1]/x",
                          "http://localhost/x", "ftp://app.example/x", "https://user:pw@app.example/x", "/relative",
                          "https://app.example/a b"}) {
    EXPECT_EQ(strict.CheckTarget(bad).code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(strict.CheckTarget(std::string(3000, 'a')).code(), absl::StatusCode::kInvalidArgument);
  SubscriptionService lenient(scratch.db(), clock, /*allow_private_targets=*/true);
  EXPECT_TRUE(lenient.CheckTarget("http://127.0.0.1:8080/hook").ok());
}

}  // namespace
}  // namespace ucf::webhooks
