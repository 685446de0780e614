#include "ucf/api/routes.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ucf::api {
namespace {

// Every route must say who may call it; the isolation matrix (tests/integration) relies on it.
TEST(RoutesTest, EveryRouteIsClassifiedDocumentedAndUnique) {
  config::Config config;
  observability::MetricsRegistry metrics;
  ApiDeps deps{.config = &config, .metrics = &metrics};
  std::set<std::string> seen;
  for (const http::Route& route : BuildRoutes(deps)) {
    std::string name = route.method + " " + route.pattern;
    EXPECT_NE(route.access, http::Access::kUnclassified) << name << " has no access class";
    EXPECT_FALSE(route.summary.empty()) << name;
    EXPECT_FALSE(route.tag.empty()) << name;
    EXPECT_TRUE(route.handler) << name;
    EXPECT_TRUE(seen.insert(name).second) << name << " is registered twice";
    if (route.pattern.rfind(config.api_prefix + "/", 0) == 0) {
      EXPECT_NE(route.access, http::Access::kPublic) << name << ": /api routes need credentials";
    }
  }
}

}  // namespace
}  // namespace ucf::api
