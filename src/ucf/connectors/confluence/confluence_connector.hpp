#pragma once
// ConfluenceConnector: Confluence Cloud through REST API v2 (connector.hpp has the error
// contract). The ApiClient's base URL is the site (API token, Basic email:token) or
// https://api.atlassian.com/ex/confluence/<cloudId> (OAuth 2.0 3LO); every path is
// "/wiki/api/v2/…". Listings page by the opaque v2 `cursor` (next = the cursor of `_links.next`
// or of the Link header).
//
//   CheckCredentials  GET /spaces?limit=1        v2 has no "current user" operation, so the
//                                                AccountInfo is sparse (extra.site at most)
//   ListContainers    GET /spaces
//   ListItems         GET /spaces/{id}/pages, or GET /pages?space-id=&title=<q> when q is set
//                     (v2 filters pages by exact title only; full-text search is CQL in v1).
//                     containerId is the numeric space id; a space key is resolved first with
//                     GET /spaces?keys=<key> (NotFound when no such space)
//   GetItem           GET /pages/{id}?body-format=storage   body = the storage-format XHTML
//   ListComments      GET /pages/{id}/footer-comments?body-format=storage   text = plain text
//   CreateItem        POST /pages                {spaceId, status "current", title, storage body}
//   CreateComment     POST /footer-comments      {pageId, storage body}
// Webhooks stay Unsupported: Confluence Cloud REST v2 has no webhook registration operation
// (webhooks come from Connect/Forge app descriptors or the site's admin UI).
// Page ids must be numeric (InvalidArgument field "itemId"). Immutable; thread-safe.

#include <memory>

#include "ucf/connectors/connector.hpp"

namespace ucf::connectors::confluence {

class ConfluenceConnector final : public HttpConnector {
 public:
  ConfluenceConnector();

  const ConnectorDescription& Describe() const override { return description_; }
  absl::Status ValidateConfig(const boost::json::object& config) const override;
  absl::StatusOr<AccountInfo> CheckCredentials(ApiClient& api) const override;

  absl::StatusOr<Page<Container>> ListContainers(ApiClient& api,
                                                 const PageRequest& page) const override;
  absl::StatusOr<Page<Item>> ListItems(ApiClient& api, const ItemQuery& query) const override;
  absl::StatusOr<Item> GetItem(ApiClient& api, std::string_view item_id) const override;
  absl::StatusOr<Page<Comment>> ListComments(ApiClient& api, std::string_view item_id,
                                             const PageRequest& page) const override;
  absl::StatusOr<Item> CreateItem(ApiClient& api, const NewItem& item) const override;
  absl::StatusOr<Comment> CreateComment(ApiClient& api, const NewComment& comment) const override;

 private:
  ConnectorDescription description_;
};

std::unique_ptr<Connector> MakeConfluenceConnector();

}  // namespace ucf::connectors::confluence
