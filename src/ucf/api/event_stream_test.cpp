#include "ucf/api/event_stream.hpp"

#include <gtest/gtest.h>

namespace ucf::api {
namespace {

// Pulls once and returns what `next` got (nullopt inside = end; "<pending>" when not called yet).
struct Puller {
  std::optional<http::BodyStream::Piece> got;
  void Pull(EventStream& s) {
    got.reset();
    s.Pull([this](http::BodyStream::Piece p) { got = std::move(p); });
  }
  std::string Text() const {
    if (!got) return "<pending>";
    if (!got->ok()) return "<error>";
    return got->value() ? *got->value() : "<end>";
  }
};

void Deliver(sync::EventHub& hub, std::string_view tenant, std::int64_t id, std::string type, std::string job,
             boost::json::object data = {}) {
  std::vector<sync::HubEvent> events;
  events.push_back({id, std::move(type), std::move(job), std::move(data)});
  hub.Deliver(tenant, std::move(events));
}

TEST(EventStreamTest, SendsThePreambleThenEventsAsTheyArriveWithoutBlocking) {
  sync::EventHub hub;
  hub.Subscribe("b", 0);
  auto stream = std::make_shared<EventStream>(hub, "a", std::nullopt, 0, 0, "retry: 2000\n\n");
  Puller p;
  p.Pull(*stream);
  EXPECT_EQ(p.Text(), "retry: 2000\n\n");
  p.Pull(*stream);
  EXPECT_EQ(p.Text(), "<pending>") << "parked in the hub, no thread held";
  Deliver(hub, "b", 1, "job.queued", "j0");
  EXPECT_EQ(p.Text(), "<pending>") << "another tenant's event";
  Deliver(hub, "a", 1, "job.queued", "j1", {{"jobId", "j1"}});
  EXPECT_EQ(p.Text(), "id: 1\nevent: job.queued\ndata: {\"jobId\":\"j1\",\"type\":\"job.queued\"}\n\n");
  p.Pull(*stream);
  hub.Tick();
  EXPECT_EQ(p.Text(), ": keep-alive\n\n");
}

TEST(EventStreamTest, AJobStreamResumesAfterItsPositionAndEndsAfterJobFinished) {
  sync::EventHub hub;
  auto stream = std::make_shared<EventStream>(hub, "a", std::string("j1"), /*head=*/0, /*after=*/1, "");
  Deliver(hub, "a", 1, "job.started", "j1");
  Deliver(hub, "a", 2, "job.started", "other");
  Deliver(hub, "a", 3, "job.progress", "j1");
  Deliver(hub, "a", 4, "job.finished", "j1");
  Puller p;
  p.Pull(*stream);
  EXPECT_EQ(p.Text().find("job.started"), std::string::npos) << "resumed after 1, only j1's";
  EXPECT_NE(p.Text().find("event: job.progress"), std::string::npos);
  EXPECT_NE(p.Text().find("event: job.finished"), std::string::npos);
  p.Pull(*stream);
  EXPECT_EQ(p.Text(), "<end>");
}

TEST(EventStreamTest, AClientSlowerThanTheHubsWindowIsEndedToResumeFromTheDatabase) {
  sync::EventHub hub(/*capacity=*/4);
  auto slow = std::make_shared<EventStream>(hub, "a", std::nullopt, 0, 0, "");
  for (int id = 1; id <= 10; ++id) Deliver(hub, "a", id, "job.progress", "j1");
  Puller p;
  p.Pull(*slow);
  EXPECT_EQ(p.Text(), "<end>") << "events 1..6 are gone from memory: the reconnect reads them from the database";
  // A stream whose position is inside the window goes on.
  auto fresh = std::make_shared<EventStream>(hub, "a", std::nullopt, 0, 8, "");
  p.Pull(*fresh);
  EXPECT_EQ(p.Text().substr(0, 6), "id: 9\n");
}

TEST(EventStreamTest, SubscribesItsTenantForItsLifetime) {
  sync::EventHub hub;
  {
    auto stream = std::make_shared<EventStream>(hub, "a", std::nullopt, 7, 7, "");
    ASSERT_EQ(hub.Subscribed().size(), 1u);
    EXPECT_EQ(hub.Subscribed()[0].second, 7);
  }
  EXPECT_TRUE(hub.Subscribed().empty());
}

TEST(EventStreamTest, CancelForgetsTheParkedPull) {
  sync::EventHub hub(10, 1);
  auto stream = std::make_shared<EventStream>(hub, "a", std::nullopt, 0, 0, "");
  Puller p;
  p.Pull(*stream);
  stream->Cancel();
  Deliver(hub, "a", 1, "job.queued", "j");
  EXPECT_EQ(p.Text(), "<pending>");
  // Its slot is free again (cap 1).
  auto other = std::make_shared<EventStream>(hub, "a", std::nullopt, 1, 1, "");
  Puller q;
  q.Pull(*other);
  EXPECT_EQ(q.Text(), "<pending>");
}

}  // namespace
}  // namespace ucf::api
