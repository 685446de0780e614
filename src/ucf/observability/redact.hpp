#pragma once
// Secret redaction, applied by the logger to every structured field, header and query string.
//
// A key is secret-like when, lower-cased with '-', '_' and '.' removed, it contains one of
// password, passwd, secret, token, apikey, authorization, privatekey, accesskey, passphrase,
// credential, cookie, signature, sessionid, codeverifier, connectionstring, connstring, or ends in
// key — or equals code, state, pwd, sig, auth, pass, pw, jwt, dsn. So `access_token`, `accessToken`, `X-Api-Key`, `client-secret`, `refreshToken` and
// `code_verifier` match. Keys that only *describe* a secret (ending in id, type, url, uri, at,
// expiresin, method, name, prefix) stay visible: `tokenId`, `token_type`, `expiresAt`, `tokenUrl`,
// `apiKeyName`, `keyPrefix`.
// The original's bugs are fixed: matching is case-insensitive and covers camelCase, and values
// that are not under a secret-like key are left alone.

#include <string>
#include <string_view>

#include "boost/json/value.hpp"

namespace ucf::observability {

inline constexpr std::string_view kRedacted = "***";

bool IsSecretKey(std::string_view key);

// Headers dropped entirely from logs (their values are never useful and always sensitive).
bool IsDroppedHeader(std::string_view name);

// Returns `value` with every value under a secret-like key (at any depth) replaced by "***".
boost::json::value RedactJson(const boost::json::value& value);

// "a=1&token=x&code=y" → "a=1&token=***&code=***". Keys are percent-decoded before matching.
std::string RedactQuery(std::string_view query);

}  // namespace ucf::observability
