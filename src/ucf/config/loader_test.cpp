#include "ucf/config/loader.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace ucf::config {
namespace {

EnvSource Env(VarMap environment) {
  EnvSource s;
  s.environment = std::move(environment);
  return s;
}

TEST(LoaderTest, DefaultsMatchTheDesign) {
  Config c = LoadConfig(EnvSource{}).value();
  EXPECT_EQ(c.server.host, "127.0.0.1");
  EXPECT_EQ(c.server.port, 8000);
  EXPECT_EQ(c.data_dir, "./data");
  EXPECT_EQ(c.api_prefix, "/api");
  EXPECT_EQ(c.env, Environment::kDevelopment);
  EXPECT_TRUE(c.database_url.empty());
  EXPECT_FALSE(c.log_json);
}

TEST(LoaderTest, NumbersLandInTheirFieldsInTheirUnits) {
  Config c = LoadConfig(Env({{"UCF_UPSTREAM_TIMEOUT_MS", "1500"},
                             {"UCF_UPSTREAM_MAX_ATTEMPTS", "2"},
                             {"UCF_TOKEN_REFRESH_MARGIN_SECONDS", "0"},
                             {"UCF_WEBHOOK_REFRESH_INTERVAL_MINUTES", "30"},
                             {"UCF_AUTH_MAX_FAILURES", "25"},
                             {"UCF_AUTH_FAILURE_WINDOW_SECONDS", "90"},
                             {"UCF_SYNC_WORKERS", "3"}}))
                 .value();
  EXPECT_EQ(c.upstream_timeout, std::chrono::milliseconds(1500));
  EXPECT_EQ(c.upstream_max_attempts, 2);
  EXPECT_EQ(c.token_refresh_margin, std::chrono::seconds(0));
  EXPECT_EQ(c.webhook_refresh_interval, std::chrono::minutes(30));
  EXPECT_EQ(c.auth_max_failures, 25);
  EXPECT_EQ(c.auth_failure_window, std::chrono::seconds(90));
  EXPECT_EQ(c.sync_workers, 3);
  Config d = LoadConfig(EnvSource{}).value();
  EXPECT_EQ(d.auth_max_failures, 10);
  EXPECT_EQ(d.auth_failure_window, std::chrono::seconds(60));
}

TEST(LoaderTest, RetentionSettings) {
  Config c = LoadConfig(Env({{"UCF_RETENTION_AUDIT_DAYS", "0"},
                             {"UCF_RETENTION_JOBS_DAYS", "7"},
                             {"UCF_RETENTION_DELIVERIES_DAYS", "3"},
                             {"UCF_RETENTION_DELETED_RECORDS_DAYS", "14"},
                             {"UCF_RETENTION_INTERVAL_SECONDS", "60"}}))
                 .value();
  EXPECT_EQ(c.retention_audit_days, 0);
  EXPECT_EQ(c.retention_jobs_days, 7);
  EXPECT_EQ(c.retention_deliveries_days, 3);
  EXPECT_EQ(c.retention_deleted_records_days, 14);
  EXPECT_EQ(c.retention_interval, std::chrono::seconds(60));
  EXPECT_EQ(LoadConfig(EnvSource{}).value().retention_audit_days, 365);
  EXPECT_FALSE(LoadConfig(Env({{"UCF_RETENTION_JOBS_DAYS", "-1"}})).ok());
}

TEST(LoaderTest, BadValuesNameTheVariable) {
  struct Case {
    const char* name;
    const char* value;
  } cases[] = {
      {"UCF_PORT", "abc"},          {"UCF_PORT", "70000"},       {"LOG_JSON", "maybe"},
      {"UCF_ENV", "staging"},       {"LOG_LEVEL", "loud"},       {"API_PREFIX", "api"},
      {"UCF_WORKER_THREADS", "0"},  {"UCF_MAX_BODY_BYTES", "-1"},
      {"UCF_AUTH_MAX_FAILURES", "0"}, {"UCF_AUTH_FAILURE_WINDOW_SECONDS", "soon"},
  };
  for (const Case& c : cases) {
    auto loaded = LoadConfig(Env({{c.name, c.value}}));
    ASSERT_FALSE(loaded.ok()) << c.name << "=" << c.value;
    EXPECT_EQ(loaded.status().message().find(c.name), 0u) << loaded.status().message();
    EXPECT_EQ(loaded.status().message().find('\n'), std::string_view::npos);
  }
}

TEST(LoaderTest, SecretValuesAreNeverEchoed) {
  auto loaded = LoadConfig(Env({{"DATABASE_URL", "mysql://user:hunter2@db/x"}}));
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message().find("hunter2"), std::string_view::npos);
  EXPECT_EQ(loaded.status().message().find("DATABASE_URL"), 0u);
}

