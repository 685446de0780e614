#include "ucf/http/client/secret_scrubber.hpp"

// GCC 12 reports a false -Wmaybe-uninitialized inside libstdc++'s <regex> when built with
// sanitizers (UCF_SANITIZE); the warning is in the library's code, not here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>
#include <vector>

namespace ucf::http {
namespace {

struct Rule {
  std::regex pattern;
  const char* replacement;
};

const std::vector<Rule>& Rules() {
  static const auto* rules = [] {
    constexpr auto kFlags = std::regex::ECMAScript | std::regex::icase | std::regex::optimize;
    return new std::vector<Rule>{
        {std::regex(R"((https?://)[^/\s@]+@)", kFlags), "$1***@"},
        {std::regex(R"(\b(bearer|basic|digest)(\s+)[A-Za-z0-9._~+/=\-]+)", kFlags), "$1$2***"},
        {std::regex(R"(\b(token)(\s+)(?=[A-Za-z._~+/=\-]*[0-9])[A-Za-z0-9._~+/=\-]+)", kFlags),
         "$1$2***"},
        {std::regex(
             R"re(\b((?:access|refresh|id)?_?token|client_?secret|secret|password|passwd|x-api-key|api_?key|authorization|signature|session_?id|private_?key|client_?assertion|assertion)("?\s*[:=]\s*"?)(?:bearer\s+|basic\s+)?[^\s"&,;]+)re",
             kFlags),
         "$1$2***"},
        {std::regex(R"(\b(code|sig|state)(=)[^\s"&,;]+)", kFlags), "$1$2***"},
        {std::regex(R"(eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*)"), "***"},
        {std::regex(
             R"(\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|ATATT[A-Za-z0-9_\-=]{20,}|xox[abposr]-[A-Za-z0-9\-]{10,}|sk_(?:live|test)_[A-Za-z0-9]{10,}|00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]+))"),
         "***"},
        {std::regex(
             R"((?=[A-Za-z0-9+/_\-]*[a-z])(?=[A-Za-z0-9+/_\-]*[A-Z])(?=[A-Za-z0-9+/_\-]*[0-9])\b[A-Za-z0-9+/_\-]{32,}={0,2})"),
         "***"},
    };
  }();
  return *rules;
}

}  // namespace

std::string ScrubSecrets(std::string_view text) {
  std::string out(text);
  for (const Rule& rule : Rules()) out = std::regex_replace(out, rule.pattern, rule.replacement);
  return out;
}

std::string TruncateUtf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  // Step back over continuation bytes (10xxxxxx) so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";
}

}  // namespace ucf::http
