#pragma once
// Spotting credentials written into a URL ("scheme://user:password@host", RFC 3986 user info):
// such a value is a secret whatever key it is stored under, so settings that are stored and
// returned in plain text refuse it.
//
// Linear in the input, no regex; the caller bounds the input first. Pure; thread-safe.

#include <string_view>

namespace ucf::core {

// True when any URL authority in `text` (after a "://", or a leading "//") holds user info: an '@'
// before the authority ends at '/', '?', '#' or whitespace. "mailto:a@b.c" and "a@b.c" are not
// URLs with an authority and do not count.
bool HasUrlUserInfo(std::string_view text);

}  // namespace ucf::core
