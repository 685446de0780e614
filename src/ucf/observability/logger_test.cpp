#include "ucf/observability/logger.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

#include "boost/json/parse.hpp"
#include "ucf/observability/request_context.hpp"

namespace ucf::observability {
namespace {

struct Capture {
  std::ostringstream stream;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink =
      std::make_shared<spdlog::sinks::ostream_sink_mt>(stream);
};

TEST(LoggerTest, JsonLineCarriesContextAndRedactsFields) {
  Capture cap;
  Logger logger({.json = true, .level = LogLevel::kInfo}, {cap.sink});
  RequestContext ctx{.request_id = "rid-1", .tenant_id = "acme", .api_tag = "tag"};
  {
    ScopedRequestContext scope(ctx);
    logger.Info("test", "hello", {{"client_secret", "hunter2"}, {"count", 3}});
  }
  logger.Debug("test", "hidden");
  std::string line = cap.stream.str();
  ASSERT_EQ(std::count(line.begin(), line.end(), '\n'), 1) << line;
  auto obj = boost::json::parse(line).as_object();
  EXPECT_EQ(obj["message"], "hello");
  EXPECT_EQ(obj["level"], "info");
  EXPECT_EQ(obj["logger"], "test");
  EXPECT_EQ(obj["request_id"], "rid-1");
  EXPECT_EQ(obj["tenant_id"], "acme");
  EXPECT_EQ(obj["api_tag"], "tag");
  EXPECT_EQ(obj["client_secret"], "***");
  EXPECT_EQ(obj["count"], 3);
  EXPECT_EQ(line.find("hunter2"), std::string::npos);
  std::string time(obj["time"].as_string());
  EXPECT_EQ(time.back(), 'Z');
}

TEST(LoggerTest, TextModeAndLevels) {
  Capture cap;
  Logger logger({.json = false, .level = LogLevel::kWarn}, {cap.sink});
  logger.Info("t", "dropped");
  logger.Warn("t", "kept", {{"password", "pw"}});
  std::string text = cap.stream.str();
  EXPECT_EQ(text.find("dropped"), std::string::npos);
  EXPECT_NE(text.find("| WARNING | t | kept"), std::string::npos);
  EXPECT_NE(text.find("password=***"), std::string::npos);
  EXPECT_EQ(ParseLogLevel("WARNING"), LogLevel::kWarn);
}

// Issue #9: a "%0a" in a request path, decoded, started a forged line in the text log.
TEST(LoggerTest, TextModeEscapesControlCharactersInEveryValue) {
  Capture cap;
  Logger logger({.json = false, .level = LogLevel::kInfo}, {cap.sink});
  const std::string forged = "/x\n2026-01-01T00:00:00.000Z | ERROR | ucf.auth | admin login\r\x1b[2J\x7f";
  RequestContext ctx{.request_id = "rid\n1", .tenant_id = "acme\r", .api_tag = "t\tag"};
  {
    ScopedRequestContext scope(ctx);
    logger.Info("ucf.access", "done\nINJECTED", {{"path", forged}, {"key\nname", 1}});
  }
  std::string text = cap.stream.str();
  ASSERT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;  // the line's own end only
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\x7f'), std::string::npos);
  EXPECT_NE(text.find("path=/x\\n2026-01-01T00:00:00.000Z | ERROR"), std::string::npos) << text;
  EXPECT_NE(text.find("\\r\\x1b[2J\\x7f"), std::string::npos) << text;
  EXPECT_NE(text.find("done\\nINJECTED"), std::string::npos) << text;
  EXPECT_NE(text.find("request_id=rid\\n1 tenant_id=acme\\r api_tag=t\\tag"), std::string::npos) << text;
  EXPECT_NE(text.find("key\\nname=1"), std::string::npos) << text;
}

}  // namespace
}  // namespace ucf::observability
