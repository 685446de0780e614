#include "ucf/observability/trace_context.hpp"

#include <gtest/gtest.h>

namespace ucf::observability {
namespace {

TEST(TraceContextTest, ParsesTheW3cExample) {
  auto p = ParseTraceParent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(p->parent_id, "00f067aa0ba902b7");
  EXPECT_EQ(p->flags, "01");
  EXPECT_EQ(FormatTraceParent(*p), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  // A later version may carry more fields.
  EXPECT_TRUE(ParseTraceParent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra").has_value());
}

TEST(TraceContextTest, RefusesInvalidHeaders) {
  for (const char* bad : {"", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
                          "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                          "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                          "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",
                          "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                          "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01"}) {
    EXPECT_FALSE(ParseTraceParent(bad).has_value()) << bad;
  }
  EXPECT_FALSE(ParseTraceParent(std::string(600, '0')).has_value());
}

TEST(TraceContextTest, NewIdsAreValidAndDistinct) {
  std::string trace = NewTraceId(), span = NewSpanId();
  EXPECT_EQ(trace.size(), 32u);
  EXPECT_EQ(span.size(), 16u);
  auto p = ParseTraceParent(FormatTraceParent({trace, span, "01"}));
  ASSERT_TRUE(p.has_value());
  EXPECT_NE(NewTraceId(), trace);
  EXPECT_NE(NewSpanId(), span);
}

}  // namespace
}  // namespace ucf::observability
