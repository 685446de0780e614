#pragma once
// The original's connection routes, real: list, upsert, read, update, delete, revoke, stored
// token (admin only to read), sync cursors.

#include "ucf/api/api_deps.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class ConnectionsHandler {
 public:
  explicit ConnectionsHandler(const ApiDeps& deps) : deps_(deps) {}

  http::Response List(http::Request& request) const;
  http::Response Upsert(http::Request& request) const;
  http::Response Get(http::Request& request) const;
  http::Response Update(http::Request& request) const;
  http::Response Delete(http::Request& request) const;
  http::Response RevokeByBody(http::Request& request) const;
  http::Response RevokeById(http::Request& request) const;
  http::Response StoreToken(http::Request& request) const;
  http::Response ReadToken(http::Request& request) const;
  http::Response GetSyncState(http::Request& request) const;
  http::Response PutSyncState(http::Request& request) const;

 private:
  http::Response Revoke(http::Request& request, std::string_view id, std::string_view reason) const;

  ApiDeps deps_;
};

}  // namespace ucf::api
