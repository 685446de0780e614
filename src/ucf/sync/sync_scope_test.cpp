#include "ucf/sync/sync_scope.hpp"

#include <gtest/gtest.h>

#include "boost/json/parse.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::sync {
namespace {

std::string FieldOf(const absl::Status& s) {
  auto details = core::GetDetails(s);
  const auto* f = details ? details->if_contains("field") : nullptr;
  return f && f->is_string() ? std::string(f->get_string()) : "";
}

absl::StatusOr<std::vector<std::string>> Parse(std::string_view json) {
  return ParseSyncContainers(boost::json::parse(json).as_object());
}

TEST(SyncScopeTest, ParsesBoundedDistinctIdsAndNamesTheBadOne) {
  EXPECT_TRUE(Parse("{}")->empty());
  EXPECT_TRUE(Parse(R"({"containers":null})")->empty());
  EXPECT_EQ(*Parse(R"({"containers":["Account","Invoice__c"]})"), (std::vector<std::string>{"Account", "Invoice__c"}));
  EXPECT_EQ(FieldOf(Parse(R"({"containers":"Account"})").status()), "containers");
  EXPECT_EQ(FieldOf(Parse(R"({"containers":["Account",1]})").status()), "containers[1]");
  EXPECT_EQ(FieldOf(Parse(R"({"containers":["Account","Account"]})").status()), "containers[1]");
  EXPECT_EQ(FieldOf(Parse(R"({"containers":[" "]})").status()), "containers[0]");
  EXPECT_EQ(FieldOf(Parse(R"({"containers":["a\nb"]})").status()), "containers[0]");
  std::string long_id = R"({"containers":[")" + std::string(kMaxContainerIdBytes + 1, 'a') + R"("]})";
  EXPECT_EQ(FieldOf(Parse(long_id).status()), "containers[0]");
  std::string many = R"({"containers":[)";
  for (std::size_t i = 0; i <= kMaxSyncContainers; ++i) many += (i ? ",\"c" : "\"c") + std::to_string(i) + "\"";
  EXPECT_EQ(FieldOf(Parse(many + "]}").status()), "containers");
}

TEST(SyncScopeTest, ReadsTheJobsChoiceBack) {
  storage::JobRecord job;
  EXPECT_TRUE(ContainersOf(job).empty());
  job.params = boost::json::parse(R"({"model":"records","containers":["Contact","Case"]})").as_object();
  EXPECT_EQ(ContainersOf(job), (std::vector<std::string>{"Contact", "Case"}));
}

}  // namespace
}  // namespace ucf::sync
