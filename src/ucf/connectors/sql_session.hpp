#pragma once
// SqlSession: the Session of a connector that reads a customer database (ConnectorDescription::
// session == SessionKind::kSql). Built by the connection owner (connections/) from the stored
// connection: `fields` is the connection's config with its sealed fields opened (it holds the
// password: SECRET — never log, render or return it), `check_host` is the address policy for the
// database host (the same ranges as HTTP upstreams, http/client/address_policy.hpp; private
// networks only with UCF_ALLOW_PRIVATE_DATABASES). The connector parses the fields, dials the
// database itself and may keep the open connection in `handle` for the rest of the session (one
// browse request, or one whole sync run); it is closed when the session is destroyed.
// Not thread-safe: one request at a time.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "boost/json/object.hpp"
#include "ucf/connectors/session.hpp"

namespace ucf::connectors {

// OK when the database host (a name or an IP literal; later every address a name resolves to)
// may be dialled; PermissionDenied otherwise.
using HostCheck = std::function<absl::Status(std::string_view host)>;

// An open database connection a connector keeps in the session.
class SqlHandle {
 public:
  virtual ~SqlHandle() = default;
};

class SqlSession final : public Session {
 public:
  SqlSession(std::string connection_id, boost::json::object fields, HostCheck check_host)
      : connection_id_(std::move(connection_id)), fields_(std::move(fields)), check_host_(std::move(check_host)) {}

  std::string_view ConnectionId() const override { return connection_id_; }
  SqlSession* Sql() override { return this; }

  const boost::json::object& fields() const { return fields_; }  // SECRET inside
  const HostCheck& check_host() const { return check_host_; }

  SqlHandle* handle() const { return handle_.get(); }
  void set_handle(std::unique_ptr<SqlHandle> handle) { handle_ = std::move(handle); }

 private:
  std::string connection_id_;
  boost::json::object fields_;
  HostCheck check_host_;
  std::unique_ptr<SqlHandle> handle_;
};

}  // namespace ucf::connectors
