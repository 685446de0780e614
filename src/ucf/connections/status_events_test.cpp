#include "ucf/connections/status_events.hpp"

#include <gtest/gtest.h>

namespace ucf::connections {
namespace {

using storage::ConnectionStatus;

TEST(StatusEventsTest, EveryWayIntoNeedsReauthTellsTheApplicationOnce) {
  for (ConnectionStatus from : storage::kAllConnectionStatuses) {
    auto event = StatusChangeEvent(from, ConnectionStatus::kNeedsReauth);
    if (from == ConnectionStatus::kNeedsReauth) EXPECT_EQ(event, std::nullopt);
    else EXPECT_EQ(event, "connection.needs_reauth");
  }
}

TEST(StatusEventsTest, LeavingNeedsReauthOrErrorForConnectedIsARecovery) {
  EXPECT_EQ(StatusChangeEvent(ConnectionStatus::kNeedsReauth, ConnectionStatus::kConnected), "connection.recovered");
  EXPECT_EQ(StatusChangeEvent(ConnectionStatus::kError, ConnectionStatus::kConnected), "connection.recovered");
  EXPECT_EQ(StatusChangeEvent(ConnectionStatus::kConnected, ConnectionStatus::kConnected), std::nullopt);
  EXPECT_EQ(StatusChangeEvent(ConnectionStatus::kPending, ConnectionStatus::kConnected), std::nullopt);
  EXPECT_EQ(StatusChangeEvent(ConnectionStatus::kRevoked, ConnectionStatus::kConnected), std::nullopt);
  EXPECT_EQ(StatusChangeEvent(ConnectionStatus::kNeedsReauth, ConnectionStatus::kPending), std::nullopt);
  EXPECT_EQ(StatusChangeEvent(ConnectionStatus::kConnected, ConnectionStatus::kError), std::nullopt);
  EXPECT_EQ(StatusChangeEvent(ConnectionStatus::kNeedsReauth, ConnectionStatus::kRevoked), std::nullopt);
}

}  // namespace
}  // namespace ucf::connections
