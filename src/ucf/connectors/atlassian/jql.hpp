#pragma once
// JQL string literals. JqlQuote wraps any user text into a double-quoted JQL string so it can
// only ever be a value, never JQL syntax: '"' and '\' are backslash-escaped; control characters
// (tab, CR, LF, …, DEL) become a space since JQL literals cannot hold them. Pure; thread-safe.
//
//   JqlQuote(R"(say "hi" \o/)") == R"("say \"hi\" \\o/")"

#include <string>
#include <string_view>

namespace ucf::connectors::atlassian {

std::string JqlQuote(std::string_view text);

}  // namespace ucf::connectors::atlassian
