#include "ucf/connections/status_transitions.hpp"

#include <gtest/gtest.h>

#include "ucf/core/error_details.hpp"

namespace ucf::connections {
namespace {

using storage::ConnectionStatus;
using E = ConnectionEvent;

TEST(StatusTransitionsTest, VerifiedCredentialsAndAuthorizationConnectFromAnywhere) {
  for (ConnectionStatus from : storage::kAllConnectionStatuses) {
    EXPECT_EQ(StatusAfter(from, E::kCredentialsVerified), ConnectionStatus::kConnected);
    EXPECT_EQ(StatusAfter(from, E::kAuthorized), ConnectionStatus::kConnected);
    EXPECT_EQ(StatusAfter(from, E::kRevoked), ConnectionStatus::kRevoked);
    EXPECT_EQ(StatusAfter(from, E::kCreated), ConnectionStatus::kPending);
  }
}

TEST(StatusTransitionsTest, RevokedStaysRevokedUntilReconnected) {
  for (E e : {E::kSiteChosen, E::kSiteChanged, E::kCredentialsRejected, E::kRefreshRejected,
                E::kProviderRejected}) {
    EXPECT_EQ(StatusAfter(ConnectionStatus::kRevoked, e), ConnectionStatus::kRevoked);
  }
}

TEST(StatusTransitionsTest, ASiteChangeAsksForTheCredentialsAgain) {
  EXPECT_EQ(StatusAfter(ConnectionStatus::kConnected, E::kSiteChanged), ConnectionStatus::kPending);
  EXPECT_EQ(StatusAfter(ConnectionStatus::kError, E::kSiteChanged), ConnectionStatus::kPending);
}

TEST(StatusTransitionsTest, RejectionsOnlyDowngrade) {
  EXPECT_EQ(StatusAfter(ConnectionStatus::kConnected, E::kCredentialsRejected),
            ConnectionStatus::kError);
  EXPECT_EQ(StatusAfter(ConnectionStatus::kPending, E::kCredentialsRejected),
            ConnectionStatus::kPending);
  EXPECT_EQ(StatusAfter(ConnectionStatus::kConnected, E::kRefreshRejected),
            ConnectionStatus::kNeedsReauth);
  EXPECT_EQ(StatusAfter(ConnectionStatus::kError, E::kProviderRejected), ConnectionStatus::kNeedsReauth);
  EXPECT_EQ(StatusAfter(ConnectionStatus::kNeedsReauth, E::kSiteChosen),
            ConnectionStatus::kNeedsReauth);
  EXPECT_EQ(StatusAfter(ConnectionStatus::kPending, E::kSiteChosen), ConnectionStatus::kConnected);
}

TEST(StatusTransitionsTest, OnlyConnectedAndErrorAreUsable) {
  storage::ConnectionRecord c;
  c.id = "c1";
  for (ConnectionStatus s : storage::kAllConnectionStatuses) {
    c.status = s;
    absl::Status usable = CheckUsable(c);
    bool expect_ok = s == ConnectionStatus::kConnected || s == ConnectionStatus::kError;
    EXPECT_EQ(usable.ok(), expect_ok) << storage::ConnectionStatusName(s);
    if (!usable.ok()) {
      EXPECT_EQ(usable.code(), absl::StatusCode::kFailedPrecondition);
      auto details = core::GetDetails(usable);
      ASSERT_TRUE(details.has_value());
      EXPECT_EQ(details->at("connectionId").as_string(), "c1");
    }
  }
}

}  // namespace
}  // namespace ucf::connections
