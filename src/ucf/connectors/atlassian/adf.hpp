#pragma once
// Atlassian Document Format (ADF, the JSON rich text of Jira v3 and Confluence) <-> plain text.
//
// FlattenAdf renders any ADF value as readable plain text. It never fails: a JSON string is
// returned as it is (Jira v2-style plain bodies), null / non-ADF values give "", unknown nodes
// contribute their children's text (or attrs.text), malformed parts are skipped. Rendering:
//   blocks (paragraph, heading, codeBlock, blockquote, panel, table, …) separated by a blank line;
//   bullet lists "- item", ordered lists "1. item" (from attrs.order), nested lists indented by two
//   spaces per level, task items "[ ] " / "[x] "; table rows "cell | cell";
//   text as is (marks dropped) except links: "text (href)" when the href differs from the text;
//   hardBreak -> "\n"; mention -> attrs.text ("@Jane"); emoji -> attrs.text or attrs.shortName;
//   inlineCard/blockCard -> attrs.url; status -> attrs.text; date -> YYYY-MM-DD.
// Nesting deeper than kMaxAdfDepth is ignored. Pure; thread-safe.
//
// PlainTextToAdf builds a version-1 "doc": one paragraph per block of lines separated by blank
// lines, single newlines inside a block become hardBreak nodes. "\r\n" is treated as "\n". Empty
// text gives a doc with no content.

#include <string>
#include <string_view>

#include "boost/json/object.hpp"
#include "boost/json/value.hpp"

namespace ucf::connectors::atlassian {

inline constexpr int kMaxAdfDepth = 100;

std::string FlattenAdf(const boost::json::value& doc);

boost::json::object PlainTextToAdf(std::string_view text);

}  // namespace ucf::connectors::atlassian
