#pragma once
// SalesforceConnector: a Salesforce org through the REST API (connector.hpp has the error
// contract). The ApiClient's base URL is the versioned data root of the org's My Domain,
// https://<myDomain>.my.salesforce.com/services/data/<apiVersion> — the catalog template over the
// urlParams the tenant gave at connect time. The token response's instance_url is kept with the
// connection for information only and never used as the API base: where the access token may go
// is decided by the catalog (the My Domain host, a placeholder that cannot change the host), not
// by a value in a provider answer. My Domain serves the org's API since Salesforce enforced My
// Domain for every org (Winter '23), so both name the same org.
//
//   CheckCredentials  GET <org>/services/oauth2/userinfo
//   ListContainers    GET /sobjects (describeGlobal), queryable objects only; offset paging over
//                     the answer (next = the next offset)
//   ListItems         GET /query?q=SELECT FIELDS(STANDARD) FROM <o> ORDER BY SystemModstamp DESC,
//                     Id DESC, Sforce-Query-Options batchSize = max(limit, 200) (Salesforce's
//                     minimum, so a page holds up to 200 records whatever the limit); next =
//                     nextRecordsUrl (a cursor given back must be such a "/services/data/…/query/"
//                     path); with q: GET /sobjects/<o>/describe (its name field), then
//                     GET /search?q=FIND {<escaped q>} IN ALL FIELDS RETURNING <o>(…) LIMIT <limit>
//                     (one page)
//   GetItem           GET /sobjects/<o>/<id>
//   ListComments      GET /sobjects/<o>/describe; without feedEnabled Unimplemented (HTTP 501);
//                     else GET /chatter/feeds/record/<id>/feed-elements, next = nextPageUrl
//   CreateItem        GET /sobjects/<o>/describe (title -> the createable name field or Subject,
//                     body -> Description), POST /sobjects/<o>, then GET the new record
//   CreateComment     describe as ListComments, POST /chatter/feed-elements (a FeedItem)
// Errors: Salesforce's error bodies ([{"message","errorCode"}]) pass through as the HTTP mapping
// says, except REQUEST_LIMIT_EXCEEDED (403: the org's 24-hour API allowance is spent), which
// becomes ResourceExhausted (429 rate_limited, Retry-After 3600). INVALID_SESSION_ID (401) is the
// ApiClient's: one forced token refresh, one retry.
// Every answer's Sforce-Limit-Info ("api-usage=25/5000") is written to the ApiUsageBoard under
// the connection id (GET /api/connections/{id} shows it as metadata.apiUsage).
// Immutable apart from the board; thread-safe.

#include <memory>

#include "ucf/connectors/api_usage_board.hpp"
#include "ucf/connectors/connector.hpp"

namespace ucf::connectors::salesforce {

class SalesforceConnector final : public HttpConnector {
 public:
  // `usage` may be null (nothing recorded); it must outlive the connector.
  explicit SalesforceConnector(ApiUsageBoard* usage);

  const ConnectorDescription& Describe() const override { return description_; }
  absl::StatusOr<AccountInfo> CheckCredentials(ApiClient& api) const override;

  absl::StatusOr<Page<Container>> ListContainers(ApiClient& api, const PageRequest& page) const override;
  absl::StatusOr<Page<Item>> ListItems(ApiClient& api, const ItemQuery& query) const override;
  absl::StatusOr<Item> GetItem(ApiClient& api, std::string_view item_id) const override;
  absl::StatusOr<Page<Comment>> ListComments(ApiClient& api, std::string_view item_id,
                                             const PageRequest& page) const override;
  absl::StatusOr<Item> CreateItem(ApiClient& api, const NewItem& item) const override;
  absl::StatusOr<Comment> CreateComment(ApiClient& api, const NewComment& comment) const override;

 private:
  // One provider call: limit info recorded, REQUEST_LIMIT_EXCEEDED turned into a rate limit.
  absl::StatusOr<http::UpstreamResponse> Call(ApiClient& api, std::string_view method, std::string_view path,
                                              std::string_view body = {}, const http::Headers& headers = {}) const;
  absl::StatusOr<boost::json::object> GetJson(ApiClient& api, std::string_view path,
                                              const http::Headers& headers = {}) const;

  ConnectorDescription description_;
  ApiUsageBoard* usage_;
};

std::unique_ptr<Connector> MakeSalesforceConnector(ApiUsageBoard* usage);

}  // namespace ucf::connectors::salesforce
