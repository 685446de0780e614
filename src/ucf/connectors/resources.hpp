#pragma once
// The unified shapes every connector maps its provider's objects into (DESIGN.md §5):
//   container {id, label, type, meta}
//   item      {id, name, containerId, meta}   meta: key, status, url, author, assignee, created,
//                                             updated, parentId, version (fixed key set)
//   comment   {id, author, text, created, updated}   text is plain text
// Plain values. `raw` keeps the provider's own object; the API renders it only for ?raw=true.
// Times are RFC 3339 UTC strings as the provider gave them normalised by the connector.

#include <optional>
#include <string>
#include <vector>

#include "boost/json/object.hpp"
#include "boost/json/value.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::connectors {

struct Container {
  std::string id;
  std::string label;
  std::string type;           // provider's kind, e.g. "software" (Jira), "global" (Confluence)
  boost::json::object meta;   // provider-specific extras (key, url, …)
  boost::json::value raw;     // the provider's object
};

// The fixed `meta` keys of an item; absent values render as null.
struct ItemMeta {
  std::optional<std::string> key;
  std::optional<std::string> status;
  std::optional<std::string> url;
  std::optional<std::string> author;
  std::optional<std::string> assignee;
  std::optional<std::string> created;
  std::optional<std::string> updated;
  std::optional<std::string> parent_id;
  std::optional<std::string> version;
};

struct Item {
  std::string id;
  std::string name;
  std::string container_id;
  ItemMeta meta;
  std::optional<std::string> body;  // plain-text or storage-format body, item detail only
  boost::json::value raw;
};

struct Comment {
  std::string id;
  std::optional<std::string> author;
  std::string text;  // plain text: rich formats (Atlassian ADF, HTML) flattened
  std::optional<std::string> created;
  std::optional<std::string> updated;
  // The item commented on: set by listings across items (Connector::ListChangedComments).
  std::optional<std::string> item_id;
  boost::json::value raw;
};

// One page of a listing. `next` is the PROVIDER's continuation (a page token, offset or URL as the
// connector needs it); the framework wraps it into the opaque, connection-bound cursor clients see
// (cursor_codec.hpp), so connectors never deal with client cursors.
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next;
};

// A listing request. `cursor` is a value the same connector returned as Page::next (already
// verified by the framework), empty for the first page. `limit` is 1..200.
struct PageRequest {
  std::string cursor;
  int limit = 50;
};

struct ItemQuery {
  std::string container_id;  // required by connectors whose items live in containers
  std::string q;             // free-text search; connectors quote it safely for the provider
  PageRequest page;
  // Sync listings only (connectors that declare a change marker for their item model, see
  // ConnectorDescription::change_markers): when set, only items whose marker is at or after this
  // instant (a connector may return somewhat earlier ones too, never fewer), OLDEST CHANGE FIRST,
  // so that a caller may advance its marker page by page. Unset: the connector's browse order.
  std::optional<core::TimePoint> changed_since;
};

struct NewItem {
  std::string container_id;
  std::string title;
  std::string body;            // plain text; connectors convert (ADF, storage format)
  boost::json::object fields;  // provider-specific extras (e.g. Jira "issuetype")
};

struct NewComment {
  std::string item_id;
  std::string text;  // plain text
};

}  // namespace ucf::connectors
