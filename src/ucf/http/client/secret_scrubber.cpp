#include "ucf/http/client/secret_scrubber.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace ucf::http {
namespace {

// The scrubber is a fixed sequence of passes; each pass rewrites the whole text once, left to
// right, and every attempt at a position costs O(1) amortised: the character runs a rule needs
// are measured once per pass (RunEnds), never re-scanned from each start. So the whole scrub is
// O(n) whatever the input, unlike the backtracking std::regex it replaces (whose rules, written as
// regular expressions, are quoted above each pass).

using CharClass = bool (*)(unsigned char);

bool IsAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsWord(unsigned char c) { return IsAlnum(c) || c == '_'; }
bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
bool IsLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// [A-Za-z0-9._~+/=-]: the characters of a credential after an auth scheme.
bool IsCredential(unsigned char c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=' ||
         c == '-';
}
// [^\s"&,;]: a value in key=value / key: value form.
bool IsValue(unsigned char c) { return !IsSpace(c) && c != '"' && c != '&' && c != ',' && c != ';'; }
// [^/\s@]: URL user info.
bool IsUserInfo(unsigned char c) { return c != '/' && !IsSpace(c) && c != '@'; }
// [A-Za-z0-9_-]: base64url (JWT segments).
bool IsBase64Url(unsigned char c) { return IsWord(c) || c == '-'; }
// [A-Za-z0-9+/_-]: a random-looking secret.
bool IsSecretChar(unsigned char c) { return IsWord(c) || c == '+' || c == '/' || c == '-'; }
bool IsAtlassianChar(unsigned char c) { return IsWord(c) || c == '-' || c == '='; }
bool IsSlackChar(unsigned char c) { return IsAlnum(c) || c == '-'; }
bool IsSalesforceTail(unsigned char c) { return IsAlnum(c) || c == '.' || c == '_'; }

// End of the maximal run of `cls` characters starting at each position, computed in one
// right-to-left sweep the first time a rule asks (most texts never need most classes).
class RunEnds {
 public:
  RunEnds(std::string_view text, CharClass cls) : text_(text), cls_(cls) {}
  std::size_t operator[](std::size_t i) const {
    if (!ends_) Compute();
    return ends_[i];
  }
  std::size_t Length(std::size_t i) const { return (*this)[i] - i; }

 private:
  void Compute() const {
    // Default-initialised (not zeroed): every entry is written below.
    ends_.reset(new std::uint32_t[text_.size() + 1]);
    auto n = static_cast<std::uint32_t>(text_.size());
    ends_[n] = n;
    for (std::uint32_t i = n; i-- > 0;) {
      ends_[i] = cls_(static_cast<unsigned char>(text_[i])) ? ends_[i + 1] : i;
    }
  }
  std::string_view text_;
  CharClass cls_;
  mutable std::unique_ptr<std::uint32_t[]> ends_;
};

// Case-sensitive (`fold` false) or ASCII case-insensitive prefix test at `at`.
bool LiteralAt(std::string_view text, std::size_t at, std::string_view lit, bool fold) {
  if (text.size() - at < lit.size()) return false;
  for (std::size_t k = 0; k < lit.size(); ++k) {
    char c = text[at + k];
    if (fold ? Lower(c) != lit[k] : c != lit[k]) return false;
  }
  return true;
}

// \b before a word character at `at`.
bool WordStart(std::string_view text, std::size_t at) {
  return at == 0 || !IsWord(static_cast<unsigned char>(text[at - 1]));
}

// The first of `words` (lower case) found at `at`, ignoring case; its length or 0.
template <std::size_t N>
std::size_t WordAt(std::string_view text, std::size_t at, const std::array<std::string_view, N>& words) {
  for (std::string_view w : words) {
    if (LiteralAt(text, at, w, /*fold=*/true)) return w.size();
  }
  return 0;
}

// A match found at `at`: text[at, at + keep) is copied, then "***", and scanning resumes at `end`.
struct Match {
  std::size_t keep = 0;
  std::size_t end = 0;
};
// Leftmost, non-overlapping replacement, like std::regex_replace; `match_at(i)` gives the match
// starting at i, if any.
template <typename MatchAt>
std::string Rewrite(std::string_view text, const MatchAt& match_at) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (std::optional<Match> m = match_at(i)) {
      out.append(text.substr(i, m->keep));
      out += "***";
      i = m->end;
    } else {
      out += text[i++];
    }
  }
  return out;
}

// (https?://)[^/\s@]+@  →  $1***@   (case-insensitive)
std::string UrlUserInfo(std::string_view text) {
  RunEnds info(text, IsUserInfo);
  return Rewrite(text, [&](std::size_t i) -> std::optional<Match> {
    std::size_t scheme = LiteralAt(text, i, "https://", true)  ? 8
                         : LiteralAt(text, i, "http://", true) ? 7
                                                               : 0;
    if (scheme == 0) return std::nullopt;
    std::size_t end = info[i + scheme];
    if (end == i + scheme || end >= text.size() || text[end] != '@') return std::nullopt;
    return Match{scheme, end};  // the '@' stays
  });
}

