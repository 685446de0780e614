#pragma once
// One entry of the route table: method, path pattern, handler, and what the middlewares need to
// know about it (who may call it, where it runs, how it is documented).

#include <functional>
#include <string>

#include "ucf/http/request.hpp"
#include "ucf/http/router/operation_doc.hpp"
#include "ucf/http/response.hpp"

namespace ucf::http {

using Handler = std::function<Response(Request&)>;

// Who may call a route. Every route must say; the isolation test iterates the table.
enum class Access {
  kPublic,  // no credentials (health, metrics, docs, OAuth browser callback, inbound webhooks)
  kAdmin,   // the admin token only
  kTenant,  // a tenant API key (or the admin token acting on X-Tenant-Id)
  kUnclassified,  // the default: a route left here fails the route-table test
};

// Where the handler runs: inline on the network thread (cheap, never blocks), on the bounded
// worker pool (storage work), or on the upstream pool (handlers that call providers, which may
// take seconds): a slow provider can fill the upstream pool but never starves local requests.
enum class Execution { kInline, kWorker, kUpstream };

struct Route {
  std::string method;   // "GET", "POST", …; "*" = every method (the passthrough proxy)
  std::string pattern;  // "/api/connections/{id}"; a last segment "{path...}" captures the rest
  Handler handler;
  std::string summary;  // one line for the OpenAPI document
  Access access = Access::kUnclassified;
  Execution execution = Execution::kWorker;
  std::string tag;      // OpenAPI tag
  OperationDoc doc;     // request/response schemas for the OpenAPI document
  // The request body is streamed to the handler (Request::body_stream) instead of being read
  // whole under UCF_MAX_BODY_BYTES. Only for handlers that pass bodies on (the proxy).
  bool streams_request_body = false;
  // Optional, for kUpstream routes: true when this request's handler will neither block nor wait
  // (e.g. everything it needs is in memory); then it runs on the network thread instead of being
  // queued on the upstream pool. Called on the network thread before authentication: must answer
  // from memory only.
  std::function<bool(const Request&)> runs_inline;
};

}  // namespace ucf::http
