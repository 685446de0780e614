#include "ucf/connectors/atlassian/adf.hpp"

#include <chrono>
#include <string>
#include <vector>

#include "boost/json/array.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::connectors::atlassian {
namespace {

namespace json = boost::json;

using Nodes = std::vector<const json::value*>;

std::string_view StringOf(const json::value* v) {
  if (v == nullptr || !v->is_string()) return {};
  return std::string_view(v->as_string());
}

std::string_view TypeOf(const json::object& node) { return StringOf(node.if_contains("type")); }

std::string_view Attr(const json::object& node, std::string_view name) {
  const json::value* attrs = node.if_contains("attrs");
  if (attrs == nullptr || !attrs->is_object()) return {};
  return StringOf(attrs->as_object().if_contains(name));
}

Nodes ContentOf(const json::object& node) {
  Nodes out;
  const json::value* content = node.if_contains("content");
  if (content == nullptr || !content->is_array()) return out;
  for (const json::value& child : content->as_array()) out.push_back(&child);
  return out;
}

bool IsInlineType(std::string_view type) {
  return type == "text" || type == "hardBreak" || type == "mention" || type == "emoji" ||
         type == "inlineCard" || type == "date" || type == "status" || type == "placeholder" ||
         type == "mediaInline" || type == "inlineExtension";
}

bool IsInline(const json::value* v) {
  if (v->is_string()) return true;
  return v->is_object() && IsInlineType(TypeOf(v->as_object()));
}

bool IsListType(std::string_view type) {
  return type == "bulletList" || type == "orderedList" || type == "taskList" ||
         type == "decisionList";
}

// The href of a text node's link mark, or "".
std::string_view LinkHref(const json::object& text_node) {
  const json::value* marks = text_node.if_contains("marks");
  if (marks == nullptr || !marks->is_array()) return {};
  for (const json::value& mark : marks->as_array()) {
    if (!mark.is_object() || TypeOf(mark.as_object()) != "link") continue;
    return Attr(mark.as_object(), "href");
  }
  return {};
}

std::string_view TrimNewlines(std::string_view s) {
  while (!s.empty() && (s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
    s.remove_suffix(1);
  return s;
}

std::string FormatDate(std::string_view timestamp_ms) {
  std::optional<std::int64_t> ms = core::ParseInt64(timestamp_ms);
  if (!ms) return std::string(timestamp_ms);
  core::TimePoint t{
      std::chrono::duration_cast<core::TimePoint::duration>(std::chrono::milliseconds(*ms))};
  return core::FormatRfc3339(t).substr(0, 10);
}

std::string Blocks(const Nodes& nodes, int depth);
std::string Inlines(const Nodes& nodes, int depth);
std::string List(const json::object& list, int depth, int level);

std::string InlineNode(const json::object& node, int depth) {
  std::string_view type = TypeOf(node);
  if (type == "hardBreak") return "\n";
  if (type == "mention") {
    std::string_view text = Attr(node, "text");
    if (text.empty()) text = Attr(node, "id");
    if (text.empty()) return "@";
    return text.starts_with("@") ? std::string(text) : core::StrCat("@", text);
  }
  if (type == "emoji") {
    std::string_view text = Attr(node, "text");
    return std::string(text.empty() ? Attr(node, "shortName") : text);
  }
  if (type == "inlineCard") return std::string(Attr(node, "url"));
  if (type == "date") return FormatDate(Attr(node, "timestamp"));
  if (type == "placeholder" || type == "mediaInline") return {};
  // status, inlineExtension and unknown inline nodes: their children, else attrs.text.
  Nodes children = ContentOf(node);
  if (!children.empty()) return Inlines(children, depth + 1);
  return std::string(Attr(node, "text"));
}

// Concatenates inline nodes; consecutive text nodes sharing a link are written once as
// "text (href)".
std::string Inlines(const Nodes& nodes, int depth) {
  if (depth > kMaxAdfDepth) return {};
  std::string out;
  std::string run;
  std::string href;
  auto flush = [&] {
    if (href.empty() || run == href) {
      out += run;
    } else if (run.empty()) {
      out += href;
    } else {
      core::StrAppend(&out, run, " (", href, ")");
    }
    run.clear();
    href.clear();
  };
  for (const json::value* v : nodes) {
    if (v->is_string()) {
      if (!href.empty()) flush();
      run += std::string_view(v->as_string());
      continue;
    }
    if (!v->is_object()) continue;
    const json::object& node = v->as_object();
    if (TypeOf(node) == "text") {
      std::string_view link = LinkHref(node);
      if (link != href) {
        flush();
        href = std::string(link);
      }
      run += StringOf(node.if_contains("text"));
      continue;
    }
    flush();
    out += InlineNode(node, depth);
  }
  flush();
  return out;
}

std::string TableRow(const json::object& row, int depth) {
  std::vector<std::string> cells;
  for (const json::value* cell : ContentOf(row)) {
    if (!cell->is_object()) continue;
    std::string text = Blocks(ContentOf(cell->as_object()), depth + 1);
    text = core::ReplaceAll(text, "\n\n", " ");
    text = core::ReplaceAll(text, "\n", " ");
    cells.push_back(std::move(text));
  }
  return core::Join(cells, " | ");
}

std::string Block(const json::value& v, int depth) {
  if (depth > kMaxAdfDepth) return {};
  if (v.is_string()) return std::string(v.as_string());
  if (!v.is_object()) return {};
  const json::object& node = v.as_object();
  std::string_view type = TypeOf(node);
  if (type == "paragraph" || type == "heading" || type == "codeBlock") {
    return Inlines(ContentOf(node), depth + 1);
  }
  if (IsListType(type)) return List(node, depth, 0);
  if (IsInlineType(type)) return Inlines({&v}, depth);
  if (type == "table") {
    std::vector<std::string> rows;
    for (const json::value* row : ContentOf(node)) {
      if (row->is_object()) rows.push_back(TableRow(row->as_object(), depth + 1));
    }
    return core::Join(rows, "\n");
  }
  if (type == "rule") return {};
  if (type == "media") return std::string(Attr(node, "alt"));
  if (type == "blockCard" || type == "embedCard") return std::string(Attr(node, "url"));
  if (type == "expand" || type == "nestedExpand") {
    std::string title(Attr(node, "title"));
    std::string body = Blocks(ContentOf(node), depth + 1);
    if (title.empty()) return body;
    if (body.empty()) return title;
    return core::StrCat(title, "\n\n", body);
  }
  // doc, blockquote, panel, layouts, extensions and unknown nodes: their children, else attrs.text.
  Nodes children = ContentOf(node);
  if (!children.empty()) return Blocks(children, depth + 1);
  return std::string(Attr(node, "text"));
}

// Block children separated by blank lines; runs of inline children form one block.
std::string Blocks(const Nodes& nodes, int depth) {
  if (depth > kMaxAdfDepth) return {};
  std::vector<std::string> parts;
  Nodes run;
  auto flush = [&] {
    if (run.empty()) return;
    std::string text = Inlines(run, depth);
    if (!TrimNewlines(text).empty()) parts.push_back(std::move(text));
    run.clear();
  };
  for (const json::value* v : nodes) {
    if (IsInline(v)) {
      run.push_back(v);
      continue;
    }
    flush();
    std::string text = Block(*v, depth);
    if (!TrimNewlines(text).empty()) parts.push_back(std::move(text));
  }
  flush();
  return core::Join(parts, "\n\n");
}

// Appends `text` as the lines of one list item: the first line after the marker, the rest indented
// to the marker's width.
void AppendItemText(std::string_view text, std::string_view indent, std::string_view marker,
                    bool* first, std::vector<std::string>* lines) {
  for (std::string_view line : core::Split(text, '\n')) {
    if (*first) {
      lines->push_back(core::StrCat(indent, marker, line));
      *first = false;
    } else if (line.empty()) {
      lines->push_back(std::string());
    } else {
      lines->push_back(core::StrCat(indent, std::string(marker.size(), ' '), line));
    }
  }
}

std::string List(const json::object& list, int depth, int level) {
  if (depth > kMaxAdfDepth) return {};
  std::string_view list_type = TypeOf(list);
  std::int64_t number = 1;
  if (list_type == "orderedList") {
    const json::value* attrs = list.if_contains("attrs");
    if (attrs != nullptr && attrs->is_object()) {
      const json::value* order = attrs->as_object().if_contains("order");
      if (order != nullptr && order->is_int64()) number = order->as_int64();
    }
  }
  std::string indent(static_cast<std::size_t>(level) * 2, ' ');
  std::vector<std::string> lines;
  for (const json::value* item_value : ContentOf(list)) {
    if (!item_value->is_object()) continue;
    const json::object& item = item_value->as_object();
    std::string_view item_type = TypeOf(item);
    if (IsListType(item_type)) {  // a taskList may hold a nested list directly
      std::string nested = List(item, depth + 1, level + 1);
      if (!nested.empty()) lines.push_back(std::move(nested));
      continue;
    }
    std::string marker;
    if (list_type == "orderedList") {
      marker = core::StrCat(number++, ". ");
    } else if (list_type == "taskList") {
      marker = Attr(item, "state") == "DONE" ? "[x] " : "[ ] ";
    } else {
      marker = "- ";
    }
    bool first = true;
    Nodes children = ContentOf(item);
    Nodes inline_run;
    auto flush_inline = [&] {
      if (inline_run.empty()) return;
      AppendItemText(Inlines(inline_run, depth + 1), indent, marker, &first, &lines);
      inline_run.clear();
    };
    for (const json::value* child : children) {
      if (IsInline(child)) {  // taskItem and decisionItem hold inline content
        inline_run.push_back(child);
        continue;
      }
      flush_inline();
      if (child->is_object() && IsListType(TypeOf(child->as_object()))) {
        if (first) {
          lines.push_back(std::string(core::Trim(core::StrCat(indent, marker))));
          first = false;
        }
        std::string nested = List(child->as_object(), depth + 2, level + 1);
        if (!nested.empty()) lines.push_back(std::move(nested));
        continue;
      }
      std::string text = Block(*child, depth + 1);
      if (TrimNewlines(text).empty()) continue;
      AppendItemText(text, indent, marker, &first, &lines);
    }
    flush_inline();
    if (first) lines.push_back(core::StrCat(indent, core::Trim(marker)));
  }
  return core::Join(lines, "\n");
}

}  // namespace

std::string FlattenAdf(const boost::json::value& doc) {
  if (doc.is_string()) return std::string(doc.as_string());
  std::string text;
  if (doc.is_array()) {
    Nodes nodes;
    for (const json::value& v : doc.as_array()) nodes.push_back(&v);
    text = Blocks(nodes, 0);
  } else {
    text = Block(doc, 0);
  }
  return std::string(TrimNewlines(text));
}

boost::json::object PlainTextToAdf(std::string_view text) {
  std::string normalized = core::ReplaceAll(text, "\r\n", "\n");
  normalized = core::ReplaceAll(normalized, "\r", "\n");
  json::array content;
  json::array paragraph;
  auto flush = [&] {
    if (paragraph.empty()) return;
    content.push_back(json::object{{"type", "paragraph"}, {"content", std::move(paragraph)}});
    paragraph = json::array();
  };
  for (std::string_view line : core::Split(normalized, '\n')) {
    if (core::Trim(line).empty()) {
      flush();
      continue;
    }
    if (!paragraph.empty()) paragraph.push_back(json::object{{"type", "hardBreak"}});
    paragraph.push_back(json::object{{"type", "text"}, {"text", line}});
  }
  flush();
  return json::object{{"type", "doc"}, {"version", 1}, {"content", std::move(content)}};
}

}  // namespace ucf::connectors::atlassian
