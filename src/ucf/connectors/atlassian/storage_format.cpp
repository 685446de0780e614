#include "ucf/connectors/atlassian/storage_format.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

#include "ucf/core/strings.hpp"

namespace ucf::connectors::atlassian {
namespace {

void AppendUtf8(std::uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the entity starting at text[i] == '&'; returns the characters consumed (0 = not an
// entity we know, the '&' is literal).
std::size_t DecodeEntity(std::string_view text, std::size_t i, std::string* out) {
  std::size_t semi = text.find(';', i);
  if (semi == std::string_view::npos || semi - i > 12) return 0;
  std::string_view name = text.substr(i + 1, semi - i - 1);
  std::size_t consumed = semi - i + 1;
  if (name == "amp")
    *out += '&';
  else if (name == "lt")
    *out += '<';
  else if (name == "gt")
    *out += '>';
  else if (name == "quot")
    *out += '"';
  else if (name == "apos")
    *out += '\'';
  else if (name == "nbsp")
    *out += ' ';
  else if (name.size() > 1 && name[0] == '#') {
    std::uint32_t cp = 0;
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      int d;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (hex && c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      else
        return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      if (cp > 0x10FFFF) cp = 0x110000;  // clamp; rendered as U+FFFD
    }
    AppendUtf8(cp, out);
  } else {
    return 0;
  }
  return consumed;
}

// The lower-case local tag name of "<tag …>" / "</tag>" contents, e.g. "p", "ac:parameter".
std::string TagName(std::string_view inner) {
  std::size_t start = (!inner.empty() && inner[0] == '/') ? 1 : 0;
  std::size_t end = start;
  while (end < inner.size() && !std::isspace(static_cast<unsigned char>(inner[end])) &&
         inner[end] != '/' && inner[end] != '>') {
    ++end;
  }
  return core::ToLower(inner.substr(start, end - start));
}

bool IsBlockTag(std::string_view name) {
  return name == "p" || name == "div" || name == "li" || name == "tr" || name == "pre" ||
         name == "blockquote" || name == "table" || name == "ul" || name == "ol" || name == "h1" ||
         name == "h2" || name == "h3" || name == "h4" || name == "h5" || name == "h6" ||
         name == "hr" || name == "ac:structured-macro" || name == "ac:task";
}

// A line break; trailing spaces of the current line go away.
void Break(std::string* out) {
  while (!out->empty() && out->back() == ' ') out->pop_back();
  out->push_back('\n');
}

// Starts a new line unless already at the start of one (a bare "- " list marker counts as the
// start: "<li><p>x</p></li>" is "- x").
void EndLine(std::string* out) {
  std::size_t line_start = out->rfind('\n');
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  std::string_view line = std::string_view(*out).substr(line_start);
  if (core::Trim(line).empty() || core::Trim(line) == "-") return;
  while (!out->empty() && out->back() == ' ') out->pop_back();
  out->push_back('\n');
}

// Collapses 3+ newlines to 2 and trims the ends.
std::string Tidy(std::string_view text) {
  std::string out;
  int newlines = 0;
  for (char c : text) {
    if (c == '\n') {
      if (++newlines > 2) continue;
    } else {
      newlines = 0;
    }
    out.push_back(c);
  }
  return std::string(core::Trim(out));
}

}  // namespace

std::string StorageToPlainText(std::string_view s) {
  std::string out;
  bool in_cell_row = false;  // a cell was written on the current table row
  int skip_depth = 0;        // inside <ac:parameter>: macro settings, not content
  int pre_depth = 0;
  int li_depth = 0;
  int cell_depth = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '<') {
      if (s.substr(i, 9) == "<![CDATA[") {
        std::size_t end = s.find("]]>", i + 9);
        std::string_view data =
            s.substr(i + 9, end == std::string_view::npos ? s.npos : end - i - 9);
        if (skip_depth == 0) out += data;
        i = end == std::string_view::npos ? s.size() : end + 3;
        continue;
      }
      if (s.substr(i, 4) == "<!--") {
        std::size_t end = s.find("-->", i + 4);
        i = end == std::string_view::npos ? s.size() : end + 3;
        continue;
      }
      std::size_t close = s.find('>', i + 1);
      if (close == std::string_view::npos) break;  // a truncated tag: drop the rest
      std::string_view inner = s.substr(i + 1, close - i - 1);
      i = close + 1;
      if (inner.empty() || inner[0] == '?' || inner[0] == '!') continue;
      bool closing = inner[0] == '/';
      bool self_closing = inner.back() == '/';
      std::string name = TagName(inner);
      if (name == "ac:parameter") {
        if (closing) {
          if (skip_depth > 0) --skip_depth;
        } else if (!self_closing) {
          ++skip_depth;
        }
        continue;
      }
      if (skip_depth > 0) continue;
      if (name == "br") {
        Break(&out);
      } else if (name == "td" || name == "th") {
        if (closing) {
          cell_depth = std::max(0, cell_depth - 1);
        } else {
          while (!out.empty() && out.back() == ' ') out.pop_back();
          if (in_cell_row) out += " | ";
          in_cell_row = true;
          ++cell_depth;
        }
      } else if (cell_depth > 0 && name != "tr" && name != "table" && IsBlockTag(name)) {
        // Blocks inside a cell keep the row on one line.
        if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
      } else if (IsBlockTag(name)) {
        if (name == "tr") in_cell_row = false;
        if (name == "pre") pre_depth = closing ? std::max(0, pre_depth - 1) : pre_depth + 1;
        EndLine(&out);
        if (name == "li") {
          if (closing) {
            li_depth = std::max(0, li_depth - 1);
          } else {
            ++li_depth;
            out += "- ";
          }
        }
        // Paragraph-like blocks end with a blank line, except inside list items.
        bool paragraph_like = name == "p" || name == "table" || name == "ul" || name == "ol" ||
                              name == "pre" || name == "blockquote" || name[0] == 'h';
        if (closing && paragraph_like && li_depth == 0 && !out.empty() && !out.ends_with("\n\n")) {
          out.push_back('\n');
        }
      }
      continue;
    }
    if (skip_depth > 0) {
      ++i;
      continue;
    }
    if (c == '&') {
      std::size_t consumed = DecodeEntity(s, i, &out);
      if (consumed > 0) {
        i += consumed;
        continue;
      }
    }
    if (pre_depth > 0) {  // preformatted text keeps its layout
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';  // markup whitespace is not layout
    if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) {
      ++i;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return Tidy(out);
}

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string PlainTextToStorage(std::string_view text) {
  std::string normalized = core::ReplaceAll(text, "\r\n", "\n");
  normalized = core::ReplaceAll(normalized, "\r", "\n");
  std::string out;
  std::vector<std::string> lines;
  auto flush = [&] {
    if (lines.empty()) return;
    core::StrAppend(&out, "<p>", core::Join(lines, "<br/>"), "</p>");
    lines.clear();
  };
  for (std::string_view line : core::Split(normalized, '\n')) {
    if (core::Trim(line).empty()) {
      flush();
      continue;
    }
    lines.push_back(EscapeXml(line));
  }
  flush();
  return out;
}

}  // namespace ucf::connectors::atlassian
