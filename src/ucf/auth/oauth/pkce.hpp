#pragma once
// PKCE (RFC 7636) with the S256 method, and the OAuth state value.
//
// Pure apart from the CSPRNG; thread-safe.

#include <string>
#include <string_view>

namespace ucf::auth::oauth {

// A new code verifier: 32 random bytes (OpenSSL RAND_bytes), base64url without padding, so 43
// characters from the unreserved set (RFC 7636 §4.1).
std::string GenerateCodeVerifier();

// BASE64URL(SHA256(ASCII(verifier))) without padding (RFC 7636 §4.2, method "S256").
std::string CodeChallengeS256(std::string_view verifier);

// True when `verifier` is 43..128 characters of [A-Z a-z 0-9 - . _ ~] (RFC 7636 §4.1).
bool IsValidCodeVerifier(std::string_view verifier);

// A new OAuth state: 32 random bytes (256 bits), base64url without padding (43 characters).
std::string GenerateState();

// The lowercase hex SHA-256 of `state`: the only form in which a state is stored.
std::string HashState(std::string_view state);

}  // namespace ucf::auth::oauth
