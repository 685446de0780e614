#include "ucf/connectors/session.hpp"

#include "ucf/core/error_details.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::connectors {
namespace {

absl::Status WrongKind(const Session& session, std::string_view wanted) {
  return core::WithDetails(
      absl::FailedPreconditionError(core::StrCat("connection ", session.ConnectionId(), " has no ", wanted,
                                                 " session for this connector")),
      {{"reason", "misconfigured"}, {"connectionId", std::string(session.ConnectionId())}});
}

}  // namespace

absl::StatusOr<ApiClient*> HttpOf(Session& session) {
  if (ApiClient* api = session.Http()) return api;
  return WrongKind(session, "HTTP");
}

absl::StatusOr<SqlSession*> SqlOf(Session& session) {
  if (SqlSession* sql = session.Sql()) return sql;
  return WrongKind(session, "SQL");
}

}  // namespace ucf::connectors
