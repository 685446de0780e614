#pragma once
// Unified browsing through a connection's connector (containers → items → comments) and creating
// items and comments:
//   GET  /api/connections/{id}/containers | /items | /items/{itemId} | /items/{itemId}/comments
//   POST /api/connections/{id}/items, /api/connections/{id}/items/{itemId}/comments
//   GET  /api/connectors/{id}/containers | /items | /comments?connectionId=…   (the original's)
// Pages are {items, next}; `next` is an opaque cursor bound to the connection and the listing
// (cursor_codec.hpp). ?raw=true adds each provider object as `raw`.

#include "ucf/api/api_deps.hpp"
#include "ucf/api/api_result.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class BrowseHandler {
 public:
  // What the handler uses (and nothing else); all must outlive it. The route-table test builds
  // handlers without services and never calls them.
  struct Services {
    connections::ConnectionService* connections = nullptr;
    const connections::ConnectorManager* manager = nullptr;
    const connectors::CursorCodec* cursors = nullptr;
  };

  explicit BrowseHandler(Services services) : deps_(std::move(services)) {}

  ApiResult Containers(http::Request& request) const;
  // Item pages are written as text (connectors::AppendItemJson), without a DOM.
  ApiTextResult Items(http::Request& request) const;
  ApiResult Item(http::Request& request) const;
  ApiResult Comments(http::Request& request) const;
  ApiResult CreateItem(http::Request& request) const;
  ApiResult CreateComment(http::Request& request) const;

  // The original's connector-scoped routes: the connection comes from ?connectionId, or is the
  // tenant's only connected connection of that connector.
  ApiResult ConnectorContainers(http::Request& request) const;
  ApiTextResult ConnectorItems(http::Request& request) const;
  ApiResult ConnectorComments(http::Request& request) const;

 private:
  Services deps_;
};

}  // namespace ucf::api
