#pragma once
// The original's connection routes, real: list, upsert, read, update, delete, revoke, stored
// token (admin only to read), sync cursors.

#include "ucf/api/api_deps.hpp"
#include "ucf/api/api_result.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class ConnectionsHandler {
 public:
  // What the handler uses (and nothing else); all must outlive it. The route-table test builds
  // handlers without services and never calls them.
  struct Services {
    connections::ConnectionService* connections = nullptr;
    connections::Revoker* revoker = nullptr;
    connections::ConnectionRemoval* removal = nullptr;  // DELETE: the provider side first
    const connectors::ApiUsageBoard* api_usage = nullptr;  // GET: metadata.apiUsage; may be null
  };

  explicit ConnectionsHandler(Services services) : deps_(std::move(services)) {}

  // Written straight from the stored rows (no DOM): the bytes ConnectionJson would give.
  ApiTextResult List(http::Request& request) const;
  ApiResult Upsert(http::Request& request) const;
  ApiResult Get(http::Request& request) const;
  ApiResult Update(http::Request& request) const;
  ApiResult Delete(http::Request& request) const;
  ApiResult RevokeByBody(http::Request& request) const;
  ApiResult RevokeById(http::Request& request) const;
  ApiResult StoreToken(http::Request& request) const;
  ApiResult ReadToken(http::Request& request) const;
  ApiResult GetSyncState(http::Request& request) const;
  ApiResult PutSyncState(http::Request& request) const;

 private:
  ApiResult Revoke(http::Request& request, std::string_view id, std::string_view reason) const;

  Services deps_;
};

}  // namespace ucf::api
