#include "ucf/connectors/atlassian/jql.hpp"

namespace ucf::connectors::atlassian {

std::string JqlQuote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      out += ' ';
    } else {
      out += c;  // UTF-8 continuation bytes are >= 0x80 and pass through
    }
  }
  out += '"';
  return out;
}

}  // namespace ucf::connectors::atlassian
