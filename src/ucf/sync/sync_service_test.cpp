#include "ucf/sync/sync_service.hpp"

#include <gtest/gtest.h>

namespace ucf::sync {
namespace {

TEST(ModelForProviderEventTest, MapsJiraConfluenceAndGitHubEventsToTheirModels) {
  EXPECT_EQ(ModelForProviderEvent("jira", "jira:issue_updated"), "issues");
  EXPECT_EQ(ModelForProviderEvent("jira", "jira:issue_deleted"), "issues");
  EXPECT_EQ(ModelForProviderEvent("jira", "comment_created"), "comments");
  EXPECT_EQ(ModelForProviderEvent("confluence", "page_updated"), "pages");
  EXPECT_EQ(ModelForProviderEvent("jira", "project_created"), std::nullopt);
  EXPECT_EQ(ModelForProviderEvent("github", "jira:issue_updated"), std::nullopt);
  EXPECT_EQ(ModelForProviderEvent("github", "issues"), "issues");
  EXPECT_EQ(ModelForProviderEvent("github", "issue_comment"), "comments");
  EXPECT_EQ(ModelForProviderEvent("github", "ping"), std::nullopt);
  EXPECT_EQ(ModelForProviderEvent("jira", "issues"), std::nullopt);
}

}  // namespace
}  // namespace ucf::sync
