#include "ucf/webhooks/signing_secrets.hpp"

#include "boost/json/object.hpp"
#include "boost/json/parse.hpp"
#include "boost/json/serialize.hpp"
#include "ucf/core/ids.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"
#include "ucf/crypto/hmac.hpp"

namespace ucf::webhooks {
namespace {

constexpr std::string_view kPrefix = "whsec_";

// The key bytes of a "whsec_<base64>" secret (the whole text when it is not of that form).
std::string KeyOf(std::string_view secret) {
  if (!core::StartsWith(secret, kPrefix)) return std::string(secret);
  std::string b64(secret.substr(kPrefix.size()));
  // Standard base64 (the specification's secrets) and URL-safe (RandomToken) both read.
  for (char& c : b64) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  auto bytes = core::Base64UrlDecode(b64);
  return bytes ? *bytes : std::string(secret);
}

}  // namespace

std::string NewWebhookSecret() { return core::StrCat(kPrefix, core::RandomToken(32)); }

std::string SerializeSecrets(const SigningSecrets& secrets) {
  boost::json::object o{{"current", secrets.current}};
  if (secrets.previous) o["previous"] = *secrets.previous;
  if (secrets.previous_until) o["previousUntil"] = core::FormatRfc3339(*secrets.previous_until);
  return boost::json::serialize(o);
}

SigningSecrets ParseSecrets(std::string_view stored) {
  SigningSecrets out;
  boost::system::error_code ec;
  boost::json::value v = stored.size() < 4096 ? boost::json::parse(stored, ec) : boost::json::value();
  if (ec || !v.is_object() || !v.as_object().contains("current")) {
    out.current = std::string(stored);
    return out;
  }
  const auto& o = v.as_object();
  if (o.at("current").is_string()) out.current = std::string(o.at("current").as_string());
  if (const auto* p = o.if_contains("previous"); p && p->is_string()) out.previous = std::string(p->as_string());
  if (const auto* u = o.if_contains("previousUntil"); u && u->is_string()) {
    if (auto t = core::ParseRfc3339(u->as_string()); t.ok()) out.previous_until = *t;
  }
  return out;
}

std::string SignatureFor(std::string_view secret, std::string_view id, std::int64_t timestamp, std::string_view body) {
  std::string signed_content = core::StrCat(id, ".", timestamp, ".", body);
  return core::Base64Encode(crypto::HmacSha256(KeyOf(secret), signed_content));
}

std::string SignDelivery(const SigningSecrets& secrets, std::string_view id, std::int64_t timestamp,
                         std::string_view body, core::TimePoint now) {
  std::string out = core::StrCat("v1,", SignatureFor(secrets.current, id, timestamp, body));
  if (secrets.previous && secrets.previous_until && now < *secrets.previous_until) {
    core::StrAppend(&out, " v1,", SignatureFor(*secrets.previous, id, timestamp, body));
  }
  return out;
}

}  // namespace ucf::webhooks
