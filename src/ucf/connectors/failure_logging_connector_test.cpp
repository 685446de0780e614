#include "ucf/connectors/failure_logging_connector.hpp"

#include <gtest/gtest.h>

#include "ucf/core/strings.hpp"
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

#include "ucf/connectors/fake_api_client.hpp"

namespace ucf::connectors {
namespace {

// Answers GetItem with a fixed status: the mapping failure of issue 9 (hole 9) or a client error.
class FixedConnector final : public HttpConnector {
 public:
  explicit FixedConnector(absl::Status status) : status_(std::move(status)) { d_.id = "jira"; }
  const ConnectorDescription& Describe() const override { return d_; }
  absl::StatusOr<AccountInfo> CheckCredentials(ApiClient&) const override { return AccountInfo{}; }
  absl::StatusOr<Item> GetItem(ApiClient&, std::string_view) const override { return status_; }

 private:
  ConnectorDescription d_;
  absl::Status status_;
};

TEST(FailureLoggingConnectorTest, AMappingFailureSaysWhyInTheLog) {
  std::ostringstream stream;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream);
  observability::Logger logger({.json = true}, {sink});
  FakeApiClient api("https://acme.atlassian.net", "con_42");

  auto broken = WithFailureLog(
      std::make_unique<FixedConnector>(absl::InternalError("jira: response field 'issues[2]' is not an object")),
      logger);
  absl::Status fault = broken->GetItem(api, "ENG-1").status();
  EXPECT_EQ(fault.code(), absl::StatusCode::kUnavailable) << "the provider's fault, not a 500";
  EXPECT_TRUE(core::ToStd(fault.message()).starts_with("jira: ")) << fault;
  EXPECT_EQ(broken->Describe().id, "jira");
  std::string line = stream.str();
  EXPECT_NE(line.find("connector call failed"), std::string::npos) << line;
  EXPECT_NE(line.find("issues[2]"), std::string::npos) << line;
  EXPECT_NE(line.find("con_42"), std::string::npos) << line;
  EXPECT_NE(line.find("\"operation\":\"item\""), std::string::npos) << line;

  auto cut = WithFailureLog(std::make_unique<FixedConnector>(absl::UnavailableError(
                                "upstream GET https://acme.atlassian.net/x: Transferred a partial file")),
                            logger);
  EXPECT_EQ(core::ToStd(cut->GetItem(api, "ENG-1").status().message()),
            "jira: upstream GET https://acme.atlassian.net/x: Transferred a partial file");

  stream.str("");
  auto refused = WithFailureLog(std::make_unique<FixedConnector>(absl::InvalidArgumentError("bad id")), logger);
  EXPECT_EQ(refused->GetItem(api, "..").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(stream.str(), "") << "4xx outcomes are the caller's, not logged as failures";
}

}  // namespace
}  // namespace ucf::connectors
