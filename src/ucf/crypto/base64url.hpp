#pragma once
// URL-safe base64 (RFC 4648 §5) WITH '=' padding: the text form of Fernet keys and tokens, exactly
// as Python's base64.urlsafe_b64encode writes it.

#include <optional>
#include <string>
#include <string_view>

namespace ucf::crypto {

// Encodes `bytes` with the URL-safe alphabet ('-' and '_') and '=' padding to a multiple of 4.
std::string Base64UrlEncode(std::string_view bytes);

// Decodes padded URL-safe base64 strictly: the length is a multiple of 4, only the URL-safe
// alphabet appears, '=' appears only as one or two final padding characters, and the unused bits
// before the padding are zero (so every byte string has exactly one accepted encoding).
// Returns nullopt for anything else, including whitespace and the standard '+' '/' alphabet.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace ucf::crypto