TEST(LoaderTest, WildcardCorsWithCredentialsRefused) {
  EXPECT_FALSE(LoadConfig(Env({{"CORS_ALLOW_ORIGINS", "[\"*\"]"}})).ok());
  auto ok = LoadConfig(Env({{"CORS_ALLOW_ORIGINS", "*"}, {"CORS_ALLOW_CREDENTIALS", "false"}}));
  ASSERT_TRUE(ok.ok()) << ok.status();
  auto list = LoadConfig(Env({{"CORS_ALLOW_ORIGINS", "http://a.test, http://b.test"}})).value();
  EXPECT_EQ(list.cors.allow_origins, (std::vector<std::string>{"http://a.test", "http://b.test"}));
}

TEST(LoaderTest, FlagsBeatEnvironmentBeatDotenv) {
  EnvSource s;
  s.dotenv = {{"UCF_PORT", "1"}, {"LOG_LEVEL", "debug"}, {"UCF_HOST", "0.0.0.0"}};
  s.environment = {{"UCF_PORT", "2"}, {"LOG_LEVEL", "warning"}};
  s.flags = {{"UCF_PORT", "3"}};
  Config c = LoadConfig(s).value();
  EXPECT_EQ(c.server.port, 3);
  EXPECT_EQ(c.log_level, "warn");
  EXPECT_EQ(c.server.host, "0.0.0.0");
}

TEST(DotenvTest, ParsesQuotesCommentsAndExport) {
  std::string path = testing::TempDir() + "/ucf_dotenv_test.env";
  {
    std::ofstream out(path);
    out << "# comment\nexport A=1\nB=\"two words\"\nC='x#y'\nD=plain # trailing\n\n";
  }
  VarMap vars = ReadDotenv(path).value();
  EXPECT_EQ(vars["A"], "1");
  EXPECT_EQ(vars["B"], "two words");
  EXPECT_EQ(vars["C"], "x#y");
  EXPECT_EQ(vars["D"], "plain");
  {
    std::ofstream out(path);
    out << "GOOD=1\nnot a pair\n";
  }
  auto bad = ReadDotenv(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(":2:"), std::string_view::npos);
  std::remove(path.c_str());
  EXPECT_TRUE(ReadDotenv("/nonexistent/.env").value().empty());
}

}  // namespace
}  // namespace ucf::config

namespace ucf::config {
namespace {

TEST(LoaderTest, TrustedProxiesAreParsedAndABadOneNamesTheVariable) {
  Config c = LoadConfig(Env({{"UCF_TRUSTED_PROXIES", "10.0.0.0/8, 2001:db8::/32,127.0.0.1"}})).value();
  ASSERT_EQ(c.trusted_proxies.size(), 3u);
  EXPECT_EQ(c.trusted_proxies[1].ToString(), "2001:db8::/32");
  EXPECT_TRUE(LoadConfig(EnvSource{}).value().trusted_proxies.empty());
  for (const char* bad : {"10.0.0.0/40", "lb.internal", "10.0.0.1;10.0.0.2"}) {
    auto loaded = LoadConfig(Env({{"UCF_TRUSTED_PROXIES", bad}}));
    ASSERT_FALSE(loaded.ok()) << bad;
    EXPECT_EQ(loaded.status().message().find("UCF_TRUSTED_PROXIES: "), 0u) << loaded.status().message();
    EXPECT_EQ(loaded.status().message().find('\n'), std::string_view::npos);
  }
}

TEST(LoaderTest, ProductionRequiresAPublicUrlAndItMustBeAPlainOrigin) {
  auto missing = LoadConfig(Env({{"UCF_ENV", "production"}}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message().find("UCF_PUBLIC_URL: "), 0u) << missing.status().message();
  EXPECT_EQ(missing.status().message().find('\n'), std::string_view::npos);
  Config prod = LoadConfig(Env({{"UCF_ENV", "production"}, {"UCF_PUBLIC_URL", "https://ucf.example.com/"}}))
                    .value();
  EXPECT_EQ(prod.public_url, "https://ucf.example.com");
  EXPECT_TRUE(LoadConfig(EnvSource{}).value().public_url.empty()) << "development fills it from the listen address";
  for (const char* bad : {"ucf.example.com", "ftp://ucf.example.com", "https://user:pw@ucf.example.com",
                          "https://ucf.example.com/?x=1", "https://ucf.example.com/#top", "https://"}) {
    auto loaded = LoadConfig(Env({{"UCF_PUBLIC_URL", bad}}));
    ASSERT_FALSE(loaded.ok()) << bad;
    EXPECT_EQ(loaded.status().message().find("UCF_PUBLIC_URL: "), 0u) << loaded.status().message();
  }
}

TEST(LoaderTest, TheLocalPublicUrlIsTheListenAddressOnLoopback) {
  EXPECT_EQ(LocalPublicUrl("127.0.0.1", 8000), "http://127.0.0.1:8000");
  EXPECT_EQ(LocalPublicUrl("0.0.0.0", 81), "http://127.0.0.1:81");
  EXPECT_EQ(LocalPublicUrl("::", 8000), "http://[::1]:8000");
  EXPECT_EQ(LocalPublicUrl("::1", 8000), "http://[::1]:8000");
}

}  // namespace
}  // namespace ucf::config
