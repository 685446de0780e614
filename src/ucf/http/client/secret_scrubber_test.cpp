#include "ucf/http/client/secret_scrubber.hpp"

#include <gtest/gtest.h>

namespace ucf::http {
namespace {

TEST(SecretScrubberTest, RemovesCredentials) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"Authorization: Bearer abc.def-123", "Authorization: ***"},
      {"invalid header Bearer eyJhbGciOiJIUzI1NiJ9", "invalid header Bearer ***"},
      {"sent Basic dXNlcjpwYXNz==", "sent Basic ***"},
      {"bad token 9f8e7d6c5b4a", "bad token ***"},
      {"access_token=s3cr3t&x=1", "access_token=***&x=1"},
      {"refresh_token: 'abc'", "refresh_token: ***"},
      {R"({"client_secret": "shh", "name": "n"})", R"({"client_secret": "***", "name": "n"})"},
      {"accessToken=QQQ", "accessToken=***"},
      {"password=hunter2 rejected", "password=*** rejected"},
      {"X-Api-Key: k-123", "X-Api-Key: ***"},
      {"redirect to /cb?code=abc123&state=xyz", "redirect to /cb?code=***&state=***"},
      {"jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl here", "jwt *** here"},
      // Token shapes are split across literals so that no source line looks like a real credential.
      {"token gh" "p_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE leaked", "token *** leaked"},
      {"key ATA" "TTFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE", "key ***"},
      {"session 00D5g000004XXXX!AQ0AQH1ZZ.abc_def invalid", "session *** invalid"},
      {"https://user:pa55@host.example/x", "https://***@host.example/x"},
      {"random Zk3Q9xLm2Pq8Rt7Vw6Yz5Ab4Cd3Ef2Gh1Jk0", "random ***"},
  };
  for (const Case& c : cases) EXPECT_EQ(ScrubSecrets(c.in), c.out) << c.in;
}

TEST(SecretScrubberTest, LeavesOrdinaryTextAlone) {
  const char* kept[] = {
      "Issue does not exist or you do not have permission to see it.",
      "The access token expired",
      "errorCode: INVALID_SESSION_ID",
      "Field 'summary' is required",
      "request 3fa85f64-5717-4562-b3fc-2c963f66afa6 failed",
      "sha 0123456789abcdef0123456789abcdef01234567",
      "Ünïcödé text — fine",
  };
  for (const char* text : kept) EXPECT_EQ(ScrubSecrets(text), text) << text;
}

TEST(SecretScrubberTest, TruncatesOnCharacterBoundaries) {
  EXPECT_EQ(TruncateUtf8("short", 10), "short");
  EXPECT_EQ(TruncateUtf8("abcdef", 3), "abc\xE2\x80\xA6");
  // "é" is two bytes: cutting after 2 bytes would split it.
  EXPECT_EQ(TruncateUtf8("a\xC3\xA9z", 2), "a\xE2\x80\xA6");
}

}  // namespace
}  // namespace ucf::http
