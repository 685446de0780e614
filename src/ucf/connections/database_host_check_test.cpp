#include "ucf/connections/database_host_check.hpp"

#include <gtest/gtest.h>

#include "ucf/core/error_details.hpp"

namespace ucf::connections {
namespace {

TEST(DatabaseHostCheckTest, RefusesPrivateLiteralsUnlessAllowedAndLeavesNamesToResolution) {
  connectors::HostCheck strict = DatabaseHostCheck(false);
  for (const char* host : {"127.0.0.1", "10.1.2.3", "192.168.0.5", "169.254.169.254", "::1", "[::1]", "fd00::1",
                           "::ffff:10.0.0.1", "0.0.0.0"}) {
    absl::Status s = strict(host);
    EXPECT_TRUE(absl::IsPermissionDenied(s)) << host;
    auto details = core::GetDetails(s);
    ASSERT_TRUE(details.has_value()) << host;
    EXPECT_EQ(details->at("field"), "host");
    EXPECT_NE(std::string(s.message()).find("UCF_ALLOW_PRIVATE_DATABASES"), std::string::npos);
  }
  for (const char* host : {"8.8.8.8", "2001:4860:4860::8888", "db.example.com", "localhost"}) {
    EXPECT_TRUE(strict(host).ok()) << host;  // names are judged by the addresses they resolve to
  }
  connectors::HostCheck allowing = DatabaseHostCheck(true);
  for (const char* host : {"127.0.0.1", "10.1.2.3", "::1"}) EXPECT_TRUE(allowing(host).ok()) << host;
}

}  // namespace
}  // namespace ucf::connections
