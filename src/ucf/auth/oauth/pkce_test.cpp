#include "ucf/auth/oauth/pkce.hpp"

#include <gtest/gtest.h>

#include <set>

#include "ucf/core/strings.hpp"

namespace ucf::auth::oauth {
namespace {

// RFC 7636 Appendix B (see /work/shared/contracts/oauth/README.md).
constexpr std::string_view kRfcVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr std::string_view kRfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

TEST(Pkce, Rfc7636AppendixBVector) {
  EXPECT_EQ(CodeChallengeS256(kRfcVerifier), kRfcChallenge);
  EXPECT_TRUE(IsValidCodeVerifier(kRfcVerifier));
}

TEST(Pkce, VerifierFromTheRfcOctets) {
  const unsigned char octets[] = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                                  125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                                  191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
  std::string bytes(reinterpret_cast<const char*>(octets), sizeof octets);
  EXPECT_EQ(core::Base64UrlEncode(bytes), kRfcVerifier);
}

TEST(Pkce, GeneratedVerifiersAreValidAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string v = GenerateCodeVerifier();
    EXPECT_EQ(v.size(), 43u);
    EXPECT_TRUE(IsValidCodeVerifier(v)) << v;
    EXPECT_EQ(CodeChallengeS256(v).size(), 43u);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Pkce, VerifierRules) {
  EXPECT_FALSE(IsValidCodeVerifier(std::string(42, 'a')));
  EXPECT_TRUE(IsValidCodeVerifier(std::string(128, '~')));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(129, 'a')));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(42, 'a') + "+"));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(42, 'a') + "="));
}

TEST(OAuthState, RandomAndStoredOnlyAsHash) {
  std::string a = GenerateState(), b = GenerateState();
  EXPECT_EQ(a.size(), 43u);  // 256 random bits
  EXPECT_NE(a, b);
  EXPECT_EQ(HashState("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HashState(a).size(), 64u);
  EXPECT_NE(HashState(a), HashState(b));
}

}  // namespace
}  // namespace ucf::auth::oauth
