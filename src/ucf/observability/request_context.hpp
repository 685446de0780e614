#pragma once
// Per-request identity carried through middleware and handlers, and made visible to the logger
// on whatever thread runs the request through a thread-local "current context" scope.

#include <string>

namespace ucf::observability {

struct RequestContext {
  std::string request_id;
  std::string trace_id;     // W3C trace id (32 hex): the caller's traceparent, else a new trace
  std::string span_id;      // this request's span (16 hex)
  std::string trace_flags;  // "01" sampled / "00"
  std::string tenant_id;       // resolved tenant (after authentication), else the raw X-Tenant-Id
  std::string api_tag;
  std::string client_address;
  std::string actor;           // api key id, "admin", or empty when unauthenticated
  bool is_admin = false;
  bool read_only = false;      // authenticated with a read-only API key
};

// The context of the request being handled on this thread, or nullptr.
const RequestContext* CurrentRequestContext();

// Makes `context` current on this thread for the scope's lifetime; restores the previous one.
// Not copyable; `context` must outlive the scope.
class ScopedRequestContext {
 public:
  explicit ScopedRequestContext(const RequestContext& context);
  ~ScopedRequestContext();
  ScopedRequestContext(const ScopedRequestContext&) = delete;
  ScopedRequestContext& operator=(const ScopedRequestContext&) = delete;

 private:
  const RequestContext* previous_;
};

}  // namespace ucf::observability
