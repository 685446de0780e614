// Inbound webhook checks (webhooks/webhook_signature.hpp) on arbitrary input: a JWT that the
// fuzzer made never verifies (it cannot know the secret), a hub signature it made never matches,
// and CanonicalRequest / QueryStringHash take any target. A correctly signed body always matches.

#include "fuzz/fuzz_input.hpp"
#include "ucf/webhooks/webhook_signature.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ucf::fuzz::Input in(data, size);
  std::string_view method = in.Part(), target = in.Part(), header = in.Part(), body = in.Rest();
  constexpr std::string_view kSecret = "webhook-secret-the-fuzzer-does-not-see";
  const auto now = ucf::core::TimePoint(std::chrono::seconds(1'800'000'000));
  ucf::webhooks::JwtExpectations expect{{"client-id"}, std::string(method), std::string(target)};
  auto claims = ucf::webhooks::VerifyHs256Jwt(header, kSecret, now, expect);
  UCF_FUZZ_CHECK(!claims.ok());
  UCF_FUZZ_CHECK(claims.status().code() == absl::StatusCode::kUnauthenticated);
  (void)ucf::webhooks::VerifyHs256Jwt(body, "", now, expect);

  (void)ucf::webhooks::CanonicalRequest(method, target);
  UCF_FUZZ_CHECK(ucf::webhooks::QueryStringHash(method, target).size() == 64);

  UCF_FUZZ_CHECK(!ucf::webhooks::HubSignatureMatches(header, kSecret, body));
  UCF_FUZZ_CHECK(
      ucf::webhooks::HubSignatureMatches(ucf::webhooks::HubSignature(kSecret, body), kSecret, body));
  return 0;
}
