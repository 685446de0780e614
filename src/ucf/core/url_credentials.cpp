#include "ucf/core/url_credentials.hpp"

namespace ucf::core {
namespace {

bool EndsAuthority(char c) {
  return c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Whether the authority starting at `from` holds an '@'; `*end` is where it stops.
bool AuthorityHasAt(std::string_view text, std::size_t from, std::size_t* end) {
  std::size_t i = from;
  bool at = false;
  for (; i < text.size() && !EndsAuthority(text[i]); ++i) at |= text[i] == '@';
  *end = i;
  return at;
}

}  // namespace

bool HasUrlUserInfo(std::string_view text) {
  std::size_t end = 0;
  if (text.starts_with("//") && AuthorityHasAt(text, 2, &end)) return true;
  std::size_t pos = 0;
  while ((pos = text.find("://", pos)) != std::string_view::npos) {
    if (AuthorityHasAt(text, pos + 3, &end)) return true;
    // Authorities end at the first '/', and every "://" holds one, so the scanned regions never
    // overlap: linear overall.
    pos += 1;
  }
  return false;
}

}  // namespace ucf::core
