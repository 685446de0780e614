#include "ucf/connectors/atlassian/request_args.hpp"

#include <gtest/gtest.h>

#include <string>

#include "ucf/connectors/atlassian/test_support.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::connectors::atlassian {
namespace {

using testing::FieldOf;

TEST(RequestArgsTest, IdsAreKeysOrNumbersOnly) {
  for (const char* ok : {"ENG-42", "10001", "MY_PROJ", " ENG-1 ", "a"}) {
    EXPECT_TRUE(RequireId("itemId", ok).ok()) << ok;
  }
  // Dot segments, separators, encodings, blanks, controls and over-long values never reach a
  // URL path or JQL (issue 9, hole 8: `..` reached Jira as a dot segment).
  for (const char* bad : {"..", ".", "ENG-1/..", "../myself", "ENG%2F1", "a b", "ENG-1?x=1",
                          "ENG-1#", "x\ny", "é", ""}) {
    absl::Status s = RequireId("itemId", bad);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(FieldOf(s), "itemId") << bad;
  }
  EXPECT_TRUE(RequireId("itemId", std::string(kMaxIdLength, 'A')).ok());
  EXPECT_EQ(FieldOf(RequireId("containerId", std::string(kMaxIdLength + 1, 'A'))), "containerId");
}

}  // namespace
}  // namespace ucf::connectors::atlassian
