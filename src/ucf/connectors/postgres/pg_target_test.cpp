#include "ucf/connectors/postgres/pg_target.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "boost/json/parse.hpp"
#include "ucf/connectors/postgres/test_field.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors::postgres {
namespace {

absl::Status AllowAnyHost(std::string_view) { return absl::OkStatus(); }

boost::json::object Obj(std::string_view json) {
  return boost::json::parse(json).as_object();
}

TEST(PgTargetTest, FromFields) {
  auto t = ParsePgTarget(Obj(R"({"host":"db.example.com","port":6543,"database":"shop",
                                 "user":"reader","password":"s3cret!","sslmode":"verify-full"})"),
                         AllowAnyHost);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->host, "db.example.com");
  EXPECT_EQ(t->port, 6543);
  EXPECT_EQ(t->database, "shop");
  EXPECT_EQ(t->user, "reader");
  EXPECT_EQ(t->password, "s3cret!");
  EXPECT_EQ(t->sslmode, "verify-full");
  EXPECT_EQ(t->ToString(), "postgresql://reader@db.example.com:6543/shop?sslmode=verify-full");
}

TEST(PgTargetTest, DefaultsAndPortAsString) {
  auto t = ParsePgTarget(Obj(R"({"host":"10.0.0.5","port":"5433","database":"d","user":"u"})"),
                         AllowAnyHost);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->port, 5433);
  EXPECT_EQ(t->sslmode, "require");
  auto d = ParsePgTarget(Obj(R"({"host":"h","database":"d","user":"u"})"), AllowAnyHost);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->port, 5432);
}

