// JQL quoting (connectors/atlassian/jql.hpp): any text becomes exactly one JQL string literal —
// quoted at both ends, every inner '"' escaped, no control character left.

#include "fuzz/fuzz_input.hpp"
#include "ucf/connectors/atlassian/jql.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string q = ucf::connectors::atlassian::JqlQuote(
      std::string_view(reinterpret_cast<const char*>(data), size));
  UCF_FUZZ_CHECK(q.size() >= 2 && q.front() == '"' && q.back() == '"');
  bool escaped = false;
  for (std::size_t i = 1; i + 1 < q.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(q[i]);
    UCF_FUZZ_CHECK(c >= 0x20 && c != 0x7f);
    if (escaped) {
      UCF_FUZZ_CHECK(c == '"' || c == '\\');
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else {
      UCF_FUZZ_CHECK(c != '"');
    }
  }
  UCF_FUZZ_CHECK(!escaped);  // the closing quote is not escaped
  return 0;
}
