#include "ucf/http/client/loggable_url.hpp"

#include <gtest/gtest.h>

namespace ucf::http {
namespace {

TEST(LoggableUrlTest, DropsUserInfoQueryAndFragment) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"https://user:pw@host:8443/a/b?token=x#f", "https://host:8443/a/b"},
      {"https://api.example.com/rest/api/3/search/jql?jql=x",
       "https://api.example.com/rest/api/3/search/jql"},
      {"http://host", "http://host"},
      {"http://host?x=1", "http://host"},
      {"http://a@b@host/p", "http://host/p"},
      {"not a url", "<invalid url>"},
      {"://host", "<invalid url>"},
  };
  for (const Case& c : cases) EXPECT_EQ(LoggableUrl(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace ucf::http
