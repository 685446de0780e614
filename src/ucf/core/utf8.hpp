#pragma once
// Making untrusted bytes safe to echo into JSON, which must be UTF-8. Pure; thread-safe.

#include <string>
#include <string_view>

namespace ucf::core {

// `s` with every ill-formed UTF-8 sequence (stray continuation bytes, truncated sequences,
// overlong encodings, surrogates, code points above U+10FFFF, 0xC0/0xC1/0xF5-0xFF) replaced by
// U+FFFD, one per maximal ill-formed subpart; valid text is returned unchanged. For echoing
// untrusted bytes into JSON, which must be UTF-8.
std::string ValidUtf8(std::string_view s);

}  // namespace ucf::core
