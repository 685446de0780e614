#pragma once
// Signing keys of an outbound webhook subscription and the Standard Webhooks signature
// (https://www.standardwebhooks.com):
//   webhook-id: <delivery id>   webhook-timestamp: <unix seconds>
//   webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")> [v1,<…> …]
// A secret is "whsec_" + base64 of 32 random bytes; the key is the decoded bytes. After a
// rotation the previous secret keeps signing (a second v1 signature) until its grace period ends,
// so receivers can switch without losing a delivery. The set is stored sealed as one value
// (subscription.secret) in the text form of Serialize. Pure; thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "ucf/core/clock.hpp"

namespace ucf::webhooks {

struct SigningSecrets {
  std::string current;
  std::optional<std::string> previous;
  std::optional<core::TimePoint> previous_until;
};

std::string NewWebhookSecret();
std::string SerializeSecrets(const SigningSecrets& secrets);
// A plain "whsec_…" value (no set) reads as the current secret alone.
SigningSecrets ParseSecrets(std::string_view stored);

// "v1,<sig>" for the current secret, then " v1,<sig>" for the previous one while `now` is before
// previous_until.
std::string SignDelivery(const SigningSecrets& secrets, std::string_view id, std::int64_t timestamp,
                         std::string_view body, core::TimePoint now);
// One signature value (without "v1,") for one secret.
std::string SignatureFor(std::string_view secret, std::string_view id, std::int64_t timestamp, std::string_view body);

}  // namespace ucf::webhooks