// \b(bearer|basic|digest)(\s+)[A-Za-z0-9._~+/=-]+           →  $1$2***   (case-insensitive)
// \b(token)(\s+)(?=[A-Za-z._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]+  →  $1$2***   (case-insensitive)
std::string SchemeCredentials(std::string_view text, bool token_word) {
  static constexpr std::array<std::string_view, 3> kSchemes = {"bearer", "basic", "digest"};
  static constexpr std::array<std::string_view, 1> kToken = {"token"};
  RunEnds spaces(text, IsSpace);
  RunEnds credential(text, IsCredential);
  RunEnds no_digit(text, [](unsigned char c) { return IsCredential(c) && !IsDigit(c); });
  return Rewrite(text, [&](std::size_t i) -> std::optional<Match> {
    if (!IsWord(static_cast<unsigned char>(text[i])) || !WordStart(text, i)) return std::nullopt;
    std::size_t word = token_word ? WordAt(text, i, kToken) : WordAt(text, i, kSchemes);
    if (word == 0) return std::nullopt;
    std::size_t value = spaces[i + word];
    if (value == i + word) return std::nullopt;
    std::size_t end = credential[value];
    if (end == value) return std::nullopt;
    // The lookahead: a digit before the first character outside the credential class.
    if (token_word && (no_digit[value] >= text.size() || !IsDigit(static_cast<unsigned char>(text[no_digit[value]])))) {
      return std::nullopt;
    }
    return Match{value - i, end};
  });
}

// \b(KEY)("?\s*[:=]\s*"?)(?:bearer\s+|basic\s+)?[^\s"&,;]+  →  $1$2***   (case-insensitive)
// KEY: (access|refresh|id)?_?token | client_?secret | secret | password | passwd | x-api-key |
//      api_?key | authorization | signature | session_?id | private_?key | client_?assertion |
//      assertion
std::string KeyValues(std::string_view text) {
  static constexpr std::array<std::string_view, 25> kKeys = {
      "access_token", "accesstoken", "refresh_token", "refreshtoken", "id_token", "idtoken",
      "_token", "token", "client_secret", "clientsecret", "secret", "password", "passwd",
      "x-api-key", "api_key", "apikey", "authorization", "signature", "session_id", "sessionid",
      "private_key", "privatekey", "client_assertion", "clientassertion", "assertion"};
  static constexpr std::array<std::string_view, 2> kSchemes = {"bearer", "basic"};
  RunEnds spaces(text, IsSpace);
  RunEnds value(text, IsValue);
  return Rewrite(text, [&](std::size_t at) -> std::optional<Match> {
    if (!IsWord(static_cast<unsigned char>(text[at])) || !WordStart(text, at)) return std::nullopt;
    std::size_t key = WordAt(text, at, kKeys);
    if (key == 0) return std::nullopt;
    std::size_t i = at + key;
    if (i < text.size() && text[i] == '"') ++i;
    i = spaces[i];
    if (i >= text.size() || (text[i] != ':' && text[i] != '=')) return std::nullopt;
    i = spaces[i + 1];
    if (i < text.size() && text[i] == '"') ++i;
    std::size_t keep = i - at;
    // (?:bearer\s+|basic\s+)? is taken only when a value follows it.
    if (std::size_t scheme = WordAt(text, i, kSchemes); scheme != 0) {
      std::size_t after = spaces[i + scheme];
      if (after > i + scheme && value.Length(after) > 0) return Match{keep, value[after]};
    }
    if (value.Length(i) == 0) return std::nullopt;
    return Match{keep, value[i]};
  });
}

// \b(code|sig|state)(=)[^\s"&,;]+  →  $1$2***   (case-insensitive)
std::string QueryCredentials(std::string_view text) {
  static constexpr std::array<std::string_view, 3> kKeys = {"code", "sig", "state"};
  RunEnds value(text, IsValue);
  return Rewrite(text, [&](std::size_t at) -> std::optional<Match> {
    if (!IsWord(static_cast<unsigned char>(text[at])) || !WordStart(text, at)) return std::nullopt;
    std::size_t key = WordAt(text, at, kKeys);
    if (key == 0 || at + key >= text.size() || text[at + key] != '=') return std::nullopt;
    std::size_t start = at + key + 1;
    if (value.Length(start) == 0) return std::nullopt;
    return Match{key + 1, value[start]};
  });
}

// eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*  →  ***
std::string Jwts(std::string_view text) {
  RunEnds b64(text, IsBase64Url);
  return Rewrite(text, [&](std::size_t i) -> std::optional<Match> {
    if (!LiteralAt(text, i, "eyJ", false)) return std::nullopt;
    std::size_t first = b64[i + 3];
    if (first - (i + 3) < 5 || first >= text.size() || text[first] != '.') return std::nullopt;
    std::size_t second = b64[first + 1];
    if (second - (first + 1) < 5 || second >= text.size() || text[second] != '.') return std::nullopt;
    return Match{0, b64[second + 1]};
  });
}

