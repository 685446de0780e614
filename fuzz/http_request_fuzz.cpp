// The server's request path up to routing, on arbitrary bytes: Beast's parser with the server's
// limits (ServerOptions defaults), the head as the server builds it (http::Request, SplitTarget),
// the query and path parameter bounds, and the router over UCF's route shapes. Nothing may crash,
// and a routed request's parameters are never empty and never hold a '/'.

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "fuzz/fuzz_input.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/router/router.hpp"
#include "ucf/http/server/server.hpp"

namespace bhttp = boost::beast::http;

namespace {

const ucf::http::Router& Routes() {
  static const auto* router = [] {
    std::vector<ucf::http::Route> routes;
    for (const char* spec : {
             "GET /", "GET /healthz", "GET /api/connectors", "GET /api/connectors/{id}",
             "POST /api/connectors/{id}/connect", "GET /api/connectors/{id}/items",
             "GET /api/connections", "POST /api/connections", "GET /api/connections/{id}",
             "PATCH /api/connections/{id}", "DELETE /api/connections/{id}",
             "GET /api/connections/{id}/items/{itemId}",
             "POST /api/connections/{id}/items/{itemId}/comments", "GET /api/tenants",
             "DELETE /api/api-keys/{id}", "POST /webhooks/{provider}/{id}", "GET /docs/{path...}"}) {
      std::string_view s(spec);
      auto space = s.find(' ');
      ucf::http::Route r;
      r.method = std::string(s.substr(0, space));
      r.pattern = std::string(s.substr(space + 1));
      routes.push_back(std::move(r));
    }
    return new ucf::http::Router(std::move(routes));
  }();
  return *router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ucf::http::ServerOptions options;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
  parser.body_limit(options.max_body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Fed in two pieces, as a socket may deliver it.
  std::size_t cut = size ? data[0] % (size + 1) : 0;
  std::size_t used = parser.put(boost::asio::buffer(bytes.data(), cut), ec);
  if (ec == bhttp::error::need_more) ec = {};
  if (!ec) parser.put(boost::asio::buffer(bytes.data() + used, size - used), ec);
  if (!parser.is_header_done()) return 0;

  const auto& msg = parser.get();
  ucf::http::Request request;
  request.method = std::string(msg.method_string());
  request.target = std::string(msg.target());
  for (const auto& field : msg) request.headers.Add(field.name_string(), field.value());
  request.keep_alive = msg.keep_alive();
  if (!request.SplitTarget()) return 0;
  (void)request.Query("limit");
  (void)request.OversizedParameter(1024);
  (void)request.headers.Get("authorization");

  ucf::http::RouteMatch match = Routes().Match(request.method, request.path);
  if (match.kind == ucf::http::RouteMatch::Kind::kFound) {
    UCF_FUZZ_CHECK(match.route != nullptr);
    for (const auto& [name, value] : match.params) {
      if (name == "path") continue;  // the rest-of-path capture
      UCF_FUZZ_CHECK(!value.empty());
      UCF_FUZZ_CHECK(value.find('/') == std::string::npos);
    }
    request.path_params = std::move(match.params);
    (void)request.OversizedParameter(16);
  }
  return 0;
}
