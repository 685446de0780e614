#include "ucf/webhooks/signing_secrets.hpp"

#include <gtest/gtest.h>

#include "ucf/core/strings.hpp"

namespace ucf::webhooks {
namespace {

TEST(SigningSecretsTest, MatchesTheStandardWebhooksReferenceSignature) {
  // The example of the Standard Webhooks specification (and its reference libraries).
  const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const std::string body = R"({"test": 2432232314})";
  EXPECT_EQ(SignatureFor(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(SigningSecretsTest, RotationSignsWithBothDuringTheGracePeriod) {
  core::TimePoint now(std::chrono::seconds(1'000'000));
  SigningSecrets s{NewWebhookSecret(), NewWebhookSecret(), now + std::chrono::hours(1)};
  EXPECT_TRUE(core::StartsWith(s.current, "whsec_"));
  EXPECT_NE(s.current, *s.previous);
  SigningSecrets back = ParseSecrets(SerializeSecrets(s));
  EXPECT_EQ(back.current, s.current);
  EXPECT_EQ(back.previous, s.previous);
  std::string both = SignDelivery(back, "id", 5, "{}", now);
  EXPECT_EQ(both, "v1," + SignatureFor(s.current, "id", 5, "{}") + " v1," + SignatureFor(*s.previous, "id", 5, "{}"));
  std::string after = SignDelivery(back, "id", 5, "{}", now + std::chrono::hours(2));
  EXPECT_EQ(after, "v1," + SignatureFor(s.current, "id", 5, "{}"));
  EXPECT_EQ(ParseSecrets("whsec_abc").current, "whsec_abc");
}

}  // namespace
}  // namespace ucf::webhooks
