#pragma once
// Test helper for this module's suites: the text of a recorded Jira answer in testdata/.

#include <string>
#include <string_view>

#include "ucf/connectors/atlassian/test_support.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::jira::testing {

inline std::string Fixture(std::string_view name) {
  return atlassian::testing::ReadFile(
      core::StrCat(UCF_SOURCE_DIR, "/src/ucf/connectors/jira/testdata/", name));
}

}  // namespace ucf::connectors::jira::testing