// \b(?:gh[pousr]_[A-Za-z0-9]{20,} | github_pat_[A-Za-z0-9_]{20,} | ATATT[A-Za-z0-9_\-=]{20,} |
//      xox[abposr]-[A-Za-z0-9-]{10,} | sk_(?:live|test)_[A-Za-z0-9]{10,} |
//      00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]+)  →  ***
std::string KnownTokenShapes(std::string_view text) {
  RunEnds alnum(text, IsAlnum);
  RunEnds word(text, IsWord);
  RunEnds atlassian(text, IsAtlassianChar);
  RunEnds slack(text, IsSlackChar);
  RunEnds salesforce(text, IsSalesforceTail);
  auto one_of = [&](std::size_t at, std::string_view chars) {
    return at < text.size() && chars.find(text[at]) != std::string_view::npos;
  };
  // A prefix followed by a run of at least `min` characters of `run`.
  auto shaped = [&](std::size_t body, const RunEnds& run, std::size_t min) -> std::optional<Match> {
    if (body > text.size() || run.Length(body) < min) return std::nullopt;
    return Match{0, run[body]};
  };
  return Rewrite(text, [&](std::size_t i) -> std::optional<Match> {
    if (!IsWord(static_cast<unsigned char>(text[i])) || !WordStart(text, i)) return std::nullopt;
    if (LiteralAt(text, i, "gh", false) && one_of(i + 2, "pousr") && i + 3 < text.size() &&
        text[i + 3] == '_') {
      return shaped(i + 4, alnum, 20);
    }
    if (LiteralAt(text, i, "github_pat_", false)) return shaped(i + 11, word, 20);
    if (LiteralAt(text, i, "ATATT", false)) return shaped(i + 5, atlassian, 20);
    if (LiteralAt(text, i, "xox", false) && one_of(i + 3, "abposr") && i + 4 < text.size() &&
        text[i + 4] == '-') {
      return shaped(i + 5, slack, 10);
    }
    if (LiteralAt(text, i, "sk_live_", false) || LiteralAt(text, i, "sk_test_", false)) {
      return shaped(i + 8, alnum, 10);
    }
    if (LiteralAt(text, i, "00D", false)) {
      std::size_t id = alnum.Length(i + 3);
      std::size_t bang = alnum[i + 3];
      if (id < 12 || id > 15 || bang >= text.size() || text[bang] != '!') return std::nullopt;
      return shaped(bang + 1, salesforce, 1);
    }
    return std::nullopt;
  });
}

// (?=[A-Za-z0-9+/_-]*[a-z])(?=…[A-Z])(?=…[0-9])\b[A-Za-z0-9+/_-]{32,}={0,2}  →  ***
// Within a run of secret characters the three look-aheads and the length only get harder to meet
// the later a match starts, so each run is examined once: the leftmost word boundary from which
// the rest of the run still has a lower case letter, an upper case letter, a digit and 32 characters.
std::string RandomSecrets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsSecretChar(static_cast<unsigned char>(text[i]))) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    std::size_t last_lower = 0, last_upper = 0, last_digit = 0;
    bool lower = false, upper = false, digit = false;
    while (end < text.size() && IsSecretChar(static_cast<unsigned char>(text[end]))) {
      unsigned char c = static_cast<unsigned char>(text[end]);
      if (IsLower(c)) lower = true, last_lower = end;
      if (IsUpper(c)) upper = true, last_upper = end;
      if (IsDigit(c)) digit = true, last_digit = end;
      ++end;
    }
    std::size_t start = end;  // none
    if (lower && upper && digit && end - i >= 32) {
      std::size_t limit = std::min({last_lower, last_upper, last_digit, end - 32});
      for (std::size_t j = i; j <= limit; ++j) {
        bool before = j > 0 && IsWord(static_cast<unsigned char>(text[j - 1]));
        if (before != IsWord(static_cast<unsigned char>(text[j]))) {
          start = j;
          break;
        }
      }
    }
    out.append(text.substr(i, start - i));
    if (start < end) {
      out += "***";
      for (int k = 0; k < 2 && end < text.size() && text[end] == '='; ++k) ++end;
    }
    i = end;
  }
  return out;
}

}  // namespace

std::string ScrubSecrets(std::string_view text) {
  // Positions are 32-bit; larger texts are cut first (nothing legitimate is 4 GiB of prose).
  if (text.size() >= UINT32_MAX) text = text.substr(0, UINT32_MAX - 1);
  std::string out = UrlUserInfo(text);
  out = SchemeCredentials(out, /*token_word=*/false);
  out = SchemeCredentials(out, /*token_word=*/true);
  out = KeyValues(out);
  out = QueryCredentials(out);
  out = Jwts(out);
  out = KnownTokenShapes(out);
  return RandomSecrets(out);
}

std::string ScrubAndTruncate(std::string_view text, std::size_t max_bytes) {
  // Scrub a generous prefix before the final cut, so a secret straddling the cut is still
  // recognised whole and nothing of it survives; the prefix bounds the scrubber's work.
  std::string scrubbed = ScrubSecrets(TruncateUtf8(text, 4 * max_bytes + 64));
  return TruncateUtf8(scrubbed, max_bytes);
}

std::string TruncateUtf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  // Step back over continuation bytes (10xxxxxx) so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";
}

}  // namespace ucf::http
