#pragma once
// Small string utilities on std::string_view.
//
// Debian's Abseil is built with ABSL_OPTION_USE_STD_STRING_VIEW=0, so absl::string_view is a
// distinct type and absl's string functions do not accept std::string_view. The project therefore
// uses Abseil only for Status/StatusOr/FunctionRef/time and these helpers (plus fmt::format) for
// strings. ToStd/ToAbsl cross the boundary where absl types appear (Status::message()).

#include <fmt/format.h>

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"

namespace ucf::core {

inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }
inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }

namespace strings_internal {
inline void Append(std::string& out, std::string_view s) { out.append(s); }
inline void Append(std::string& out, const char* s) { out.append(s); }
inline void Append(std::string& out, const std::string& s) { out.append(s); }
inline void Append(std::string& out, absl::string_view s) { out.append(s.data(), s.size()); }
inline void Append(std::string& out, char c) = delete;  // ambiguous intent, as in absl::StrCat
template <typename T>
  requires std::integral<T> || std::floating_point<T>
void Append(std::string& out, T v) {
  if constexpr (std::same_as<T, bool>) {
    out.append(v ? "true" : "false");
  } else {
    fmt::format_to(std::back_inserter(out), "{}", v);
  }
}
}  // namespace strings_internal

// Concatenates strings and numbers (like absl::StrCat, on std::string_view).
template <typename... Args>
std::string StrCat(const Args&... args) {
  std::string out;
  (strings_internal::Append(out, args), ...);
  return out;
}
template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  (strings_internal::Append(*out, args), ...);
}

inline bool StartsWith(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }
inline bool EndsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

std::string ToLower(std::string_view s);
std::string ToUpper(std::string_view s);
std::string_view Trim(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool Contains(std::string_view haystack, std::string_view needle);

// Splits on `sep`; with skip_empty, empty (or all-whitespace) pieces are dropped.
std::vector<std::string_view> Split(std::string_view s, char sep, bool skip_empty = false);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to);

// A base-10 integer filling the whole of `s` (after trimming), or nullopt.
std::optional<std::int64_t> ParseInt64(std::string_view s);

std::string HexEncode(std::string_view bytes);
// RFC 4648 §5 URL-safe alphabet; without padding unless `pad`.
std::string Base64UrlEncode(std::string_view bytes, bool pad = false);
// Accepts padded or unpadded URL-safe input; nullopt on any invalid character or length.
std::optional<std::string> Base64UrlDecode(std::string_view text);
std::string Base64Encode(std::string_view bytes);  // standard alphabet, padded

}  // namespace ucf::core
