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

TEST(EventStreamTest, SendsThePreambleThenEventsAsTheyArriveWithoutBlocking) {
  sync::EventHub hub;
  auto stream = std::make_shared<EventStream>(hub, "a", std::nullopt, hub.LastId(), "retry: 2000\n\n");
  Puller p;
  p.Pull(*stream);
  EXPECT_EQ(p.Text(), "retry: 2000\n\n");
  p.Pull(*stream);
  EXPECT_EQ(p.Text(), "<pending>") << "parked in the hub, no thread held";
  hub.Publish("b", "job.queued", "j0", {});
  EXPECT_EQ(p.Text(), "<pending>") << "another tenant's event";
  std::int64_t id = hub.Publish("a", "job.queued", "j1", {{"jobId", "j1"}});
  EXPECT_EQ(p.Text(), "id: " + std::to_string(id) + "\nevent: job.queued\ndata: {\"jobId\":\"j1\",\"type\":\"job.queued\"}\n\n");
  p.Pull(*stream);
  hub.Tick();
  EXPECT_EQ(p.Text(), ": keep-alive\n\n");
}

TEST(EventStreamTest, AJobStreamResumesAfterLastEventIdAndEndsAfterJobFinished) {
  sync::EventHub hub;
  std::int64_t e1 = hub.Publish("a", "job.started", "j1", {});
  hub.Publish("a", "job.started", "other", {});
  hub.Publish("a", "job.progress", "j1", {});
  hub.Publish("a", "job.finished", "j1", {});
  auto stream = std::make_shared<EventStream>(hub, "a", std::string("j1"), e1, "");
  Puller p;
  p.Pull(*stream);
  EXPECT_EQ(p.Text().find("job.started"), std::string::npos) << "resumed after e1";
  EXPECT_NE(p.Text().find("event: job.progress"), std::string::npos);
  EXPECT_NE(p.Text().find("event: job.finished"), std::string::npos);
  p.Pull(*stream);
  EXPECT_EQ(p.Text(), "<end>");
}

TEST(EventStreamTest, CancelForgetsTheParkedPull) {
  sync::EventHub hub(10, 1);
  auto stream = std::make_shared<EventStream>(hub, "a", std::nullopt, hub.LastId(), "");
  Puller p;
  p.Pull(*stream);
  stream->Cancel();
  hub.Publish("a", "job.queued", "j", {});
  EXPECT_EQ(p.Text(), "<pending>");
  // Its slot is free again (cap 1).
  auto other = std::make_shared<EventStream>(hub, "a", std::nullopt, hub.LastId(), "");
  Puller q;
  q.Pull(*other);
  EXPECT_EQ(q.Text(), "<pending>");
}

}  // namespace
}  // namespace ucf::api
