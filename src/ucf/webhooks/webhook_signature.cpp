#include "ucf/webhooks/webhook_signature.hpp"

#include <algorithm>
#include <map>

#include "boost/json/parse.hpp"
#include "boost/url/encode.hpp"
#include "boost/url/parse_query.hpp"
#include "boost/url/rfc/unreserved_chars.hpp"
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

std::optional<double> NumericClaim(const boost::json::object& claims, std::string_view name) {
  const boost::json::value* v = claims.if_contains(name);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}

std::string Rfc3986(std::string_view s) {
  boost::urls::encoding_opts opts;
  opts.space_as_plus = false;
  opts.lower_case = false;
  return boost::urls::encode(boost::urls::string_view(s.data(), s.size()),
                             boost::urls::unreserved_chars, opts);
}

}  // namespace

std::string CanonicalRequest(std::string_view method, std::string_view target) {
  std::size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  std::string canonical_uri;
  if (path.empty()) canonical_uri.push_back('/');
  for (char c : path) {
    if (c == '&') {
      canonical_uri.append("%26");
    } else {
      canonical_uri.push_back(c);
    }
  }

  std::map<std::string, std::vector<std::string>> params;
  if (!query.empty()) {
    // A terminated copy: Boost.URL 1.81's parse_query runs strlen on its argument's data (a heap
    // read past a view that is not NUL-terminated, found by fuzzing).
    const std::string terminated(query);
    auto parsed = boost::urls::parse_query(terminated);
    if (parsed) {
      boost::urls::encoding_opts plus;
      plus.space_as_plus = true;
      for (auto param : *parsed) {
        std::string key = param.key.decode(plus);
        if (key == "jwt") continue;
        params[Rfc3986(key)].push_back(Rfc3986(param.has_value ? param.value.decode(plus) : ""));
      }
    }
  }
  std::string canonical_query;
  for (auto& [key, values] : params) {
    std::sort(values.begin(), values.end());
    core::StrAppend(&canonical_query, canonical_query.empty() ? "" : "&", key, "=",
                    core::Join(values, ","));
  }
  return core::StrCat(core::ToUpper(method), "&", canonical_uri, "&", canonical_query);
}

std::string QueryStringHash(std::string_view method, std::string_view target) {
  return core::ToLower(core::HexEncode(crypto::Sha256(CanonicalRequest(method, target))));
}

absl::StatusOr<boost::json::object> VerifyHs256Jwt(std::string_view jwt, std::string_view secret,
                                                   core::TimePoint now,
                                                   const JwtExpectations& expect) {
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

  std::optional<double> exp = NumericClaim(*claims, "exp");
  std::optional<double> iat = NumericClaim(*claims, "iat");
  if (!exp) return Refused("JWT has no numeric exp");
  if (!iat) return Refused("JWT has no numeric iat");
  auto now_s = static_cast<double>(
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
  auto skew = static_cast<double>(expect.clock_skew.count());
  auto max_lifetime = static_cast<double>(expect.max_lifetime.count());
  if (*iat > now_s + skew) return Refused("JWT issued in the future");
  if (now_s > *exp + skew) return Refused("JWT expired");
  if (*exp < *iat || *exp - *iat > max_lifetime || *exp > now_s + max_lifetime + skew) {
    return Refused("JWT lifetime too long");
  }

  const boost::json::value* iss = claims->if_contains("iss");
  if (iss == nullptr || !iss->is_string()) return Refused("JWT has no iss");
  if (std::find(expect.issuers.begin(), expect.issuers.end(), std::string_view(iss->get_string())) ==
      expect.issuers.end()) {
    return Refused("JWT issuer is not this app");
  }

  if (const boost::json::value* qsh = claims->if_contains("qsh"); qsh != nullptr) {
    if (!qsh->is_string()) return Refused("JWT qsh is not a string");
    if (qsh->get_string() == "context-qsh") return Refused("a context JWT is not bound to this request");
    if (qsh->get_string() != QueryStringHash(expect.method, expect.target)) {
      return Refused("JWT qsh does not match this request");
    }
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
