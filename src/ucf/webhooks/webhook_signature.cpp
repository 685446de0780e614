#include "ucf/webhooks/webhook_signature.hpp"

#include "boost/json/parse.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/crypto/hmac.hpp"

namespace ucf::webhooks {
namespace {

absl::Status Refused(std::string_view why) {
  return absl::UnauthenticatedError(core::StrCat("webhook signature refused: ", why));
}

std::optional<boost::json::object> JsonPart(std::string_view b64) {
  std::optional<std::string> raw = core::Base64UrlDecode(b64);
  if (!raw) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(*raw, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v.as_object();
}

}  // namespace

absl::StatusOr<boost::json::object> VerifyHs256Jwt(std::string_view jwt, std::string_view secret,
                                                   core::TimePoint now) {
  if (secret.empty()) return Refused("no secret to check it with");
  std::size_t a = jwt.find('.');
  std::size_t b = a == std::string_view::npos ? a : jwt.find('.', a + 1);
  if (b == std::string_view::npos) return Refused("not a JWT");
  std::optional<boost::json::object> header = JsonPart(jwt.substr(0, a));
  std::optional<boost::json::object> claims = JsonPart(jwt.substr(a + 1, b - a - 1));
  std::optional<std::string> signature = core::Base64UrlDecode(jwt.substr(b + 1));
  if (!header || !claims || !signature) return Refused("malformed JWT");
  const boost::json::value* alg = header->if_contains("alg");
  if (alg == nullptr || !alg->is_string() || alg->get_string() != "HS256") return Refused("alg must be HS256");
  if (!crypto::ConstantTimeEquals(crypto::HmacSha256(secret, jwt.substr(0, b)), *signature)) {
    return Refused("bad signature");
  }
  if (const boost::json::value* exp = claims->if_contains("exp"); exp && exp->is_number()) {
    auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (exp->to_number<double>() < static_cast<double>(now_s)) return Refused("JWT expired");
  }
  return *claims;
}

std::string HubSignature(std::string_view secret, std::string_view body) {
  return core::StrCat("sha256=", core::HexEncode(crypto::HmacSha256(secret, body)));
}

bool HubSignatureMatches(std::string_view header, std::string_view secret, std::string_view body) {
  if (secret.empty() || !header.starts_with("sha256=")) return false;
  return crypto::ConstantTimeEquals(core::ToLower(core::Trim(header)), HubSignature(secret, body));
}

}  // namespace ucf::webhooks
