#pragma once
// Unified browsing through a connection's connector (containers → items → comments) and creating
// items and comments:
//   GET  /api/connections/{id}/containers | /items | /items/{itemId} | /items/{itemId}/comments
//   POST /api/connections/{id}/items, /api/connections/{id}/items/{itemId}/comments
//   GET  /api/connectors/{id}/containers | /items | /comments?connectionId=…   (the original's)
// Pages are {items, next}; `next` is an opaque cursor bound to the connection and the listing
// (cursor_codec.hpp). ?raw=true adds each provider object as `raw`.

#include "ucf/api/api_deps.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class BrowseHandler {
 public:
  explicit BrowseHandler(const ApiDeps& deps) : deps_(deps) {}

  http::Response Containers(http::Request& request) const;
  http::Response Items(http::Request& request) const;
  http::Response Item(http::Request& request) const;
  http::Response Comments(http::Request& request) const;
  http::Response CreateItem(http::Request& request) const;
  http::Response CreateComment(http::Request& request) const;

  // The original's connector-scoped routes: the connection comes from ?connectionId, or is the
  // tenant's only connected connection of that connector.
  http::Response ConnectorContainers(http::Request& request) const;
  http::Response ConnectorItems(http::Request& request) const;
  http::Response ConnectorComments(http::Request& request) const;

 private:
  ApiDeps deps_;
};

}  // namespace ucf::api
