#pragma once
// Session: what a connector works with for ONE connection during one request (or one sync run).
// The connection owner (connections/connector_manager.hpp) builds it from the stored connection:
// destination, credentials and address policy are decided there, never by the connector.
//
// A session is one of two kinds, chosen by the connector's ConnectorDescription::session:
//   HTTP  an ApiClient (api_client.hpp) — base URL, auth headers, retries, SSRF guard;
//   SQL   a SqlSession (sql_session.hpp) — the connection's checked fields (secrets opened), the
//         address policy for the database host and a slot for the connector's open database
//         connection, which lives as long as the session.
// Http()/Sql() return the session as that kind, or nullptr. HttpOf/SqlOf turn a wrong kind into
// FailedPrecondition "misconfigured" (a connector registered with the wrong session kind).
// Not thread-safe unless the concrete kind says so (ApiClient is).

#include <string_view>

#include "absl/status/statusor.h"

namespace ucf::connectors {

class ApiClient;
class SqlSession;

class Session {
 public:
  virtual ~Session() = default;

  // The connection this session acts for (cursor binding, webhook URLs, log lines).
  virtual std::string_view ConnectionId() const = 0;

  virtual ApiClient* Http() { return nullptr; }
  virtual SqlSession* Sql() { return nullptr; }
};

absl::StatusOr<ApiClient*> HttpOf(Session& session);
absl::StatusOr<SqlSession*> SqlOf(Session& session);

}  // namespace ucf::connectors
