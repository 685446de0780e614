#include "ucf/connectors/registry.hpp"

#include <gtest/gtest.h>

namespace ucf::connectors {
namespace {

class Named final : public HttpConnector {
 public:
  explicit Named(std::string id) { d_.id = std::move(id); }
  const ConnectorDescription& Describe() const override { return d_; }
  absl::StatusOr<AccountInfo> CheckCredentials(ApiClient&) const override { return AccountInfo{}; }

 private:
  ConnectorDescription d_;
};

std::vector<std::string> Ids(const ConnectorRegistry& r) {
  std::vector<std::string> out;
  for (const Connector* c : r.List()) out.push_back(c->Describe().id);
  return out;
}

TEST(ConnectorRegistryTest, ListsInTheRegistryOrderWhateverTheRegistrationOrder) {
  ConnectorRegistry r;
  for (const char* id : {"zendesk", "jira", "github", "confluence", "postgres", "salesforce", "asana"}) {
    ASSERT_TRUE(r.Add(std::make_unique<Named>(id)).ok());
  }
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"postgres", "salesforce", "jira", "confluence", "github",
                                              "zendesk", "asana"}));
  EXPECT_TRUE(absl::IsAlreadyExists(r.Add(std::make_unique<Named>("jira"))));
}

TEST(ConnectorRegistryTest, MissingEntriesOfTheOrderAreSkipped) {
  ConnectorRegistry r({"b", "a"});
  ASSERT_TRUE(r.Add(std::make_unique<Named>("a")).ok());
  ASSERT_TRUE(r.Add(std::make_unique<Named>("c")).ok());
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"a", "c"}));
}

}  // namespace
}  // namespace ucf::connectors