TEST(PgTargetTest, FromUrl) {
  auto t = ParsePgUrl("postgresql://us%40er:p%3Ass%2Fw@[::1]:6000/my%20db?sslmode=require",
                      AllowAnyHost);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->user, "us@er");
  EXPECT_EQ(t->password, "p:ss/w");
  EXPECT_EQ(t->host, "::1");
  EXPECT_EQ(t->port, 6000);
  EXPECT_EQ(t->database, "my db");
  EXPECT_EQ(t->sslmode, "require");
  EXPECT_EQ(t->ToString(), "postgresql://us@er@[::1]:6000/my db?sslmode=require");
  auto via_fields = ParsePgTarget(Obj(R"({"url":"postgres://u@h/d"})"), AllowAnyHost);
  ASSERT_TRUE(via_fields.ok()) << via_fields.status();
  EXPECT_EQ(via_fields->host, "h");
  EXPECT_EQ(via_fields->port, 5432);
}

TEST(PgTargetTest, BadFieldsAreNamed) {
  struct Case {
    std::string json;
    std::string field;
  };
  std::vector<Case> cases = {
      {R"({"database":"d","user":"u"})", "host"},
      {R"({"host":"/var/run/postgresql","database":"d","user":"u"})", "host"},
      {R"({"host":"a,b","database":"d","user":"u"})", "host"},
      {R"({"host":"-bad.example","database":"d","user":"u"})", "host"},
      {R"({"host":"h","port":0,"database":"d","user":"u"})", "port"},
      {R"({"host":"h","port":70000,"database":"d","user":"u"})", "port"},
      {R"({"host":"h","port":"54x","database":"d","user":"u"})", "port"},
      {R"({"host":"h","port":true,"database":"d","user":"u"})", "port"},
      {R"({"host":"h","user":"u"})", "database"},
      {R"({"host":"h","database":"d"})", "user"},
      {R"({"host":"h","database":"d","user":"u","sslmode":"maybe"})", "sslmode"},
      {R"({"host":"h","database":")" + std::string(64, 'd') + R"(","user":"u"})", "database"},
      {R"({"host":"h","database":"d","user":"u","password":)" + std::string("\"") +
           std::string(1025, 'p') + "\"}",
       "password"},
      {R"({"host":5,"database":"d","user":"u"})", "host"},
      {R"({"url":"postgresql://u@h/d","host":"h"})", "url"},
      {R"({"url":"mysql://u@h/d"})", "url"},
      {R"({"url":"postgresql://u@h/d?host=evil"})", "url"},
      {R"({"url":"postgresql://u@h/d?sslmode=off"})", "url"},
      {R"({"url":"postgresql://u@h:99999/d"})", "url"},
      {R"({"url":"postgresql://u@h/d/x"})", "url"},
      {R"({"url":"postgresql://u@h/d%zz"})", "url"},
      {R"({"url":"postgresql://u@[nothex]/d"})", "url"},
      {R"({"url":"postgresql://u@h/d#frag"})", "url"},
      {R"({"url":"postgresql://u@h/)" + std::string(3000, 'd') + R"("})", "url"},
  };
  for (const Case& c : cases) {
    auto t = ParsePgTarget(Obj(c.json), AllowAnyHost);
    ASSERT_FALSE(t.ok()) << c.json;
    EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument) << c.json;
    EXPECT_EQ(FieldOf(t.status()), c.field) << c.json << " -> " << t.status();
  }
  // A NUL byte inside the database name.
  boost::json::object nul = Obj(R"({"host":"h","user":"u"})");
  nul["database"] = boost::json::string(std::string("d\0x", 3));
  EXPECT_EQ(FieldOf(ParsePgTarget(nul, AllowAnyHost).status()), "database");
}

TEST(PgTargetTest, PasswordNeverInErrorsOrToString) {
  const std::string secret = "Hunter2-ultra-secret";
  auto t = ParsePgTarget(Obj(R"({"host":"h","database":"d","user":"u","password":")" + secret +
                             R"("})"),
                         AllowAnyHost);
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(core::Contains(t->ToString(), secret));
  for (std::string url : {"postgresql://u:" + secret + "@h:0/d", "postgresql://u:" + secret + "@/d",
                          "postgresql://u:" + secret + "@h/d?sslmode=bad",
                          "postgresql://u:" + secret + "@h/d?x=1"}) {
    auto bad = ParsePgUrl(url, AllowAnyHost);
    ASSERT_FALSE(bad.ok()) << url;
    EXPECT_FALSE(core::Contains(core::ToStd(bad.status().message()), secret)) << bad.status();
    EXPECT_FALSE(core::Contains(core::ToStd(bad.status().ToString()), secret));
  }
  boost::json::object o = Obj(R"({"host":"h","database":"d","user":"u"})");
  o["password"] = boost::json::string(secret + std::string("\0", 1));
  auto nul = ParsePgTarget(o, AllowAnyHost);
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(FieldOf(nul.status()), "password");
  EXPECT_FALSE(core::Contains(core::ToStd(nul.status().ToString()), secret));
}

TEST(PgTargetTest, HostCheckDecidesAndItsErrorPassesThrough) {
  std::vector<std::string> seen;
  HostCheck deny_private = [&](std::string_view host) -> absl::Status {
    seen.emplace_back(host);
    if (host == "10.1.2.3") {
      return core::InvalidField("host", "private network addresses need UCF_ALLOW_PRIVATE_DATABASES");
    }
    return absl::OkStatus();
  };
  auto denied = ParsePgTarget(Obj(R"({"host":"10.1.2.3","database":"d","user":"u"})"), deny_private);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(FieldOf(denied.status()), "host");
  EXPECT_TRUE(ParsePgTarget(Obj(R"({"host":"db.example.com","database":"d","user":"u"})"),
                            deny_private)
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"10.1.2.3", "db.example.com"}));
  auto via_url = ParsePgUrl("postgresql://u@10.1.2.3/d", deny_private);
  EXPECT_FALSE(via_url.ok());
  EXPECT_FALSE(ParsePgTarget(Obj(R"({"host":"h","database":"d","user":"u"})"), HostCheck()).ok());
}

}  // namespace
}  // namespace ucf::connectors::postgres
