#pragma once
// Confluence storage format (XHTML-based) <-> plain text. Pure; thread-safe.
//
// StorageToPlainText strips markup: block elements (p, div, h1-h6, li, tr, pre, blockquote, table,
// ul, ol) end a line, <br> is a newline, <li> starts "- ", table cells are joined with " | ";
// CDATA sections (code macros) are kept verbatim; comments, <ac:parameter> values and
// processing instructions are dropped; entities &amp; &lt; &gt; &quot; &apos; &#39; &nbsp; and
// numeric &#N; / &#xH; are decoded (unknown named entities are kept). Runs of blank lines collapse
// to one, the result is trimmed. It does not validate markup and never fails.
//
// PlainTextToStorage writes "<p>…</p>" per block of lines separated by blank lines, single newlines
// as "<br/>", with & < > " ' escaped. Empty text gives "".

#include <string>
#include <string_view>

namespace ucf::connectors::atlassian {

std::string StorageToPlainText(std::string_view storage);

std::string PlainTextToStorage(std::string_view text);

// Escapes & < > " ' for XHTML text and attribute values.
std::string EscapeXml(std::string_view text);

}  // namespace ucf::connectors::atlassian
